import type { PartRecord } from '../../model/part.ts';
import type { BlameWindow } from './blame.ts';
import type { InjectedFault } from './faultInjector.ts';

/** A fault as the blame table sees it: when it was injected, when it healed, the span it owns. */
export interface FaultSpan {
  injected: InjectedFault;
  /** When the fault was over, or undefined when it still was not at the end of the run. */
  healedAtMs: number | undefined;
  window: BlameWindow;
}

/** The `duration` a fault kind may have (the outage, the mistake, the stall), in ms. */
function durationOf(injected: InjectedFault): number | undefined {
  const fault = injected.fault as { duration?: unknown };
  return typeof fault.duration === 'number' ? fault.duration : undefined;
}

/**
 * When the target part was back in service after the fault took it out: the first change into a
 * `serving` state after a change out of one, both at or after the injection. Undefined when the
 * part never left service (the fault did not stop it), and NaN when it left and never came back.
 */
function backInServiceMs(record: PartRecord | undefined, atMs: number): number | undefined {
  if (record === undefined) return undefined;
  let left = false;
  for (const change of record.states) {
    if (change.atMs < atMs) continue;
    const serving = change.tags.includes('serving');
    if (!serving) left = true;
    else if (left) return change.atMs;
  }
  return left ? Number.NaN : undefined;
}

/**
 * When a fault healed: the later of the end of its `duration`, when it has one, and its target's
 * return to service, when the fault took the target out (a crashed VM booting again, a rebooted
 * host up). A fault that neither lasts a given time nor stopped a part (a fan failing) is over only
 * when the run is; so is one whose target never came back.
 */
export function healedAtMs(injected: InjectedFault, record: PartRecord | undefined): number | undefined {
  const durationMs = durationOf(injected);
  const backMs = backInServiceMs(record, injected.atMs);
  if (backMs !== undefined && Number.isNaN(backMs)) return undefined;
  if (durationMs === undefined && backMs === undefined) return undefined;
  return Math.max(injected.atMs + (durationMs ?? 0), backMs ?? 0);
}

/**
 * Each injected fault's span: from its injection to `settleMs` after it healed (the same settle
 * bound as a step's), or to the end of the run.
 */
export function faultSpans(
  injected: readonly InjectedFault[],
  partOf: (id: string) => PartRecord | undefined,
  nowMs: number,
  settleMs: number,
): FaultSpan[] {
  return injected.map((fault) => {
    const healed = healedAtMs(fault, partOf(fault.fault.target));
    // Unhealed, it owns the rest of the run, its last partial second included.
    const toMs = healed === undefined ? Number.POSITIVE_INFINITY : Math.min(nowMs, healed + settleMs);
    return {
      injected: fault,
      healedAtMs: healed === undefined || healed > nowMs ? undefined : healed,
      window: { fromMs: fault.atMs, toMs: Math.max(fault.atMs, toMs) },
    };
  });
}
