/**
 * Blame: which row of the report's plan table each second of the run belongs to, and what users and
 * admins lost in each row's seconds. Rows are the plan's steps, the faults, and the seconds outside
 * every window: before the plan, between steps (no step's window covers them), after the plan.
 *
 * The charging rule, so nothing is counted twice and nothing dropped: every second belongs to
 * exactly one row, the one that started last among those whose window covers it (the latest
 * thing that happened is the likeliest cause). So a crash during a long step owns what follows it
 * until it has healed and settled, while a failover started during a replica's slow catch-up owns
 * what it drops; a fault and a step starting at the same moment give the second to the fault (the
 * plan did not cause it), and of steps, the one started last owns (see stepWindowsMs). The rows'
 * losses therefore add up to the run's.
 */

/** A span of simulated time a row owns, [fromMs, toMs). */
export interface BlameWindow {
  fromMs: number;
  toMs: number;
}

/** What users and admins lost in a row's seconds. */
export interface Loss {
  /** Failed or timed-out public page requests (page views and comments). */
  failedRequests: number;
  /** Seconds the public site counted as down (see serviceMeasures.downSeconds). */
  downSeconds: number;
  /** Seconds the admin side was down. */
  adminDowntimeSeconds: number;
}

/** Per-second measures of a finished run, read for whole-second spans [fromSecond, toSecond). */
export interface LossSources {
  /** Seconds the run covers, the last partial one included. */
  runSeconds: number;
  failedBetween(fromSecond: number, toSecond: number): number;
  adminDownSecondsBetween(fromSecond: number, toSecond: number): number;
  isDownSecond(second: number): boolean;
}

export interface Blame {
  steps: Loss[];
  faults: Loss[];
  beforePlan: Loss;
  betweenSteps: Loss;
  afterPlan: Loss;
}

const SECOND_MS = 1000;

/** A row's second span: whole seconds [floor(from), floor(to)), so a boundary second counts once. */
function secondsOf(window: BlameWindow): [number, number] {
  return [Math.floor(window.fromMs / SECOND_MS), Math.floor(window.toMs / SECOND_MS)];
}

function noLoss(): Loss {
  return { failedRequests: 0, downSeconds: 0, adminDowntimeSeconds: 0 };
}

/** Every second where some row's span starts or ends, sorted, with 0 and the run's end. */
function edgesOf(spans: readonly [number, number][], runSeconds: number): number[] {
  const edges = new Set<number>([0, runSeconds]);
  for (const [from, to] of spans) {
    edges.add(Math.min(Math.max(0, from), runSeconds));
    edges.add(Math.min(Math.max(0, to), runSeconds));
  }
  return [...edges].sort((a, b) => a - b);
}

const covers = (span: [number, number] | undefined, second: number): boolean =>
  span !== undefined && span[0] <= second && second < span[1];

/**
 * Charges every second of the run to one row (see the module comment) and sums each row's loss.
 * Bounded: the run is cut into at most 2 × (steps + faults) + 1 pieces, each looked up among the
 * rows once, and its seconds read once.
 */
export function chargeLosses(
  stepWindows: readonly (BlameWindow | undefined)[],
  faultWindows: readonly BlameWindow[],
  sources: LossSources,
): Blame {
  const stepSpans = stepWindows.map((window) => (window === undefined ? undefined : secondsOf(window)));
  const faultSpans = faultWindows.map(secondsOf);
  const started = stepSpans.filter((span) => span !== undefined);
  const planStart = started.length === 0 ? sources.runSeconds : Math.min(...started.map((span) => span[0]));
  const planEnd = started.length === 0 ? sources.runSeconds : Math.max(...started.map((span) => span[1]));
  const blame: Blame = {
    steps: stepWindows.map(noLoss),
    faults: faultWindows.map(noLoss),
    beforePlan: noLoss(),
    betweenSteps: noLoss(),
    afterPlan: noLoss(),
  };
  const rows: Rows = {
    stepSpans,
    stepStartsMs: stepWindows.map((window) => window?.fromMs),
    faultSpans,
    faultStartsMs: faultWindows.map((window) => window.fromMs),
  };
  const edges = edgesOf([...started, ...faultSpans, [planStart, planEnd]], sources.runSeconds);
  for (let index = 0; index + 1 < edges.length; index++) {
    const from = edges[index] as number;
    const to = edges[index + 1] as number;
    addLoss(ownerOf(blame, rows, from, planStart, planEnd), from, to, sources);
  }
  return blame;
}

/**
 * The row that owns the piece starting at `second`: of the windows covering it, the one that
 * started last, a fault on a tie with a step; else the seconds outside every window.
 */
function ownerOf(blame: Blame, rows: Rows, second: number, planStart: number, planEnd: number): Loss {
  let owner: Loss | undefined;
  let ownerStartMs = -Infinity;
  const step = rows.stepSpans.findIndex((span) => covers(span, second));
  if (step >= 0) [owner, ownerStartMs] = [blame.steps[step], rows.stepStartsMs[step] ?? 0];
  // Faults in order of injection: a later one wins a tie with an earlier one and with a step.
  rows.faultSpans.forEach((span, index) => {
    const startMs = rows.faultStartsMs[index] ?? 0;
    if (covers(span, second) && startMs >= ownerStartMs)
      [owner, ownerStartMs] = [blame.faults[index], startMs];
  });
  if (owner !== undefined) return owner;
  if (second < planStart) return blame.beforePlan;
  return second >= planEnd ? blame.afterPlan : blame.betweenSteps;
}

/** The rows' second spans and start times. */
interface Rows {
  stepSpans: readonly ([number, number] | undefined)[];
  stepStartsMs: readonly (number | undefined)[];
  faultSpans: readonly [number, number][];
  faultStartsMs: readonly number[];
}

function addLoss(loss: Loss, from: number, to: number, sources: LossSources): void {
  if (to <= from) return;
  loss.failedRequests += sources.failedBetween(from, to);
  loss.adminDowntimeSeconds += sources.adminDownSecondsBetween(from, to);
  for (let second = from; second < to; second++) if (sources.isDownSecond(second)) loss.downSeconds++;
}
