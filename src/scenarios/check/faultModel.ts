import { IssueList } from '../crossCheck/issues.ts';
import { FAULT_DEFINITIONS, faultDefinition } from '../faults/registry.ts';
import type { Fault, FaultKind } from '../schema/faults.ts';
import type { Scenario } from '../schema/index.ts';
import type { FaultModelInput } from './faultModelSchema.ts';

/** One kind of fault and the parts it may hit, each checked by the kind's own static check. */
export interface FaultChoice {
  readonly kind: FaultKind;
  readonly targets: readonly string[];
  /** Whether the kind has a `duration` (it heals), and a `delay` (how far behind a replica falls). */
  readonly lasting: boolean;
  readonly delayed: boolean;
}

/** The resolved fault model: what a check run may draw, with every bound filled in. */
export interface FaultModel {
  readonly choices: readonly FaultChoice[];
  readonly faultsMax: number;
  readonly durationMinMs: number;
  readonly durationMaxMs: number;
  readonly stepPauseMaxMs: number;
  readonly crowdMinPercent: number;
  readonly crowdMaxPercent: number;
  readonly healBoundMs: number;
}

/** Defaults, all assumed: a few faults of seconds to minutes, a minute's hesitation, a crowd ±20 %. */
const DEFAULTS = {
  faultsMax: 3,
  durationMinMs: 10_000,
  durationMaxMs: 600_000,
  stepPauseMaxMs: 60_000,
  crowdMinPercent: 80,
  crowdMaxPercent: 120,
  healBoundMs: 300_000,
} as const;

/** Every part id the estate defines, in a stable order: the candidates any fault may target. */
export function estatePartIds(scenario: Scenario): string[] {
  const estate = scenario.estate;
  const groups: (Readonly<Record<string, unknown>> | undefined)[] = [
    estate.sites,
    estate.siteLinks,
    estate.hosts,
    estate.vms,
    estate.cdn.nodes,
    estate.switches,
    estate.nfsServers,
    estate.pis,
    estate.shelves,
  ];
  return groups.flatMap((group) => (group === undefined ? [] : Object.keys(group)));
}

/** A fault of `kind` on `target`, with placeholder timing, shaped as the parsed scenario holds it. */
export function faultOf(
  choice: Pick<FaultChoice, 'kind' | 'lasting' | 'delayed'>,
  target: string,
  atMs: number,
  durationMs: number,
): Fault {
  const fields: Record<string, unknown> = { kind: choice.kind, target, at: atMs };
  if (choice.lasting) fields['duration'] = durationMs;
  if (choice.delayed) fields['delay'] = durationMs;
  // A failing shelf loses one fan: the smallest failure the kind allows.
  if (choice.kind === 'fan-failure') fields['fans'] = 1;
  return fields as unknown as Fault;
}

/** Whether `fault` passes its kind's static check against the scenario as planned. */
function validFor(scenario: Scenario, fault: Fault): boolean {
  const issues = new IssueList();
  faultDefinition(fault).crossCheck(fault as never, { scenario, issues, path: ['faultModel'] });
  return issues.issues.length === 0;
}

function shapeHas(definition: (typeof FAULT_DEFINITIONS)[number], field: string): boolean {
  const shape = (definition.schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape !== undefined && field in shape;
}

/** Which timing fields a kind has, read from its schema: a `duration` (it heals), a `delay`. */
export function faultShape(kind: FaultKind): Pick<FaultChoice, 'kind' | 'lasting' | 'delayed'> {
  const definition = faultDefinition({ kind }) as unknown as (typeof FAULT_DEFINITIONS)[number];
  return { kind, lasting: shapeHas(definition, 'duration'), delayed: shapeHas(definition, 'delay') };
}

/**
 * The fault model of a scenario: for each kind the model allows, the targets its static check
 * accepts, so that every fault drawn is valid for its target. Kinds with no valid target are left
 * out, and the bounds come from `faultModel:` or the defaults.
 */
export function resolveFaultModel(scenario: Scenario, input: FaultModelInput = {}): FaultModel {
  const kinds = input.kinds === undefined ? undefined : new Set<string>(input.kinds);
  const allowedTargets = input.targets === undefined ? undefined : new Set(input.targets);
  const ids = estatePartIds(scenario).filter((id) => allowedTargets?.has(id) ?? true);
  const choices: FaultChoice[] = [];
  for (const definition of FAULT_DEFINITIONS) {
    if (kinds !== undefined && !kinds.has(definition.kind)) continue;
    const shape = faultShape(definition.kind);
    const targets = ids.filter((id) => validFor(scenario, faultOf(shape, id, 0, DEFAULTS.durationMinMs)));
    if (targets.length > 0) choices.push({ ...shape, targets });
  }
  const durationMinMs = input.durationMin ?? DEFAULTS.durationMinMs;
  const crowdMinPercent = input.crowdMinPercent ?? DEFAULTS.crowdMinPercent;
  return {
    choices,
    faultsMax: input.faultsMax ?? DEFAULTS.faultsMax,
    durationMinMs,
    durationMaxMs: Math.max(durationMinMs, input.durationMax ?? DEFAULTS.durationMaxMs),
    stepPauseMaxMs: input.stepPauseMax ?? DEFAULTS.stepPauseMaxMs,
    crowdMinPercent,
    crowdMaxPercent: Math.max(crowdMinPercent, input.crowdMaxPercent ?? DEFAULTS.crowdMaxPercent),
    healBoundMs: input.healBound ?? DEFAULTS.healBoundMs,
  };
}
