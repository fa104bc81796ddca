import type { Check, Scenario } from '../schema/index.ts';
import { partIdsByKind, webServerIds } from './estate.ts';
import { IssueList, keysOf } from './issues.ts';

/** Each check has a bound, bounds that can both hold, and names parts of a kind it can measure. */
export function crossCheckChecks(scenario: Scenario, issues: IssueList): void {
  const { estate } = scenario;
  const checks = scenario.checks ?? [];
  const allParts = partIdsByKind(estate).flatMap(([, , ids]) => ids);
  const hot = [...keysOf(estate.pis), ...keysOf(estate.shelves)];
  const crashable = [...keysOf(estate.hosts), ...keysOf(estate.vms), ...keysOf(estate.pis)];
  const moments = [
    ...(scenario.plan ?? []).map((step) => step.name),
    ...(scenario.faults ?? []).flatMap((fault) => (fault.name === undefined ? [] : [fault.name])),
  ];
  const names = new Set<string>();

  checks.forEach((check, index) => {
    const path = ['checks', index];
    if (names.has(check.name))
      issues.add([...path, 'name'], `"${check.name}" again`, 'a name no other check uses');
    names.add(check.name);
    checkBounds(check, path, issues);
    switch (check.check) {
      case 'utilisation':
        issues.reference([...path, 'part'], check.part, 'part', allParts);
        return;
      case 'temperature':
        issues.reference([...path, 'part'], check.part, 'Pi or shelf', hot);
        return;
      case 'time-to-temperature':
        issues.reference([...path, 'part'], check.part, 'Pi or shelf', hot);
        if (check.since !== undefined)
          issues.reference([...path, 'since'], check.since, 'step or fault name', moments);
        return;
      case 'crashes':
        issues.reference([...path, 'part'], check.part, 'VM host, VM or Pi', crashable);
        return;
      case 'request-share':
        check.parts.forEach((part, partIndex) =>
          issues.reference(
            [...path, 'parts', partIndex],
            part,
            'web server (a VM or Pi with web:)',
            webServerIds(estate),
          ),
        );
        return;
      default:
        return;
    }
  });

  (scenario.expectFailures ?? []).forEach((name, index) => {
    issues.reference(['expectFailures', index], name, 'check', [...names]);
  });
}

function checkBounds(check: Check, path: Array<string | number>, issues: IssueList): void {
  if (check.min === undefined && check.max === undefined) {
    issues.add(path, 'neither min nor max', 'a bound: min (at least), max (at most), or both');
  } else if (check.min !== undefined && check.max !== undefined && check.min > check.max) {
    issues.add([...path, 'min'], 'a min above the max', 'min ≤ max');
  }
}
