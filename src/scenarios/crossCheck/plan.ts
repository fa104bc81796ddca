import { actionOf } from '../actions/registry.ts';
import { plannedEstate } from '../actions/plannedEstate.ts';
import type { ActionPlanContext } from '../actions/types.ts';
import type { PathIssue, PathSegment } from '../errors.ts';
import type { Scenario } from '../schema/index.ts';
import { IssueList, durationText, keysOf } from './issues.ts';

/**
 * Walks the runbook the way the estate would change under it, so a step is checked against the
 * estate as the earlier steps left it. What each action checks and changes lives with the action
 * (src/scenarios/actions/); here are only what every step shares: unique names and `at` times in
 * order and inside the run.
 */
export function crossCheckPlan(scenario: Scenario, issues: IssueList): void {
  const plan = scenario.plan ?? [];
  const { estate } = scenario;
  const state = plannedEstate(estate);
  const vmIds = keysOf(estate.vms);
  const seenNames = new Set<string>();
  let latestAt: { ms: number; step: string } | undefined;

  plan.forEach((step, index) => {
    const path: PathSegment[] = ['plan', index];
    if (seenNames.has(step.name))
      issues.add([...path, 'name'], `"${step.name}" again`, 'a name no other step uses');
    seenNames.add(step.name);

    if (step.at !== undefined) {
      if (latestAt !== undefined && step.at < latestAt.ms) {
        issues.add(
          [...path, 'at'],
          `${durationText(step.at)}, before step "${latestAt.step}" at ${durationText(latestAt.ms)}`,
          `a time at or after ${durationText(latestAt.ms)} (steps run in the order written)`,
        );
      }
      if (step.at >= scenario.duration) {
        issues.add(
          [...path, 'at'],
          `${durationText(step.at)}, not before the end of the run`,
          `a time before ${durationText(scenario.duration)}`,
        );
      }
      latestAt = { ms: step.at, step: step.name };
    }

    const context: ActionPlanContext = {
      path,
      issues,
      estate,
      state,
      vmKnown: (key, id) => issues.reference([...path, key], id, 'VM', vmIds),
    };
    actionOf(step).plan(step, context);
  });
}

/**
 * Warnings, not errors: steps whose `at` cannot be kept because the steps before them take at
 * least that long as written (their `duration`s, waits and the floors some actions always need).
 * The run starts such a step late and its report row says by how much; this says so before it.
 */
export function foreseeLateSteps(scenario: Scenario): PathIssue[] {
  const warnings: PathIssue[] = [];
  let earliestEndMs = 0;
  let previous: string | undefined;
  (scenario.plan ?? []).forEach((step, index) => {
    if (step.at !== undefined && previous !== undefined && earliestEndMs > step.at) {
      warnings.push({
        path: ['plan', index, 'at'],
        found: `${durationText(step.at)}, but step "${previous}" ends at ${durationText(earliestEndMs)} at the earliest`,
        expected: `a time at or after ${durationText(earliestEndMs)}, or the step starts late`,
      });
    }
    const startMs = Math.max(step.at ?? earliestEndMs, earliestEndMs);
    earliestEndMs = startMs + actionOf(step).leastDurationMs(step);
    previous = step.name;
  });
  return warnings;
}
