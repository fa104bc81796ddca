import { setup } from 'xstate';
import type { Actor } from 'xstate';
import { assertArgument } from '../sim/limits.ts';
import { Nic } from './link.ts';
import type { NetworkLocation } from './network.ts';
import { MS_PER_YEAR } from '../sim/time.ts';
import { ChangeListeners, notifyOnStateChange, startPart } from './part.ts';
import type { CrashRule, ModelContext, PartTag } from './part.ts';

export interface VmHostParams {
  id: string;
  siteId: string;
  /** The host's virtual switch: VMs on one host share it. Defaults to the host id. */
  segmentId: string;
  cores: number;
  ramBytes: number;
  /** The host's uplink, shared by all its VMs' traffic. */
  nicBitsPerSecond: number;
  /** How long a reboot takes until VMs can boot again. */
  rebootMs: number;
  /** Spontaneous reboots per year (0 = none). */
  spontaneousRebootsPerYear: number;
}

export const VM_HOST_DEFAULTS = {
  cores: 48, // assumption: room for two 24-core web VMs (003_fadcec8afe75cc12.txt) and a DB VM
  ramBytes: 256 * 2 ** 30, // assumption: a 2015 dual-socket VM host
  nicBitsPerSecond: 4e9, // 003_fadcec8afe75cc12.txt: "100Mbps of cached pages (versus 4Gbps for the main host)"
  rebootMs: 5 * 60_000, // assumption: a server's POST, RAID init and hypervisor boot take minutes
  spontaneousRebootsPerYear: 0,
} as const;

// 000_077f2af078f4f79b.txt: the old HEX host reboots itself "once or twice a year".
export const OLD_HEX_HOST_REBOOTS_PER_YEAR = 1.5;

export type VmHostState = 'up' | 'rebooting' | 'off';

export const vmHostMachine = setup({
  types: {
    context: {} as { rebootMs: number },
    input: {} as { rebootMs: number },
    events: {} as { type: 'REBOOT' } | { type: 'POWER_OFF' } | { type: 'POWER_ON' },
  },
  delays: { reboot: ({ context }) => context.rebootMs },
}).createMachine({
  id: 'vmHost',
  context: ({ input }) => ({ rebootMs: input.rebootMs }),
  initial: 'up',
  states: {
    up: { tags: ['serving'], on: { REBOOT: 'rebooting', POWER_OFF: 'off' } },
    rebooting: { tags: ['down', 'booting'], after: { reboot: 'up' }, on: { POWER_OFF: 'off' } },
    off: { tags: ['down', 'unpowered'], on: { POWER_ON: 'rebooting' } },
  },
});

/** A host crashes when it goes down from serving; powering back on (off → rebooting) is the recovery. */
export const vmHostCrashRule: CrashRule = (from, to) => from.has('serving') && to.has('down');

/** Something placed on a host: a VM, as the host accounts for it. */
export interface Placement {
  readonly id: string;
  readonly cores: number;
  readonly ramBytes: number;
}

/**
 * A physical VM host: its cores and RAM hold VMs; it is up, rebooting or off; it may reboot by
 * itself (a hazard drawn from its own random stream). VMs subscribe to its changes.
 */
export class VmHost {
  readonly params: VmHostParams;
  readonly nic: Nic;
  private readonly actor: Actor<typeof vmHostMachine>;
  private readonly placements = new Map<string, Placement>();
  private readonly listeners: ChangeListeners;

  constructor(
    private readonly context: ModelContext,
    params: Partial<VmHostParams> & { id: string; siteId: string },
  ) {
    this.params = { ...VM_HOST_DEFAULTS, segmentId: params.id, ...params };
    const { cores, ramBytes, nicBitsPerSecond, spontaneousRebootsPerYear } = this.params;
    assertArgument(
      cores > 0 && Number.isInteger(cores),
      `VM host ${params.id}: cores must be a positive integer, got ${cores}`,
    );
    assertArgument(ramBytes > 0, `VM host ${params.id}: ramBytes must be positive, got ${ramBytes}`);
    assertArgument(
      spontaneousRebootsPerYear >= 0,
      `VM host ${params.id}: spontaneousRebootsPerYear must be ≥ 0`,
    );
    this.nic = new Nic(`${params.id}.nic`, nicBitsPerSecond);
    this.listeners = new ChangeListeners(`VM host ${params.id}`);
    this.actor = startPart(
      context,
      params.id,
      'vmHost',
      vmHostMachine,
      { rebootMs: this.params.rebootMs },
      { crashRule: vmHostCrashRule },
    );
    notifyOnStateChange(this.actor, this.listeners);
    if (spontaneousRebootsPerYear > 0) this.scheduleHazard();
  }

  get id(): string {
    return this.params.id;
  }

  get state(): VmHostState {
    return this.actor.getSnapshot().value as VmHostState;
  }

  /** What its state means (`serving`, `down`, `unpowered`…), for readers that should not compare state names. */
  hasTag(tag: PartTag): boolean {
    return this.actor.getSnapshot().hasTag(tag);
  }

  isUp(): boolean {
    return this.actor.getSnapshot().hasTag('serving');
  }

  location(): NetworkLocation {
    return { siteId: this.params.siteId, segmentId: this.params.segmentId };
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  reboot(): void {
    this.actor.send({ type: 'REBOOT' });
  }

  powerOff(): void {
    this.actor.send({ type: 'POWER_OFF' });
  }

  powerOn(): void {
    this.actor.send({ type: 'POWER_ON' });
  }

  freeCores(): number {
    let used = 0;
    for (const placement of this.placements.values()) used += placement.cores;
    return this.params.cores - used;
  }

  freeRamBytes(): number {
    let used = 0;
    for (const placement of this.placements.values()) used += placement.ramBytes;
    return this.params.ramBytes - used;
  }

  /** Why a VM (or its new size) would not fit, naming what is free; undefined when it fits. */
  whyCannotPlace(placement: Placement): string | undefined {
    const existing = this.placements.get(placement.id);
    const freeCores = this.freeCores() + (existing?.cores ?? 0);
    const freeRam = this.freeRamBytes() + (existing?.ramBytes ?? 0);
    if (placement.cores <= freeCores && placement.ramBytes <= freeRam) return undefined;
    return (
      `VM host ${this.id}: cannot place ${placement.id} asking ${placement.cores} cores and ` +
      `${formatGiB(placement.ramBytes)} RAM; free: ${freeCores} cores and ${formatGiB(freeRam)} RAM`
    );
  }

  /** Reserves cores and RAM for a VM (or grows its reservation); throws naming what is free. */
  place(placement: Placement): void {
    const refusal = this.whyCannotPlace(placement);
    if (refusal !== undefined) throw new RangeError(refusal);
    this.placements.set(placement.id, { ...placement });
  }

  remove(vmId: string): void {
    this.placements.delete(vmId);
  }

  hosts(vmId: string): boolean {
    return this.placements.has(vmId);
  }

  private scheduleHazard(): void {
    const meanMs = MS_PER_YEAR / this.params.spontaneousRebootsPerYear;
    const delayMs = this.context.kernel.random.stream(`faults.hostReboot.${this.id}`).exponential(meanMs);
    this.context.kernel.scheduleCallback(delayMs, () => {
      if (this.isUp()) {
        this.context.kernel.trace.record({
          timeMs: this.context.kernel.nowMs,
          part: this.id,
          event: 'spontaneousReboot',
        });
        this.reboot();
      }
      this.scheduleHazard();
    });
  }
}

function formatGiB(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}
