import type { z } from 'zod';
import { backendAddressMisconfig } from './backendAddressMisconfig.ts';
import { backendWeightMisconfig } from './backendWeightMisconfig.ts';
import { cdnNodeFailure } from './cdnNodeFailure.ts';
import { fanFailure } from './fanFailure.ts';
import { hostPowerOff } from './hostPowerOff.ts';
import { hostReboot } from './hostReboot.ts';
import { linkDown } from './linkDown.ts';
import { netbootStall } from './netbootStall.ts';
import { nfsServerCrash } from './nfsServerCrash.ts';
import { poePortFailure } from './poePortFailure.ts';
import { replicationDelay } from './replicationDelay.ts';
import { sdFailure } from './sdFailure.ts';
import { switchPowerFailure } from './switchPowerFailure.ts';
import type { FaultDefinition } from './types.ts';
import { vmCrash } from './vmCrash.ts';
import type { FieldOfEach } from '../vocabularyTypes.ts';

/**
 * Every kind of fault, one module each. The schema's union, the kind list, the JSON Schema and
 * docs/faults.md derive from this list: adding a fault is a new module and one line here.
 */
export const FAULT_DEFINITIONS = [
  hostReboot,
  hostPowerOff,
  vmCrash,
  fanFailure,
  netbootStall,
  sdFailure,
  replicationDelay,
  cdnNodeFailure,
  switchPowerFailure,
  nfsServerCrash,
  linkDown,
  backendWeightMisconfig,
  backendAddressMisconfig,
  poePortFailure,
] as const;

type Definitions = typeof FAULT_DEFINITIONS;
export type FaultKind = Definitions[number]['kind'];
/** The zod schemas of the kinds, as a tuple (what z.discriminatedUnion takes). */
export type FaultSchemas = FieldOfEach<Definitions, 'schema'>;
export type FaultOf<Kind extends FaultKind> = z.output<
  Extract<Definitions[number], { kind: Kind }>['schema']
>;

export const FAULT_KINDS = FAULT_DEFINITIONS.map((definition) => definition.kind) as unknown as FieldOfEach<
  Definitions,
  'kind'
>;

export function faultSchemas(): FaultSchemas {
  return FAULT_DEFINITIONS.map((definition) => definition.schema) as unknown as FaultSchemas;
}

const byKind = new Map<string, (typeof FAULT_DEFINITIONS)[number]>(
  FAULT_DEFINITIONS.map((definition) => [definition.kind, definition]),
);

/**
 * The definition of a fault's kind, typed for that fault. The cast is the one place the union of
 * faults meets the union of definitions: each definition is keyed by the kind its schema parses.
 */
export function faultDefinition<Kind extends FaultKind>(fault: {
  kind: Kind;
}): FaultDefinition<Kind, z.ZodType<FaultOf<Kind> & { kind: Kind }>> {
  const definition = byKind.get(fault.kind);
  if (definition === undefined) throw new Error(`fault kind "${fault.kind}" is not registered`);
  return definition as unknown as FaultDefinition<Kind, z.ZodType<FaultOf<Kind> & { kind: Kind }>>;
}
