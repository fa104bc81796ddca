import type { Actor } from 'xstate';
import { assertArgument } from '../sim/limits.ts';
import type { RandomStream } from '../sim/random.ts';
import { Nic } from './link.ts';
import type { NfsServer } from './nfsServer.ts';
import { ChangeListeners, startPart, stateValueToString } from './part.ts';
import type { ModelContext } from './part.ts';
import type { SwitchDevice } from './networkSwitch.ts';
import { NfsRootWriteback } from './nfsRootWriteback.ts';
import { raspberryPiCrashRule, raspberryPiMachine } from './raspberryPiMachine.ts';
import type { BootPlan, StallStage } from './raspberryPiMachine.ts';
import { raspberryPiParams } from './raspberryPiParams.ts';
import type { PiModel, RaspberryPiOverrides, RaspberryPiParams } from './raspberryPiParams.ts';
import { cpuUtilisation, powerWatts, writeBytesPerSecond } from './piWork.ts';
import type { PiWork } from './piWork.ts';
import { SdCardSlot } from './sdCardSlot.ts';
import type { WebServerHost } from './webServerHost.ts';

/** What a Pi is wired to; the scenario runner builds these first. */
export interface RaspberryPiLinks {
  /** The file server holding its root, when rootFilesystem is 'nfs'. */
  nfsServer?: NfsServer;
}

/**
 * A Raspberry Pi 2 or 3: powered over Ethernet by its switch port, booted from SD or the network,
 * root on SD or NFS, a 100 Mbps NIC shared by storage, DB and HTTP, and CPU throttling set by the
 * shelf's thermal model. It is a WebServerHost, so it can sit behind the CDN as a web server.
 */
export class RaspberryPi implements WebServerHost, SwitchDevice {
  readonly kind = 'pi' as const;
  readonly nic: Nic;
  readonly workerSlots: number;
  readonly uncachedPageCpuMs: number;
  readonly poeDrawWatts: number;
  private readonly actor: Actor<typeof raspberryPiMachine>;
  private readonly bootStream: RandomStream;
  private readonly listeners: ChangeListeners;
  private readonly nfsServer: NfsServer | undefined;
  private readonly nfsRoot: NfsRootWriteback | undefined;
  private stateName = '';
  // What the state's tags say, kept as fields: read on every request the Pi serves.
  private upNow = false;
  private throttledNow = false;
  private poweredNow = false;
  private portPowered = false;
  private enclosureOnline = true;
  private forcedStall: StallStage | undefined;
  private writeBytesPerSecond = 0;
  private readonly sd: SdCardSlot;
  private bootsCount = 0;
  private utilisation = 0;
  private shutDownByHeat = false;

  constructor(
    private readonly context: ModelContext,
    readonly id: string,
    readonly params: RaspberryPiParams,
    links: RaspberryPiLinks = {},
  ) {
    assertArgument(
      params.rootFilesystem !== 'nfs' || links.nfsServer !== undefined,
      `raspberryPi ${id}: rootFilesystem 'nfs' needs an nfsServer to hold its root`,
    );
    this.nfsServer = params.rootFilesystem === 'nfs' ? links.nfsServer : undefined;
    this.nic = new Nic(`${id}.nic`, params.nicBitsPerSecond, params.nicBacklogMsMax);
    this.workerSlots = params.cores;
    this.uncachedPageCpuMs = params.uncachedPageCpuMs;
    this.poeDrawWatts = params.poeDrawWatts;
    this.sd = new SdCardSlot(
      context.kernel,
      {
        id,
        isUp: () => this.isUp(),
        rootOnCard: params.rootFilesystem === 'sd',
        writeBytesPerSecond: () => this.writeBytesPerSecond,
        storageFailed: () => this.actor.send({ type: 'STORAGE_FAILED' }),
      },
      params.sdCard,
    );
    this.bootStream = context.kernel.random.stream(`raspberryPi.${id}.boot`);
    this.listeners = new ChangeListeners(`raspberryPi ${id}`);
    if (this.nfsServer !== undefined) {
      if (this.nfsServer.rootOf(id) === undefined) this.nfsServer.addExport(id);
      this.nfsServer.onChange(() => this.notify());
      this.nfsRoot = new NfsRootWriteback(
        context.kernel,
        {
          id,
          nic: this.nic,
          isUp: () => this.isUp(),
          writeBytesPerSecond: () => this.writeBytesPerSecond,
          storageFailed: () => this.actor.send({ type: 'STORAGE_FAILED' }),
        },
        this.nfsServer,
        params.nfsWritebackIntervalMs,
        params.sdCard.ioPatienceMs,
      );
    }
    this.portPowered = params.initiallyUp;
    this.actor = startPart(
      context,
      id,
      `raspberryPi.${params.model}`,
      raspberryPiMachine,
      {
        initiallyUp: params.initiallyUp,
        networkBoot: params.bootSource === 'network',
        netboot: params.netboot,
      },
      { crashRule: raspberryPiCrashRule },
    );
    this.stateName = this.state;
    this.takeTags();
    this.actor.subscribe(() => this.onSnapshot());
  }

