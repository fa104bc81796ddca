import type { Report } from '../report.ts';
import { formatDuration } from '../units.ts';
import type { Candidate } from './candidate.ts';
import type { Coverage } from './coverage.ts';

/** The counterexample as a person reads it: each fault with its time, target and duration; each step's actual time. */
export function describeCounterexample(
  candidate: Candidate,
  report: Report,
  failures: readonly string[],
): string {
  const lines = [`seed ${candidate.seed}, crowd ${candidate.crowdPercent}% of the scenario's`];
  lines.push(candidate.faults.length === 0 ? 'faults: none (the plan alone breaks)' : 'faults:');
  for (const fault of candidate.faults) {
    const lasting = fault.durationMs > 0 ? ` for ${formatDuration(fault.durationMs)}` : '';
    lines.push(`  at ${formatDuration(fault.atMs)}: ${fault.kind} on ${fault.target}${lasting}`);
  }
  lines.push('steps (actual start):');
  for (const step of report.steps)
    lines.push(
      `  ${formatDuration(Math.round(step.startedAt * 1000)).padStart(8)}  ${step.name} (${step.outcome})`,
    );
  lines.push('broke:', ...failures.map((failure) => `  ${failure}`));
  return `${lines.join('\n')}\n`;
}

/** The coverage matrix: a row per plan step, a column per fault kind, each cell the runs counted. */
export function describeCoverage(coverage: Coverage): string {
  const kinds = coverage.kinds;
  const nameWidth = Math.min(40, Math.max(4, ...coverage.stepNames.map((name) => name.length)));
  const header = `${'step'.padEnd(nameWidth)}  ${kinds.map((kind) => kind.padStart(Math.max(5, kind.length))).join('  ')}`;
  const rows = [...coverage.cells].map(([step, row]) => {
    const cells = kinds.map((kind) => String(row.get(kind) ?? 0).padStart(Math.max(5, kind.length)));
    return `${step.slice(0, nameWidth).padEnd(nameWidth)}  ${cells.join('  ')}`;
  });
  const parts = [...coverage.partStates].map(([id, states]) => `  ${id}: ${[...states].join(', ')}`);
  return [
    `coverage: runs with each fault kind active during each step (${coverage.runs} runs, ${Math.round(coverage.filledShare() * 100)}% of cells reached)`,
    header,
    ...rows,
    'states reached per part:',
    ...parts,
    '',
  ].join('\n');
}
