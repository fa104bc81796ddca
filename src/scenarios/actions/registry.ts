import { addReplicaAction } from './addReplica.ts';
import { drainAction } from './drain.ts';
import { failoverAction } from './failover.ts';
import { liveMigrateAction } from './liveMigrate.ts';
import { moveVmAction } from './moveVm.ts';
import { powerCycleAction } from './powerCycle.ts';
import { scaleVmAction } from './scaleVm.ts';
import { shutdownAction } from './shutdown.ts';
import { startAction } from './start.ts';
import type { AnyActionDefinition } from './types.ts';
import { updateCdnAction } from './updateCdn.ts';
import { waitAction } from './wait.ts';
import { waitForCatchUpAction } from './waitForCatchUp.ts';
import type { FieldOfEach } from '../vocabularyTypes.ts';

/**
 * Every plan action, in the order the JSON Schema and docs/actions.md list them. Adding an action
 * is one module exporting its `defineAction(...)` and one line here: the step union, the kind
 * list, the JSON Schema, the docs, the cross-check and the runner all follow from this list.
 */
export const ACTIONS = [
  addReplicaAction,
  waitForCatchUpAction,
  failoverAction,
  drainAction,
  shutdownAction,
  moveVmAction,
  startAction,
  updateCdnAction,
  powerCycleAction,
  scaleVmAction,
  waitAction,
  liveMigrateAction,
] as const satisfies readonly AnyActionDefinition[];

type Actions = typeof ACTIONS;

export type PlanAction = Actions[number]['kind'];

/** The kinds, as a tuple of literals (for messages and for tests). */
export const PLAN_ACTIONS = ACTIONS.map((action) => action.kind) as unknown as FieldOfEach<Actions, 'kind'>;

/** The step schemas, as a tuple the discriminated union can be built from. */
export const STEP_SCHEMAS = ACTIONS.map((action) => action.schema) as unknown as FieldOfEach<
  Actions,
  'schema'
>;

const BY_KIND: ReadonlyMap<string, AnyActionDefinition> = new Map(
  ACTIONS.map((action) => [action.kind, action]),
);

/**
 * The definition of a step's action. The schema's discriminated union guarantees a parsed step
 * names a registered action; a step that does not is a bug, and says so.
 */
export function actionOf(step: { action: string }): AnyActionDefinition {
  const found = BY_KIND.get(step.action);
  if (found === undefined) throw new Error(`bug: no plan action "${step.action}" in the registry`);
  return found;
}