  /** The machine's state as a dotted path, e.g. `booting.tftp`, `up.throttled`. */
  get state(): string {
    return stateValueToString(this.actor.getSnapshot().value);
  }

  // These are read on every request the Pi serves, so they read what the Pi keeps of its state's
  // tags (updated synchronously on every transition) rather than asking the snapshot each time.
  isUp(): boolean {
    return this.upNow;
  }

  isThrottled(): boolean {
    return this.throttledNow;
  }

  /** Whether the Pi has power at all (it draws while booting, up, stalled or crashed). */
  isPowered(): boolean {
    return this.poweredNow;
  }

  private takeTags(): void {
    const snapshot = this.actor.getSnapshot();
    this.upNow = snapshot.hasTag('serving');
    this.throttledNow = snapshot.hasTag('throttled');
    this.poweredNow = !snapshot.hasTag('unpowered');
  }

  get boots(): number {
    return this.bootsCount;
  }

  // --- WebServerHost ---

  /** Up, and its root reachable: an NFS-root Pi hangs on IO while its file server is down. */
  isAccepting(): boolean {
    return this.isUp() && (this.nfsServer === undefined || this.nfsServer.isServing());
  }

  cpuSlowdown(): number {
    return this.params.softwareSlowdown * (this.isThrottled() ? this.params.throttledCpuSlowdown : 1);
  }

