import type { Report } from '../report.ts';
import { formatDuration } from '../units.ts';
import type { ScheduledFault } from './candidate.ts';

const SECOND_MS = 1000;

/** A part's last state, its top level only (`up.throttled` is up): what serving depends on. */
function finalStates(report: Report): Map<string, string> {
  const states = new Map<string, string>();
  for (const [id, part] of Object.entries(report.parts)) {
    const last = part.states.at(-1)?.state;
    if (last !== undefined) states.set(id, last.split('.')[0] as string);
  }
  return states;
}

/** When the last fault has healed: its end for a lasting one, its moment for one that strikes once. */
export function lastHealMs(faults: readonly ScheduledFault[]): number {
  return faults.reduce((latest, fault) => Math.max(latest, fault.atMs + fault.durationMs), 0);
}

/**
 * Liveness after healing (the second phase of TigerBeetle's VOPR): once the last fault has healed
 * and `healBoundMs` has passed before the run ends, every part must end where it ends in the
 * run without faults. A part left elsewhere — a host still off, a VM still stopped, a node still
 * down — is stuck, and each is a failure.
 */
export function stuckParts(
  report: Report,
  baseline: Report,
  faults: readonly ScheduledFault[],
  healBoundMs: number,
): string[] {
  if (faults.length === 0) return [];
  const healedMs = lastHealMs(faults);
  const runEndMs = report.durationSeconds * SECOND_MS;
  if (runEndMs - healedMs < healBoundMs) return [];
  const expected = finalStates(baseline);
  const stuck: string[] = [];
  for (const [id, state] of finalStates(report)) {
    const wanted = expected.get(id);
    if (wanted !== undefined && wanted !== state)
      stuck.push(
        `liveness: ${id} is still ${state} (not ${wanted}) ${formatDuration(runEndMs - healedMs)} after the last fault healed (bound ${formatDuration(healBoundMs)})`,
      );
  }
  return stuck;
}
