export { scenarioSchema } from './scenario.ts';
export type { Scenario, ScenarioInput } from './scenario.ts';
export { estateSchema, vmRoles, piModels } from './estate.ts';
export type {
  CdnBackendSpec,
  CdnNodeSpec,
  CdnSpec,
  Estate,
  HealthCheckSpec,
  MySqlSpec,
  NfsServerSpec,
  PageCacheSpec,
  PiModel,
  PiSpec,
  ShelfSpec,
  SiteLinkSpec,
  SiteSpec,
  SwitchPortSpec,
  SwitchSpec,
  VmHostSpec,
  VmRole,
  VmSpec,
  WebServerSpec,
} from './estate.ts';
export { workloadSchema, PAGE_KINDS } from './workload.ts';
export type {
  AccessLogSpec,
  ArrivalCurve,
  Arrivals,
  Crowd,
  PageKind,
  PageMix,
  Workload,
} from './workload.ts';
export { planSchema, planStepSchema, PLAN_ACTIONS } from './plan.ts';
export type { Plan, PlanAction, PlanStep, PlanStepOf } from './plan.ts';
export { faultSchema, FAULT_KINDS } from './faults.ts';
export type { Fault, FaultKind } from './faults.ts';
export { checkSchema, CHECK_METRICS, SERVICES } from './checks.ts';
export type { Check, CheckMetric, Service } from './checks.ts';
