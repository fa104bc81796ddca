import type { Report } from '../report.ts';
import type { Scenario } from '../schema/index.ts';

/** What one check run showed: the properties it broke (empty when it held), or that it was discarded. */
export type RunVerdict = { discarded: string } | { failures: string[] };

/** A fault the estate refused to take (e.g. a link that requests cross) says nothing about the plan. */
const REFUSED = 'could not be injected';

/** Whether the scenario's checks accept lost writes: a lost-writes check with a limit above zero. */
function acceptsLostWrites(scenario: Scenario): boolean {
  return (scenario.checks ?? []).some(
    (check) =>
      check.check === 'lost-writes' && 'max' in check && typeof check.max === 'number' && check.max > 0,
  );
}

/** The state a switch is in while a port breaks storage isolation (networkSwitch.ts). */
const ISOLATION_BROKEN_STATE = 'up.violated';

/**
 * VLAN isolation (004_b8bc5fb3cdb64335.txt: "as if each Raspberry Pi has its own switch"): every
 * switch that was, at any moment of the run, configured so a Pi could reach another Pi's storage
 * VLAN (or a storage VLAN was exposed elsewhere), with the first moment it was.
 */
function isolationBreaches(report: Report): string[] {
  const breaches: string[] = [];
  for (const [id, part] of Object.entries(report.parts)) {
    const broken = part.states.find((change) => change.state === ISOLATION_BROKEN_STATE);
    if (broken !== undefined)
      breaches.push(
        `safety: VLAN isolation broken on ${id} at ${broken.at} s (a port reaches a storage VLAN that is not its own)`,
      );
  }
  return breaches;
}

/**
 * Judges one run: the scenario's own checks, and the safety properties that always hold — no
 * acknowledged write lost unless the plan accepts it, never two primaries, VLAN isolation never
 * broken, every plan step done, and no run cut short by a limit (a part in a state the model cannot continue from ends the run
 * there). A run in which the estate refused a drawn fault is discarded rather than judged.
 */
export function judgeRun(scenario: Scenario, report: Report): RunVerdict {
  const limit = report.run.limitMessage;
  if (limit !== undefined && limit.includes(REFUSED)) return { discarded: limit };
  const failures: string[] = [];
  for (const check of report.checks) if (!check.ok) failures.push(`check failed: ${check.name}`);
  if (report.data.lostWrites > 0 && !acceptsLostWrites(scenario))
    failures.push(`safety: ${report.data.lostWrites} acknowledged writes lost`);
  if (report.data.splitBrain) failures.push('safety: two primaries at once (split brain)');
  failures.push(...isolationBreaches(report));
  // The step that failed is named; the steps the runbook then never reached are counted.
  const notRun = report.steps.filter((step) => step.outcome === 'not run').length;
  for (const step of report.steps)
    if (step.outcome !== 'done' && step.outcome !== 'not run')
      failures.push(`plan: step "${step.name}" ended ${step.outcome}`);
  if (notRun > 0) failures.push(`plan: ${notRun} later steps not run`);
  if (report.run.stoppedBy !== 'until' || limit !== undefined)
    failures.push(`run cut short: ${limit ?? report.run.stoppedBy}`);
  return { failures };
}
