import type { PathSegment } from '../errors.ts';
import { FAULT_EXPECTED_OCCURRENCES_MAX } from '../faults/common.ts';
import { faultDefinition } from '../faults/registry.ts';
import type { Fault, Scenario } from '../schema/index.ts';
import { IssueList, durationText } from './issues.ts';

/**
 * Each fault is either scheduled or random, never both, within the run and at a rate the run can
 * hold; its name is unique; and its kind's own check refuses a target of the wrong kind.
 */
export function crossCheckFaults(scenario: Scenario, issues: IssueList): void {
  const names = new Set((scenario.plan ?? []).map((step) => step.name));
  (scenario.faults ?? []).forEach((fault, index) => {
    const path = ['faults', index];
    checkTiming(scenario, fault, path, issues);
    if (fault.name !== undefined) {
      if (names.has(fault.name))
        issues.add([...path, 'name'], `"${fault.name}" again`, 'a name no step or other fault uses');
      names.add(fault.name);
    }
    faultDefinition(fault).crossCheck(fault, { scenario, issues, path });
  });
}

function checkTiming(scenario: Scenario, fault: Fault, path: PathSegment[], issues: IssueList): void {
  if (fault.at === undefined && fault.rate === undefined) {
    issues.add(path, 'neither at nor rate', 'at (a scheduled fault) or rate (a random one)');
  } else if (fault.at !== undefined && fault.rate !== undefined) {
    issues.add([...path, 'rate'], 'both at and rate', 'one of them: at (scheduled) or rate (random)');
  }
  if (fault.at !== undefined && fault.at >= scenario.duration) {
    issues.add(
      [...path, 'at'],
      `${durationText(fault.at)}, not before the end of the run`,
      `a time before ${durationText(scenario.duration)}`,
    );
  }
  const expected = (fault.rate ?? 0) * scenario.duration;
  if (expected > FAULT_EXPECTED_OCCURRENCES_MAX) {
    issues.add(
      [...path, 'rate'],
      `a rate expecting ${Math.round(expected)} occurrences in the run`,
      `at most ${FAULT_EXPECTED_OCCURRENCES_MAX} expected occurrences (rate × duration ${durationText(scenario.duration)})`,
    );
  }
}
