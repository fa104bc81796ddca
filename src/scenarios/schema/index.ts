export { scenarioSchema } from './scenario.ts';
export type { Scenario, ScenarioInput } from './scenario.ts';
export { estateSchema, vmRoles, piModels } from './estate.ts';
export type {
  Cdn,
  CdnBackend,
  CdnNode,
  Estate,
  HealthCheck,
  MySql,
  NfsServer,
  PageCache,
  Pi,
  PiModel,
  Shelf,
  Site,
  SiteLink,
  Switch,
  SwitchPort,
  Vm,
  VmHost,
  VmRole,
  WebServer,
} from './estate.ts';
export { workloadSchema, PAGE_KINDS } from './workload.ts';
export type { Crowd, PageKind, PageMix, Workload } from './workload.ts';
export { planSchema, planStepSchema, PLAN_ACTIONS } from './plan.ts';
export type { Plan, PlanAction, PlanStep, PlanStepOf } from './plan.ts';
export { faultSchema, FAULT_KINDS } from './faults.ts';
export type { Fault, FaultKind } from './faults.ts';
export { checkSchema, CHECK_METRICS, SERVICES } from './checks.ts';
export type { Check, CheckMetric, Service } from './checks.ts';
