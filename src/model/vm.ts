import type { Actor } from 'xstate';
import { assertArgument } from '../sim/limits.ts';
import { planPreCopy, PRE_COPY_DEFAULTS } from './liveMigration.ts';
import type { PreCopyPlan } from './liveMigration.ts';
import type { Network, NetworkLocation } from './network.ts';
import { ChangeListeners, notifyOnStateChange, startPart, statesHandling } from './part.ts';
import type { ModelContext, PartTag } from './part.ts';
import { OPERATION_EVENTS, vmCrashRule, vmMachine } from './vmMachine.ts';
import type { ShutdownMode, VmEvent, VmOperation, VmState } from './vmMachine.ts';
import type { VmHost } from './vmHost.ts';

export interface VmParams {
  id: string;
  cores: number;
  ramBytes: number;
  /** Disk image copied on a cold move between hosts. */
  diskBytes: number;
  bootMs: number;
  /** Graceful shutdown: in-flight requests may finish for this long, then the VM is off. */
  gracefulShutdownMs: number;
  /** Vertical scaling: the VM is restarted with the new size, taking this long. */
  scaleMs: number;
  /** How fast the running VM dirties RAM (drives live migration). */
  dirtyBytesPerSecond: number;
  /** Boot again by itself when its host comes back after a reboot. */
  autostart: boolean;
  /** Already running when the run starts (no boot), as an estate is found rather than built. */
  initiallyRunning: boolean;
  /** Its address at the start; by default a fresh one from its host's site. */
  address?: string;
}

export const VM_DEFAULTS = {
  diskBytes: 20e9, // assumption: a web VM's root and WordPress files
  bootMs: 45_000, // assumption: a Debian VM boot plus Apache/MySQL start
  gracefulShutdownMs: 10_000, // assumption: Apache graceful-stop window plus OS shutdown
  scaleMs: 30_000, // 001_c0c3c660f1f73f92.txt: "in thirty seconds we had four times the RAM and double the CPU cores"
  dirtyBytesPerSecond: 20e6, // assumption: a PHP web VM rewrites ~20 MB/s of RAM under load
  autostart: true,
  initiallyRunning: false,
} as const;

// 001_c0c3c660f1f73f92.txt: "four times the RAM and double the CPU cores".
export const SCALE_RAM_FACTOR = 4;
export const SCALE_CORES_FACTOR = 2;

export type { ShutdownMode, VmEvent, VmOperation, VmState } from './vmMachine.ts';
export { vmCrashRule, vmMachine } from './vmMachine.ts';

/** What a live migration did or would do, as the operator sees it. */
export type LiveMigrationResult = PreCopyPlan & { fromHostId: string; toHostId: string };

/**
 * A virtual machine on a VM host. Its address belongs to its host's site, so moving it to another
 * site gives it a new one. Operator actions are methods; the machine keeps the timing.
 */
export class Vm {
  readonly params: VmParams;
  private readonly actor: Actor<typeof vmMachine>;
  private readonly listeners: ChangeListeners;
  private currentHost: VmHost;
  private pendingHost: VmHost | undefined;
  private pendingAddress: string | undefined;
  private currentAddress: string;
  private coresNow: number;
  private ramBytesNow: number;
  private pendingSize: { cores: number; ramBytes: number } | undefined;
  private runningWhenHostFell = false;
  private readonly watchedHosts = new Set<VmHost>();
  private relocationFailure: string | undefined;
  private watchingSiteLinks = false;
  /** The last live migration's plan, for reports and tests. */
  lastMigration: LiveMigrationResult | undefined;

  constructor(
    private readonly context: ModelContext,
    private readonly network: Network,
    host: VmHost,
    params: Partial<VmParams> & { id: string; cores: number; ramBytes: number },
  ) {
    this.params = { ...VM_DEFAULTS, ...params };
    assertArgument(
      Number.isInteger(params.cores) && params.cores > 0,
      `VM ${params.id}: cores must be a positive integer, got ${params.cores}`,
    );
    host.place({ id: params.id, cores: params.cores, ramBytes: params.ramBytes });
    this.currentHost = host;
    this.coresNow = params.cores;
    this.ramBytesNow = params.ramBytes;
    this.currentAddress = params.address ?? network.allocateAddress(host.params.siteId);
    this.listeners = new ChangeListeners(`VM ${params.id}`);
    const machine = vmMachine.provide({
      actions: {
        finishRelocation: () => this.finishRelocation(),
        abandonRelocation: () => this.abandonRelocation(),
        applySize: () => this.applySize(),
      },
    });
    this.actor = startPart(
      context,
      params.id,
      'vm',
      machine,
      {
        initiallyRunning: this.params.initiallyRunning,
        bootMs: this.params.bootMs,
        gracefulShutdownMs: this.params.gracefulShutdownMs,
        scaleMs: this.params.scaleMs,
      },
      { crashRule: vmCrashRule },
    );
    notifyOnStateChange(this.actor, this.listeners);
    this.watchHost(host);
  }