  /** Uncached page time now, before DB round trips: slower while throttled. */
  pageTimeMs(): number {
    return this.uncachedPageCpuMs * this.cpuSlowdown();
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  // --- power, from the switch (PoE) and the shelf ---

  /** The switch turns this Pi's port PoE on or off. */
  setPortPower(on: boolean): void {
    this.portPowered = on;
    this.applyPower();
  }

  /** The shelf goes offline (to replace a Pi) or back online: no shelf, no power. */
  setEnclosureOnline(online: boolean): void {
    this.enclosureOnline = online;
    this.applyPower();
  }

  /** Watts drawn now: nothing when off; idle plus the CPU's share of its load, less while throttled. */
  powerDrawWatts(): number {
    if (!this.isPowered()) return 0;
    return this.drawAtClock(this.isThrottled() ? this.params.throttledCpuSlowdown : 1);
  }

  /** Watts it would draw now at full clock: what decides whether the firmware throttles it. */
  unthrottledDrawWatts(): number {
    return this.isPowered() ? this.drawAtClock(1) : 0;
  }

  /** Share of its cores its recent work kept busy (0 while not up). */
  cpuUtilisation(): number {
    return this.isUp() ? this.utilisation : 0;
  }

  private drawAtClock(clockSlowdown: number): number {
    const p = this.params;
    return powerWatts(p.poeDrawWatts, p.busyWatts, this.cpuUtilisation(), clockSlowdown);
  }

  /**
   * The requests the Pi answered over the last interval, by what they cost: they set its write
   * load (a log line per cached hit, a render's files) and its CPU load, hence its power.
   */
  noteWork(work: PiWork): void {
    const p = this.params;
    const bytesPerSecond = writeBytesPerSecond(work, p.cachedHitWriteBytes, p.renderWriteBytes);
    const utilisation = cpuUtilisation(
      work,
      this.pageTimeMs(),
      p.cachedHitCpuMs * this.cpuSlowdown(),
      p.cores,
    );
    const powerBefore = this.powerDrawWatts();
    this.utilisation = utilisation;
    this.setWriteLoad(bytesPerSecond);
    if (this.powerDrawWatts() !== powerBefore) this.notify();
  }

  /** Overheating: past its shutdown temperature the Pi powers itself off (see shutdownCelsius). */
  shutDownHot(celsius: number): void {
    if (!this.isPowered()) return;
    this.context.kernel.trace.record({
      timeMs: this.context.kernel.nowMs,
      part: this.id,
      event: 'thermalShutdown',
      details: { celsius },
    });
    this.shutDownByHeat = true;
    this.actor.send({ type: 'POWER_OFF' });
  }

  /** Off because it overheated, until power comes back (a power cycle): the shelf's alarm stays on. */
  isShutDownByHeat(): boolean {
    return this.shutDownByHeat;
  }

  // --- thermal, set by the shelf ---

  /** The shelf's thermal model decided the SoC crossed its throttle point (or came back under it). */
  setThrottled(throttled: boolean): void {
    if (!this.isUp() || throttled === this.isThrottled()) return;
    this.actor.send({ type: throttled ? 'THROTTLE' : 'UNTHROTTLE' });
  }

  // --- storage ---

  /**
   * The rate at which the Pi's software writes to its root filesystem while up (logs, caches,
   * sessions, uploads). On an SD root it goes to the card; on an NFS root it is written back over
   * the NIC to the file server every nfsWritebackIntervalMs.
   */
  setWriteLoad(bytesPerSecond: number): void {
    assertArgument(
      bytesPerSecond >= 0 && Number.isFinite(bytesPerSecond),
      `raspberryPi ${this.id}: setWriteLoad: bytesPerSecond must be a non-negative number, got ${bytesPerSecond}`,
    );
    this.sd.sync();
    this.nfsRoot?.accrue();
    this.writeBytesPerSecond = bytesPerSecond;
    this.rescheduleStorage();
  }

  /** Fault: the card has already absorbed this many bytes (an old card). */
  addSdWear(bytes: number): void {
    assertArgument(bytes >= 0, `raspberryPi ${this.id}: addSdWear: bytes must be non-negative, got ${bytes}`);
    this.sd.sync();
    this.sd.addWear(bytes);
    this.rescheduleStorage();
  }

  /**
   * Fault: the SD card dies (its flash is used up). A Pi with its root on the card falls over at
   * once; one with its root on NFS runs on (004_b8bc5fb3cdb64335.txt's reason for the NFS root).
   */
  failSdCard(): void {
    this.sd.sync();
    this.sd.wearOut();
    this.rescheduleStorage();
  }

  /** Operator: a new SD card (as when the Pi is replaced). */
  replaceSdCard(): void {
    this.sd.sync();
    this.sd.replace();
    this.rescheduleStorage();
  }

  sdCardStatus(): { backlogBytes: number; ioStallMs: number; wearShare: number } {
    this.sd.sync();
    return this.sd.status();
  }

  get nfsWritebacksRefusedCount(): number {
    return this.nfsRoot?.writebacksRefused ?? 0;
  }

  /**
   * Bytes the Pi has written to its NFS root (offered), delivered to the file server, lost (dirty
   * in memory when it stopped) and still dirty: written = delivered + lost + dirty.
   */
  nfsBytes(): { written: number; delivered: number; lost: number; dirty: number } {
    return this.nfsRoot?.bytes() ?? { written: 0, delivered: 0, lost: 0, dirty: 0 };
  }

  // --- faults ---

  /** Fault: the next boot stalls at this stage (default DHCP) whatever the random draw says. */
  stallNextBoot(stage: StallStage = this.params.bootSource === 'network' ? 'dhcp' : 'mountRoot'): void {
    assertArgument(
      this.params.bootSource === 'network' || stage === 'mountRoot',
      `raspberryPi ${this.id}: stallNextBoot: a Pi booting from SD can stall only at 'mountRoot', got '${stage}'`,
    );
    this.forcedStall = stage;
  }

  // --- internals ---

  private applyPower(): void {
    const wanted = this.portPowered && this.enclosureOnline;
    if (wanted && !this.isPowered()) {
      this.bootsCount++;
      this.shutDownByHeat = false;
      this.actor.send({ type: 'POWER_ON', plan: this.drawBootPlan() });
    } else if (!wanted && this.isPowered()) {
      this.actor.send({ type: 'POWER_OFF' });
    }
  }

  private drawBootPlan(): BootPlan {
    const stages: StallStage[] = [];
    if (this.params.bootSource === 'network') stages.push('dhcp', 'tftp');
    if (this.params.rootFilesystem === 'nfs') stages.push('mountRoot');
    // Draw every boot, whatever the outcome, so one Pi's sequence of boots is reproducible.
    const stalls = this.bootStream.bernoulli(this.params.netboot.stallProbability);
    const stageIndex = this.bootStream.integer(Math.max(1, stages.length));
    let stallStage = stalls ? stages[stageIndex] : undefined;
    if (this.forcedStall !== undefined) {
      stallStage = this.forcedStall;
      this.forcedStall = undefined;
    }
    // An NFS root cannot be mounted while the file server is down: the boot hangs there.
    if (stallStage === undefined && this.nfsServer !== undefined && !this.nfsServer.isServing())
      stallStage = 'mountRoot';
    return { stallStage };
  }

  private onSnapshot(): void {
    const next = this.state;
    if (next === this.stateName) return;
    const wasUp = this.isUp();
    this.stateName = next;
    this.takeTags();
    if (wasUp !== this.isUp()) {
      // Dirty data in memory is lost when the Pi stops; the card's wear stays.
      this.sd.sync(wasUp);
      this.nfsRoot?.accrue(wasUp);
      if (!this.isUp()) {
        this.sd.dropBacklog();
        this.nfsRoot?.stop();
      }
      this.rescheduleStorage();
    }
    this.notify();
  }

  private notify(): void {
    this.listeners.notify();
  }

  /** After any change of load, wear or state: a new SD failure forecast, and the NFS flusher running. */
  private rescheduleStorage(): void {
    this.sd.reschedule();
    // A change of load leaves a pending write-back alone: the flusher runs on its own clock.
    if (this.isUp()) this.nfsRoot?.ensureScheduled();
  }
}

/** Builds a Pi of a model with its calibrated defaults and any overrides. */
export function createRaspberryPi(
  context: ModelContext,
  id: string,
  model: PiModel,
  overrides: RaspberryPiOverrides = {},
  links: RaspberryPiLinks = {},
): RaspberryPi {
  return new RaspberryPi(context, id, raspberryPiParams(model, overrides, `raspberryPi ${id}`), links);
}
