import type { Report } from '../report.ts';
import type { ScheduledFault } from './candidate.ts';

const SECOND_MS = 1000;

/**
 * Evidence that the search reached the risky situations: per plan step and fault kind, the runs in
 * which that kind was active during that step, and per part the states it reached. A property
 * "holds" only with this evidence ("sometimes" assertions, as Antithesis and FoundationDB use them).
 */
export class Coverage {
  /** Runs counted, per step name, per fault kind. */
  readonly cells = new Map<string, Map<string, number>>();
  /** States each part reached, in any counted run. */
  readonly partStates = new Map<string, Set<string>>();
  runs = 0;

  constructor(
    readonly stepNames: readonly string[],
    readonly kinds: readonly string[],
  ) {
    for (const step of stepNames) this.cells.set(step, new Map(kinds.map((kind) => [kind, 0])));
  }

  /** Counts one run: which kinds were active in each step's window, and each part's states. */
  add(report: Report, faults: readonly ScheduledFault[]): void {
    this.runs++;
    for (const step of report.steps) {
      const row = this.cells.get(step.name);
      if (row === undefined) continue;
      // The report gives step times in seconds.
      const startMs = step.startedAt * SECOND_MS;
      const stepEndMs = Math.max(step.endedAt * SECOND_MS, startMs + 1);
      const active = new Set<string>();
      for (const fault of faults) {
        // A fault that does not heal is active for the instant it strikes (at least a second).
        const endMs = fault.atMs + Math.max(1000, fault.durationMs);
        if (fault.atMs < stepEndMs && endMs > startMs) active.add(fault.kind);
      }
      for (const kind of active) row.set(kind, (row.get(kind) ?? 0) + 1);
    }
    for (const [id, part] of Object.entries(report.parts)) {
      let states = this.partStates.get(id);
      if (states === undefined) this.partStates.set(id, (states = new Set()));
      for (const change of part.states) states.add(change.state);
    }
  }

  /** The cells below `minimum` runs, as "step × kind" sentences. */
  cellsBelow(minimum: number): string[] {
    const below: string[] = [];
    for (const [step, row] of this.cells)
      for (const [kind, runs] of row) if (runs < minimum) below.push(`${step} × ${kind}: ${runs}`);
    return below;
  }

  /** Share of cells with at least one run, 0..1. */
  filledShare(): number {
    let cells = 0;
    let filled = 0;
    for (const row of this.cells.values())
      for (const runs of row.values()) {
        cells++;
        if (runs > 0) filled++;
      }
    return cells === 0 ? 1 : filled / cells;
  }
}
