import type { Kernel } from '../../sim/kernel.ts';
import { FAULT_OCCURRENCES_MAX } from '../faults/common.ts';
import { faultDefinition } from '../faults/registry.ts';
import type { Fault, Scenario } from '../schema/index.ts';
import type { EstateRuntime } from './estateRuntime.ts';

export { FAULT_OCCURRENCES_MAX };

/** One fault as it was injected: what, where, when, and whether it changed anything. */
export interface InjectedFault {
  fault: Fault;
  atMs: number;
  tookEffect: boolean;
}

/**
 * Schedules the scenario's faults: each at its `at`, or as a Poisson process at its `rate` drawn
 * from a stream of its own (so adding a fault leaves every other draw of the run as it was).
 * Records when each named fault first happened, for checks that time from it. What a fault does is
 * its kind's (src/scenarios/faults/); a refusal by the estate is a value recorded in the trace and
 * the report's limits, and an exception is a bug that ends the run.
 */
export class FaultInjector {
  /** First occurrence of each named fault. */
  readonly firstAtMs = new Map<string, number>();
  /**
   * Every fault injected, in order, for the report's blame table. Bounded: each scheduled fault
   * happens once and each random one at most FAULT_OCCURRENCES_MAX times.
   */
  readonly injected: InjectedFault[] = [];
  readonly limitsHit: string[] = [];

  private readonly durationMs: number;

  constructor(
    private readonly kernel: Kernel,
    private readonly estate: EstateRuntime,
    private readonly scenario: Scenario,
  ) {
    this.durationMs = scenario.duration;
  }

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

  /** Injects a fault now and records what it did, or why the estate refused it. */
  private inject(fault: Fault): void {
    const nowMs = this.kernel.nowMs;
    const outcome = faultDefinition(fault).inject(fault, {
      kernel: this.kernel,
      estate: this.estate,
      scenario: this.scenario,
    });
    if ('refused' in outcome) {
      this.kernel.trace.record({
        timeMs: nowMs,
        part: fault.target,
        event: 'faultRefused',
        details: { reason: outcome.refused },
      });
      this.limitsHit.push(
        `fault ${fault.name ?? fault.kind} on ${fault.target} could not be injected: ${outcome.refused}`,
      );
      return;
    }
    this.injected.push({ fault, atMs: nowMs, tookEffect: outcome.tookEffect });
    this.kernel.trace.record({
      timeMs: nowMs,
      part: fault.target,
      event: outcome.tookEffect ? 'fault' : 'faultHadNoEffect',
      details: { kind: fault.kind, name: fault.name ?? null },
    });
    // A check timing from a fault (`since:`) times from when it first changed something.
    if (outcome.tookEffect && fault.name !== undefined && !this.firstAtMs.has(fault.name))
      this.firstAtMs.set(fault.name, nowMs);
  }
}
