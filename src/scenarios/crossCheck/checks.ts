import { checkDefinition } from '../checks/registry.ts';
import type { Check, Scenario } from '../schema/index.ts';
import { IssueList } from './issues.ts';

/**
 * Each check has a unique name and a bound, bounds that can both hold, and its kind's own check
 * refuses parts or moments it cannot measure.
 */
export function crossCheckChecks(scenario: Scenario, issues: IssueList): void {
  const names = new Set<string>();
  (scenario.checks ?? []).forEach((check, index) => {
    const path = ['checks', index];
    if (names.has(check.name))
      issues.add([...path, 'name'], `"${check.name}" again`, 'a name no other check uses');
    names.add(check.name);
    checkBounds(check, path, issues);
    checkDefinition(check).crossCheck(check, { scenario, issues, path });
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