  get id(): string {
    return this.params.id;
  }

  get state(): VmState {
    return stateOf(this.actor.getSnapshot().value);
  }

  get host(): VmHost {
    return this.currentHost;
  }

  get address(): string {
    return this.currentAddress;
  }

  get cores(): number {
    return this.coresNow;
  }

  get ramBytes(): number {
    return this.ramBytesNow;
  }

  location(): NetworkLocation {
    return this.currentHost.location();
  }

  /** What its state means (`serving`, `down`, `booting`…), for readers that should not compare state names. */
  hasTag(tag: PartTag): boolean {
    return this.actor.getSnapshot().hasTag(tag);
  }

  /** Takes new connections: running, and not paused, draining or resizing. */
  isAccepting(): boolean {
    return this.actor.getSnapshot().hasTag('accepting');
  }

  /** Requests already accepted can finish: also while draining or in the migration pause. */
  isServing(): boolean {
    return this.actor.getSnapshot().hasTag('serving');
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  /**
   * Why the VM would refuse an operation now (its state does not take it, or its host is down),
   * or undefined when it would accept it: the machine decides, so no list of states is repeated.
   */
  whyNot(operation: VmOperation): string | undefined {
    if (!this.actor.getSnapshot().can(OPERATION_EVENTS[operation]))
      return `VM ${this.id}: cannot ${operation} while ${this.state}`;
    if (operation === 'start' && !this.currentHost.isUp())
      return `VM ${this.id}: cannot start, host ${this.currentHost.id} is ${this.currentHost.state}`;
    return undefined;
  }

  /** Why the last move or migration failed, if it did: a host at either end went down. */
  get lastRelocationFailure(): string | undefined {
    return this.relocationFailure;
  }

  start(): void {
    this.expectCan('start', { type: 'START' });
    assertArgument(
      this.currentHost.isUp(),
      `VM ${this.id}: cannot start, host ${this.currentHost.id} is ${this.currentHost.state}`,
    );
    this.actor.send({ type: 'START' });
  }

  /** Graceful lets in-flight requests finish (for gracefulShutdownMs); hard drops them now. */
  shutdown(mode: ShutdownMode): void {
    const event: VmEvent = mode === 'hard' ? { type: 'HARD_STOP' } : { type: 'SHUTDOWN' };
    this.expectCan(`shutdown ${mode}`, event);
    this.actor.send(event);
  }

  /**
   * Cold move of a stopped VM: same site, the disk moves over the site network; another site, over
   * the site link, and the VM gets a new address there. Reserves the destination now (throws if it
   * lacks room); the VM is stopped on the destination when the move ends.
   */
  move(toHost: VmHost, options: { durationMs?: number; address?: string } = {}): void {
    this.expectCan('move', { type: 'MOVE', durationMs: 0 });
    assertArgument(toHost !== this.currentHost, `VM ${this.id}: already on host ${toHost.id}`);
    toHost.place({ id: this.id, cores: this.coresNow, ramBytes: this.ramBytesNow });
    this.pendingHost = toHost;
    this.pendingAddress = options.address;
    this.relocationFailure = undefined;
    this.watchHost(toHost);
    this.watchSiteLinks(toHost);
    const bitsPerSecond = this.bitsPerSecondTo(toHost);
    const durationMs = options.durationMs ?? (this.params.diskBytes * 8 * 1000) / bitsPerSecond;
    this.actor.send({ type: 'MOVE', durationMs });
  }

  /**
   * Live migration by pre-copy. Returns the plan; when it cannot converge (dirty rate at or above
   * the link) the VM tries for roundsMax rounds' worth of time and stays where it is.
   */
  migrateLive(
    toHost: VmHost,
    options: { linkBitsPerSecond?: number; dirtyBytesPerSecond?: number; roundsMax?: number } = {},
  ): LiveMigrationResult {
    this.expectCan('migrate', { type: 'MIGRATE', preCopyMs: 0, pauseMs: 0, converges: true });
    assertArgument(toHost !== this.currentHost, `VM ${this.id}: already on host ${toHost.id}`);
    toHost.place({ id: this.id, cores: this.coresNow, ramBytes: this.ramBytesNow });
    this.pendingHost = toHost;
    this.relocationFailure = undefined;
    this.watchHost(toHost);
    this.watchSiteLinks(toHost);
    const linkBitsPerSecond = options.linkBitsPerSecond ?? this.bitsPerSecondTo(toHost);
    const roundsMax = options.roundsMax ?? PRE_COPY_DEFAULTS.roundsMax;
    const plan = planPreCopy({
      ramBytes: this.ramBytesNow,
      dirtyBytesPerSecond: options.dirtyBytesPerSecond ?? this.params.dirtyBytesPerSecond,
      linkBitsPerSecond,
      roundsMax,
      resumeMs: PRE_COPY_DEFAULTS.resumeMs,
    });
    const result: LiveMigrationResult = { ...plan, fromHostId: this.currentHost.id, toHostId: toHost.id };
    this.lastMigration = result;
    this.context.kernel.trace.record({
      timeMs: this.context.kernel.nowMs,
      part: this.id,
      event: plan.converged ? 'migrationPlanned' : 'migrationCannotConverge',
      details: plan.converged
        ? { preCopyMs: plan.preCopyMs, pauseMs: plan.pauseMs, rounds: plan.rounds }
        : { detail: plan.detail },
    });
    // A non-converging migration spends what its rounds would take copying, then gives up.
    const triedMs = ((roundsMax + 1) * this.ramBytesNow * 8 * 1000) / linkBitsPerSecond;
    this.actor.send(
      plan.converged
        ? { type: 'MIGRATE', preCopyMs: plan.preCopyMs, pauseMs: plan.pauseMs, converges: true }
        : { type: 'MIGRATE', preCopyMs: triedMs, pauseMs: 0, converges: false },
    );
    return result;
  }

  /** Vertical scaling: 4× RAM and 2× cores by default, on the same host (throws if it lacks room). */
  scale(options: { coresFactor?: number; ramFactor?: number } = {}): void {
    this.expectCan('scale', { type: 'SCALE' });
    const cores = Math.round(this.coresNow * (options.coresFactor ?? SCALE_CORES_FACTOR));
    const ramBytes = this.ramBytesNow * (options.ramFactor ?? SCALE_RAM_FACTOR);
    this.currentHost.place({ id: this.id, cores, ramBytes });
    this.pendingSize = { cores, ramBytes };
    this.actor.send({ type: 'SCALE' });
  }

  private bitsPerSecondTo(toHost: VmHost): number {
    const fromSite = this.currentHost.params.siteId;
    const toSite = toHost.params.siteId;
    const hostsBitsPerSecond = Math.min(this.currentHost.nic.bitsPerSecond, toHost.nic.bitsPerSecond);
    const siteBitsPerSecond = this.network.bitsPerSecondBetween(fromSite, toSite);
    return siteBitsPerSecond === undefined
      ? hostsBitsPerSecond
      : Math.min(hostsBitsPerSecond, siteBitsPerSecond);
  }

  /** Leaving `scaling`, by its end or a hard stop: the VM has its new size from now on. */
  private applySize(): void {
    if (this.pendingSize === undefined) return;
    this.coresNow = this.pendingSize.cores;
    this.ramBytesNow = this.pendingSize.ramBytes;
    this.pendingSize = undefined;
  }

  private finishRelocation(): void {
    const toHost = this.pendingHost;
    if (toHost === undefined) return;
    const changesSite = toHost.params.siteId !== this.currentHost.params.siteId;
    const givenAddress = this.pendingAddress;
    this.currentHost.remove(this.id);
    this.currentHost = toHost;
    this.pendingHost = undefined;
    this.pendingAddress = undefined;
    this.watchHost(toHost);
    if (changesSite) {
      // Independent routing per site (000_077f2af078f4f79b.txt): a new site means a new address.
      const from = this.currentAddress;
      this.currentAddress = givenAddress ?? this.network.allocateAddress(toHost.params.siteId);
      this.context.kernel.trace.record({
        timeMs: this.context.kernel.nowMs,
        part: this.id,
        event: 'addressChanged',
        from,
        to: this.currentAddress,
      });
    }
  }

  private abandonRelocation(): void {
    if (this.pendingHost === undefined) return;
    this.pendingHost.remove(this.id);
    this.pendingHost = undefined;
  }

  /**
   * A copy needs both ends up: when the source or the destination of a move or migration goes
   * down, the relocation fails and the VM stays where it was (stopped after a cold move, running
   * after a migration whose destination went; a source that goes stops it anyway).
   */
  private failRelocationIfEndDown(host: VmHost): void {
    const relocating = this.actor.getSnapshot().hasTag('relocating');
    if (!relocating || host.isUp() || this.pendingHost === undefined) return;
    if (host !== this.currentHost && host !== this.pendingHost) return;
    const end = host === this.currentHost ? 'source' : 'destination';
    this.relocationFailure = `${end} host ${host.id} went down (${host.state}) during the copy`;
    this.context.kernel.trace.record({
      timeMs: this.context.kernel.nowMs,
      part: this.id,
      event: 'relocationFailed',
      details: { host: host.id, end },
    });
    this.abandonRelocation();
    // The source going down stops a migrating VM through the host's own rule below.
    if (this.state === 'moving' || end === 'destination') this.actor.send({ type: 'RELOCATION_FAILED' });
  }

  /** A copy to another site crosses the site link: it fails when the link goes down (once per VM). */
  private watchSiteLinks(toHost: VmHost): void {
    if (this.watchingSiteLinks || toHost.params.siteId === this.currentHost.params.siteId) return;
    this.watchingSiteLinks = true;
    this.network.onSiteLinkDown(() => this.failRelocationIfLinkDown());
  }

  private failRelocationIfLinkDown(): void {
    const toHost = this.pendingHost;
    if (toHost === undefined || !this.actor.getSnapshot().hasTag('relocating')) return;
    const [fromSite, toSite] = [this.currentHost.params.siteId, toHost.params.siteId];
    if (!this.network.isSiteLinkDown(fromSite, toSite, this.context.kernel.nowMs)) return;
    this.relocationFailure = `the site link ${fromSite}–${toSite} went down during the copy`;
    this.context.kernel.trace.record({
      timeMs: this.context.kernel.nowMs,
      part: this.id,
      event: 'relocationFailed',
      details: { link: `${fromSite}–${toSite}` },
    });
    this.abandonRelocation();
    this.actor.send({ type: 'RELOCATION_FAILED' });
  }

  private watchHost(host: VmHost): void {
    // Once per host: a VM moved back and forth must not hear a host twice.
    if (this.watchedHosts.has(host)) return;
    this.watchedHosts.add(host);
    host.onChange(() => {
      this.failRelocationIfEndDown(host);
      if (host !== this.currentHost) return;
      if (!host.isUp()) {
        // A VM stopped or in the middle of a cold move was not running: it must not autostart.
        const wasRunning = !this.actor.getSnapshot().hasTag('down');
        this.runningWhenHostFell = this.runningWhenHostFell || wasRunning;
        if (wasRunning) this.actor.send({ type: 'HARD_STOP' });
      } else if (
        this.runningWhenHostFell &&
        this.params.autostart &&
        this.actor.getSnapshot().can({ type: 'START' })
      ) {
        this.runningWhenHostFell = false;
        this.actor.send({ type: 'START' });
      }
    });
  }

  /** The machine decides what is allowed when: an operator action it would ignore is refused. */
  private expectCan(action: string, event: VmEvent): void {
    if (this.actor.getSnapshot().can(event)) return;
    const allowed = statesHandling(vmMachine, event.type);
    assertArgument(
      false,
      `VM ${this.id}: cannot ${action} while ${this.state} (allowed: ${allowed.join(', ')})`,
    );
  }
}

function stateOf(value: unknown): VmState {
  if (typeof value === 'string') return value as VmState;
  const migrating = (value as { migrating?: string }).migrating;
  return `migrating.${migrating ?? 'preCopy'}` as VmState;
}
