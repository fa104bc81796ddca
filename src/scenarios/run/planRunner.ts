import type { Kernel } from '../../sim/kernel.ts';
import { actionOf } from '../actions/registry.ts';
import type { ActionRunContext, StepPoll } from '../actions/types.ts';
import { isRefusal } from '../actions/types.ts';
import type { StepReport } from '../report.ts';
import type { Plan, PlanStep } from '../schema/index.ts';
import type { EstateRuntime } from './estateRuntime.ts';

/** What happened to one step of the runbook. */
export interface StepRecord {
  step: PlanStep;
  startedAtMs: number | undefined;
  endedAtMs: number | undefined;
  /**
   * `done`, `not run`, `unfinished when the run ended`, or `refused: …` with the reason the
   * estate or the runner gave.
   */
  outcome: string;
  /** How much later than its `at` the step started, when the step before it ran past that time. */
  lateByMs?: number;
}

/** How often a step that waits on the estate (a boot, a catch-up, a drain) looks again. */
const POLL_MS = 1_000;

/**
 * Runs the runbook on the kernel: each step starts at its `at` or when the previous one ends, acts
 * on the estate, and ends when the model says it is done (or after its `duration`, if given, and
 * never before). A step the estate refuses (starting a VM that is running) or that has not ended
 * when the run ends stops the plan there: later steps are `not run`, and the report says why.
 * What each action does is its own module's (src/scenarios/actions/); an exception thrown by one
 * is a bug and propagates.
 */
export class PlanRunner {
  readonly records: StepRecord[];
  private stopped = false;
  private readonly context: ActionRunContext;

  constructor(
    private readonly kernel: Kernel,
    estate: EstateRuntime,
    plan: Plan,
    private readonly runEndMs: number,
  ) {
    this.records = plan.map((step) => ({
      step,
      startedAtMs: undefined,
      endedAtMs: undefined,
      outcome: 'not run',
    }));
    this.context = { kernel, estate, backInService: (machineId) => backInService(estate, machineId) };
  }

  start(): void {
    this.scheduleStep(0, 0);
  }

  get planStartMs(): number | undefined {
    return this.records[0]?.startedAtMs;
  }

  /** When the last step ended, if every step ended. */
  get planEndMs(): number | undefined {
    const last = this.records[this.records.length - 1];
    return this.records.every((record) => record.outcome === 'done') ? last?.endedAtMs : undefined;
  }

  private scheduleStep(index: number, previousEndMs: number): void {
    const record = this.records[index];
    if (record === undefined || this.stopped) return;
    const startMs = Math.max(record.step.at ?? previousEndMs, previousEndMs, this.kernel.nowMs);
    if (record.step.at !== undefined && startMs > record.step.at) record.lateByMs = startMs - record.step.at;
    this.kernel.scheduleCallbackAt(startMs, () => this.runStep(index));
  }

  private runStep(index: number): void {
    const record = this.records[index] as StepRecord;
    const startedAtMs = this.kernel.nowMs;
    record.startedAtMs = startedAtMs;
    record.outcome = 'unfinished when the run ended';
    this.kernel.trace.record({
      timeMs: startedAtMs,
      part: 'plan',
      event: 'stepStarted',
      details: { step: index, name: record.step.name, action: record.step.action },
    });
    const action = actionOf(record.step);
    const started = action.begin(record.step, this.context);
    if (isRefusal(started)) return this.finish(index, `refused: ${started.refused}`);
    this.poll(index, started.until, startedAtMs + action.leastDurationMs(record.step));
  }

  /** Polls until the step ends; bounded by the run, which stops the kernel at its duration. */
  private poll(index: number, until: StepPoll, earliestEndMs: number): void {
    const nowMs = this.kernel.nowMs;
    const ended = nowMs >= earliestEndMs && until();
    if (isRefusal(ended)) return this.finish(index, `refused: ${ended.refused}`);
    if (ended) return this.finish(index, 'done');
    const waitMs = nowMs < earliestEndMs ? Math.min(POLL_MS, earliestEndMs - nowMs) : POLL_MS;
    if (nowMs + waitMs <= this.runEndMs)
      this.kernel.scheduleCallback(waitMs, () => this.poll(index, until, earliestEndMs));
  }

  private finish(index: number, outcome: string): void {
    const record = this.records[index] as StepRecord;
    record.endedAtMs = this.kernel.nowMs;
    record.outcome = outcome;
    this.kernel.trace.record({
      timeMs: this.kernel.nowMs,
      part: 'plan',
      event: 'stepEnded',
      details: { step: index, name: record.step.name, outcome },
    });
    if (outcome !== 'done') {
      this.stopped = true;
      return;
    }
    this.scheduleStep(index + 1, this.kernel.nowMs);
  }
}

/**
 * A web server is back in service when every CDN node that knows it at its current address has
 * health-checked it up again: an operator waits for that before taking the next server away.
 * A node told an old address never will, so it does not hold the step up (the report shows it).
 */
function backInService(estate: EstateRuntime, machineId: string): boolean {
  const server = estate.webServers.get(machineId);
  if (server === undefined) return true;
  for (const node of estate.cdnNodes.values()) {
    const backend = node.backendsView().find((candidate) => candidate.server === server);
    if (backend !== undefined && backend.address === server.address() && !backend.healthy) return false;
  }
  return true;
}

/**
 * Adds to each step row of a report how late its start was, for steps whose `at` could not be
 * kept because the step before ran past it.
 */
export function noteLateSteps(steps: StepReport[], records: readonly StepRecord[]): void {
  records.forEach((record, index) => {
    const row = steps[index];
    if (row === undefined || record.lateByMs === undefined || record.startedAtMs === undefined) return;
    row.startedLateBySeconds = record.lateByMs / 1000;
  });
}
