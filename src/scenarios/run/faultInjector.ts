import type { Kernel } from '../../sim/kernel.ts';
import type { Fault } from '../schema/index.ts';
import type { EstateRuntime } from './estateRuntime.ts';
import { mysqlServerId } from './estateRuntime.ts';

/** Most occurrences one random fault may have in a run; a hazard that fires more is reported. */
export const FAULT_OCCURRENCES_MAX = 10_000;

/**
 * Schedules the scenario's faults: each at its `at`, or as a Poisson process at its `rate` drawn
 * from a stream of its own (so adding a fault leaves every other draw of the run as it was).
 * Records when each named fault first happened, for checks that time from it.
 */
export class FaultInjector {
  /** First occurrence of each named fault. */
  readonly firstAtMs = new Map<string, number>();
  readonly limitsHit: string[] = [];

  constructor(
    private readonly kernel: Kernel,
    private readonly estate: EstateRuntime,
    private readonly durationMs: number,
  ) {}

  schedule(faults: readonly Fault[]): void {
    faults.forEach((fault, index) => {
      if (fault.at !== undefined) {
        this.kernel.scheduleCallbackAt(fault.at, () => this.inject(fault));
      } else if (fault.rate !== undefined && fault.rate > 0) {
        // A named fault draws from a stream of its own name, so adding or reordering faults
        // leaves its draws as they were; an unnamed one is known only by its place in the list.
        this.scheduleRandom(fault, fault.rate, `faults.${fault.name ?? `${index}.${fault.kind}`}`, 0);
      }
    });
  }

  /**
   * The hosts' own hazards from the estate: switching themselves off for good ("or in one case,
   * switch itself off altogether", 000_077f2af078f4f79b.txt). Reboots are the host model's own.
   */
  scheduleHostPowerOffs(hosts: ReadonlyArray<{ id: string; eventsPerMs: number }>): void {
    for (const host of hosts) {
      if (host.eventsPerMs <= 0) continue;
      const fault: Fault = {
        kind: 'host-power-off',
        target: host.id,
        name: `${host.id}-powers-off`,
        rate: host.eventsPerMs,
      };
      this.scheduleRandom(fault, host.eventsPerMs, `faults.${host.id}.spontaneousPowerOff`, 0);
    }
  }

  private scheduleRandom(fault: Fault, eventsPerMs: number, streamName: string, occurrences: number): void {
    const stream = this.kernel.random.stream(streamName);
    const delayMs = stream.exponential(1 / eventsPerMs);
    if (this.kernel.nowMs + delayMs > this.durationMs) return;
    if (occurrences >= FAULT_OCCURRENCES_MAX) {
      this.limitsHit.push(
        `fault ${fault.name ?? fault.kind} reached ${FAULT_OCCURRENCES_MAX} occurrences; later ones were not injected`,
      );
      return;
    }
    this.kernel.scheduleCallback(delayMs, () => {
      this.inject(fault);
      this.scheduleRandom(fault, eventsPerMs, streamName, occurrences + 1);
    });
  }

  /** Injects a fault; one the estate refuses (a Pi on no switch port) is recorded, not thrown. */
  private inject(fault: Fault): void {
    try {
      this.apply(fault);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.kernel.trace.record({
        timeMs: this.kernel.nowMs,
        part: fault.target,
        event: 'faultRefused',
        details: { reason },
      });
      this.limitsHit.push(
        `fault ${fault.name ?? fault.kind} on ${fault.target} could not be injected: ${reason}`,
      );
    }
  }

  private apply(fault: Fault): void {
    const nowMs = this.kernel.nowMs;
    const tookEffect = this.act(fault);
    this.kernel.trace.record({
      timeMs: nowMs,
      part: fault.target,
      event: tookEffect ? 'fault' : 'faultHadNoEffect',
      details: { kind: fault.kind, name: fault.name ?? null },
    });
    // A check timing from a fault (`since:`) times from when it first changed something.
    if (tookEffect && fault.name !== undefined && !this.firstAtMs.has(fault.name))
      this.firstAtMs.set(fault.name, nowMs);
  }

  /** Does what the fault does; false when it could change nothing (rebooting a host that is off). */
  private act(fault: Fault): boolean {
    const { estate } = this;
    switch (fault.kind) {
      case 'host-reboot': {
        const host = estate.hosts.get(fault.target);
        if (host === undefined || !host.isUp()) return false;
        host.reboot();
        return true;
      }
      case 'host-power-off': {
        const host = estate.hosts.get(fault.target);
        if (host === undefined || host.state === 'off') return false;
        host.powerOff();
        if (fault.duration !== undefined) this.kernel.scheduleCallback(fault.duration, () => host.powerOn());
        return true;
      }
      case 'vm-crash': {
        const vm = estate.vms.get(fault.target);
        if (vm === undefined || vm.state === 'stopped' || vm.state === 'moving') return false;
        vm.shutdown('hard');
        // "crashes and boots again": the VM comes back once it has stopped.
        this.kernel.scheduleCallback(0, () => {
          if (vm.state === 'stopped' && vm.host.isUp()) vm.start();
        });
        return true;
      }
      case 'fan-failure':
        return estate.pis.failFans(fault.target, fault.fans);
      case 'netboot-stall':
        estate.pis.stallNetboot(fault.target, fault.duration);
        return true;
      case 'sd-failure':
        estate.pis.failSdCard(fault.target);
        return true;
      case 'replication-delay': {
        const serverId = mysqlServerId(fault.target);
        estate.mysql.setReplicationDelay(serverId, fault.delay);
        if (fault.duration !== undefined)
          this.kernel.scheduleCallback(fault.duration, () => estate.mysql.setReplicationDelay(serverId, 0));
        return true;
      }
      case 'link-down':
        // Refused before the run starts (see unsupportedFaults): the network has no outage model yet.
        throw new Error('link-down faults are not modelled');
    }
  }
}

/** Faults the schema accepts but the model cannot simulate yet: a run refuses them up front. */
export function unsupportedFaults(faults: readonly Fault[]): Array<{ index: number; kind: string }> {
  return faults.flatMap((fault, index) => (fault.kind === 'link-down' ? [{ index, kind: fault.kind }] : []));
}
