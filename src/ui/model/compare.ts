import type { Report } from '../../scenarios/report.ts';

/** One line of a comparison: a figure of each report and whether they differ. */
export interface ComparedFigure {
  section: string;
  label: string;
  before: string;
  after: string;
  differs: boolean;
}

const number = (value: number): string => value.toLocaleString('en-GB', { maximumFractionDigits: 1 });

function figuresOf(report: Report): Map<string, { section: string; label: string; value: string }> {
  const figures = new Map<string, { section: string; label: string; value: string }>();
  const add = (section: string, label: string, value: string) =>
    figures.set(`${section}|${label}`, { section, label, value });
  add('run', 'scenario', report.scenario);
  add('run', 'seed', String(report.seed));
  add('run', 'verdict', report.ok ? 'pass' : 'FAIL');
  add('run', 'trace hash', report.traceHash.slice(0, 16));
  for (const [name, service] of Object.entries(report.services)) {
    add(name, 'requests', number(service.requests));
    add(name, 'failed', number(service.failed));
    add(name, 'timed out', number(service.timedOut));
    add(name, 'downtime s', number(service.downtimeSeconds));
    add(name, 'p99 ms', number(service.latencyMs.p99));
  }
  add('admin', 'downtime s', number(report.admin.downtimeSeconds));
  add('data', 'lost writes', number(report.data.lostWrites));
  add('data', 'split brain', report.data.splitBrain ? 'yes' : 'no');
  for (const step of report.steps) {
    add('plan', `${step.name}: failed`, number(step.failedRequests));
    add('plan', `${step.name}: admin down s`, number(step.adminDowntimeSeconds));
  }
  for (const check of report.checks)
    add('checks', check.name, `${check.ok ? 'PASS' : 'FAIL'} ${String(check.actual)}`);
  return figures;
}

/**
 * Two reports side by side, figure by figure (what users saw, the plan's costs, the checks), in
 * the order the first gives them and then any only the second has; absent figures read "—".
 */
export function compareReports(before: Report, after: Report): ComparedFigure[] {
  const a = figuresOf(before);
  const b = figuresOf(after);
  const keys = [...a.keys(), ...[...b.keys()].filter((key) => !a.has(key))];
  return keys.map((key) => {
    const left = a.get(key);
    const right = b.get(key);
    const figure = left ?? right;
    return {
      section: figure?.section ?? '',
      label: figure?.label ?? '',
      before: left?.value ?? '—',
      after: right?.value ?? '—',
      differs: left?.value !== right?.value,
    };
  });
}
