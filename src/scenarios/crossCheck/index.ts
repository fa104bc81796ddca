import type { PathIssue } from '../errors.ts';
import type { Scenario } from '../schema/index.ts';
import { crossCheckChecks } from './checks.ts';
import { crossCheckEstate } from './estate.ts';
import { crossCheckFaults } from './faults.ts';
import { IssueList } from './issues.ts';
import { crossCheckPlan } from './plan.ts';
import { crossCheckWorkload } from './workload.ts';

/**
 * What the schema alone cannot see: references between parts, capacities, sums and order. Runs on
 * a scenario the schema accepted, and returns every problem.
 */
export function crossCheckScenario(scenario: Scenario): PathIssue[] {
  const issues = new IssueList();
  crossCheckEstate(scenario.estate, issues);
  crossCheckWorkload(scenario, issues);
  crossCheckPlan(scenario, issues);
  crossCheckFaults(scenario, issues);
  crossCheckChecks(scenario, issues);
  return issues.issues;
}
