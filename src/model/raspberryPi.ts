import type { Actor } from 'xstate';
import { assertArgument } from '../sim/limits.ts';
import type { RandomStream } from '../sim/random.ts';
import { Nic } from './link.ts';
import type { NfsServer } from './nfsServer.ts';
import { ChangeListeners, startPart, stateValueToString } from './part.ts';
import type { ModelContext } from './part.ts';
import type { SwitchDevice } from './networkSwitch.ts';
import { reservePath } from './pathTransfer.ts';
import { raspberryPiCrashRule, raspberryPiMachine } from './raspberryPiMachine.ts';
import type { BootPlan, StallStage } from './raspberryPiMachine.ts';
import { raspberryPiParams } from './raspberryPiParams.ts';
import type { PiModel, RaspberryPiOverrides, RaspberryPiParams } from './raspberryPiParams.ts';
import { advanceSdCard, forecastSdFailure, ioStallMs, sdWearShare } from './sdCard.ts';
import type { SdCardState } from './sdCard.ts';
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
  private stateName = '';
  // What the state's tags say, kept as fields: read on every request the Pi serves.
  private upNow = false;
  private throttledNow = false;
  private poweredNow = false;
  private portPowered = false;
  private enclosureOnline = true;
  private forcedStall: StallStage | undefined;
  private writeBytesPerSecond = 0;
  private sd: SdCardState = { backlogBytes: 0, wornBytes: 0 };
  private sdSyncedAtMs = 0;
  private sdTimerId: number | undefined;
  private writebackTimerId: number | undefined;
  private bootsCount = 0;
  private nfsWritebacksRefused = 0;

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
    this.bootStream = context.kernel.random.stream(`raspberryPi.${id}.boot`);
    this.listeners = new ChangeListeners(`raspberryPi ${id}`);
    if (this.nfsServer !== undefined) {
      if (this.nfsServer.rootOf(id) === undefined) this.nfsServer.addExport(id);
      this.nfsServer.onChange(() => this.notify());
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

  /** Watts drawn now: nothing when off, less while throttled. */
  powerDrawWatts(): number {
    if (!this.isPowered()) return 0;
    return this.isThrottled() ? this.params.throttledPowerWatts : this.params.poeDrawWatts;
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
    this.syncSd();
    this.writeBytesPerSecond = bytesPerSecond;
    this.rescheduleStorage();
  }

  /** Fault: the card has already absorbed this many bytes (an old card). */
  addSdWear(bytes: number): void {
    assertArgument(bytes >= 0, `raspberryPi ${this.id}: addSdWear: bytes must be non-negative, got ${bytes}`);
    this.syncSd();
    this.sd = { ...this.sd, wornBytes: this.sd.wornBytes + bytes };
    this.rescheduleStorage();
  }

  /**
   * Fault: the SD card dies (its flash is used up). A Pi with its root on the card falls over at
   * once; one with its root on NFS runs on (004_b8bc5fb3cdb64335.txt's reason for the NFS root).
   */
  failSdCard(): void {
    this.syncSd();
    this.sd = { ...this.sd, wornBytes: Math.max(this.sd.wornBytes, this.params.sdCard.enduranceBytes) };
    this.rescheduleStorage();
  }

  /** Operator: a new SD card (as when the Pi is replaced). */
  replaceSdCard(): void {
    this.syncSd();
    this.sd = { backlogBytes: 0, wornBytes: 0 };
    this.rescheduleStorage();
  }

  sdCardStatus(): { backlogBytes: number; ioStallMs: number; wearShare: number } {
    this.syncSd();
    return {
      backlogBytes: this.sd.backlogBytes,
      ioStallMs: ioStallMs(this.params.sdCard, this.sd.backlogBytes),
      wearShare: sdWearShare(this.params.sdCard, this.sd),
    };
  }

  get nfsWritebacksRefusedCount(): number {
    return this.nfsWritebacksRefused;
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
      this.syncSd(wasUp);
      if (!this.isUp()) this.sd = { ...this.sd, backlogBytes: 0 };
      this.rescheduleStorage();
    }
    this.notify();
  }

  private notify(): void {
    this.listeners.notify();
  }

  /** Brings the card's state up to now, under the load that applied since the last sync. */
  private syncSd(wasUp = this.isUp()): void {
    const nowMs = this.context.kernel.nowMs;
    const load = wasUp && this.params.rootFilesystem === 'sd' ? this.writeBytesPerSecond : 0;
    this.sd = advanceSdCard(this.params.sdCard, this.sd, load, nowMs - this.sdSyncedAtMs);
    this.sdSyncedAtMs = nowMs;
  }

  private rescheduleStorage(): void {
    const kernel = this.context.kernel;
    if (this.sdTimerId !== undefined) kernel.cancelCallback(this.sdTimerId);
    this.sdTimerId = undefined;
    if (this.writebackTimerId !== undefined) kernel.cancelCallback(this.writebackTimerId);
    this.writebackTimerId = undefined;
    if (!this.isUp()) return;
    if (this.params.rootFilesystem === 'sd') {
      const forecast = forecastSdFailure(this.params.sdCard, this.sd, this.writeBytesPerSecond);
      if (forecast === undefined) return;
      this.sdTimerId = kernel.scheduleCallback(forecast.inMs, () => {
        this.sdTimerId = undefined;
        this.syncSd();
        kernel.trace.record({
          timeMs: kernel.nowMs,
          part: this.id,
          event: 'storageFailed',
          details: {
            cause: forecast.cause,
            ioStallMs: ioStallMs(this.params.sdCard, this.sd.backlogBytes),
            wearShare: sdWearShare(this.params.sdCard, this.sd),
          },
        });
        this.actor.send({ type: 'STORAGE_FAILED' });
      });
    } else if (this.writeBytesPerSecond > 0) {
      this.scheduleWriteback();
    }
  }

  /** NFS write-back: every interval, the dirty bytes go over the NIC to the file server's port. */
  private scheduleWriteback(): void {
    const kernel = this.context.kernel;
    const intervalMs = this.params.nfsWritebackIntervalMs;
    this.writebackTimerId = kernel.scheduleCallback(intervalMs, () => {
      this.writebackTimerId = undefined;
      const server = this.nfsServer;
      if (server === undefined || !this.isUp()) return;
      const bytes = (this.writeBytesPerSecond * intervalMs) / 1000;
      const finishMs = server.isServing()
        ? reservePath(kernel.nowMs, [this.nic.transmit, server.nic.receive], bytes)
        : Number.NaN;
      if (Number.isNaN(finishMs)) {
        this.nfsWritebacksRefused++;
        kernel.trace.record({
          timeMs: kernel.nowMs,
          part: this.id,
          event: 'nfsWritebackRefused',
          details: { bytes, serverServing: server.isServing() },
        });
      } else {
        server.noteWrite(this.id, bytes);
      }
      this.scheduleWriteback();
    });
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
