import type { Kernel } from '../../sim/kernel.ts';
import { LimitExceededError, assertArgument } from '../../sim/limits.ts';
import type { RandomStream } from '../../sim/random.ts';
import { REQUEST_KINDS } from './types.ts';
import type { RequestMix } from './types.ts';

export interface OpenLoadParams {
  ratePerSecond: number;
  mix: RequestMix;
}

export interface CrowdParams {
  users: number;
  /** Mean think time between a user's response and their next request (exponential). */
  thinkTimeMs: number;
  mix: RequestMix;
}

/** Where the crowd sends a request: its kind (a REQUEST_KINDS index), page, and user (-1: open). */
export type IssueRequest = (kind: number, page: number, user: number) => void;

interface OpenLoad {
  ratePerSecond: number;
  cumulative: Float64Array;
  /**
   * Bumped at each change of rate: an arrival drawn at an older rate is stale and ignored, and a
   * new one is drawn at the new rate (Poisson arrivals are memoryless, so this is exact).
   */
  generation: number;
}

/** Most open loads one crowd holds (the arrival events carry the load and its generation). */
export const OPEN_LOADS_MAX = 64;

/**
 * The users: a closed crowd (each user asks, waits for the outcome, thinks, asks again) and any
 * number of open loads (Poisson arrivals at a rate, whatever the site's state). It draws what each
 * request asks for and hands it to the pipeline; the pipeline tells it when a user's request has
 * an outcome (`userContinues`).
 */
export class Crowd {
  private readonly userRunning: Uint8Array;
  private target = 0;
  private thinkMs = 0;
  private cumulative: Float64Array = new Float64Array(REQUEST_KINDS.length);
  private readonly openLoads: OpenLoad[] = [];
  private readonly handlerUser: number;
  private readonly handlerOpen: number;
  private readonly random: {
    arrivals: RandomStream;
    mix: RandomStream;
    page: RandomStream;
    think: RandomStream;
  };

  constructor(
    private readonly kernel: Kernel,
    private readonly usersMax: number,
    private readonly pagesCount: number,
    private readonly issue: IssueRequest,
  ) {
    assertArgument(
      Number.isInteger(usersMax) && usersMax > 0,
      `RequestEngine: usersMax must be a positive whole number`,
    );
    this.userRunning = new Uint8Array(usersMax);
    const streams = kernel.random;
    this.random = {
      arrivals: streams.stream('requests.arrivals'),
      mix: streams.stream('requests.mix'),
      page: streams.stream('requests.page'),
      think: streams.stream('requests.think'),
    };
    this.handlerUser = kernel.registerHandler((user) => this.onUserReady(user));
    this.handlerOpen = kernel.registerHandler((handle) => this.onOpenArrival(handle));
  }

  /** A crowd of closed-loop users; call again to grow or shrink it. */
  setCrowd(params: CrowdParams): void {
    const { users, thinkTimeMs } = params;
    assertArgument(
      Number.isInteger(users) && users >= 0,
      `RequestEngine: users must be a whole number ≥ 0, got ${users}`,
    );
    if (users > this.usersMax)
      throw new LimitExceededError('usersMax', this.usersMax, `a crowd of ${users} users`);
    assertArgument(thinkTimeMs >= 0, `RequestEngine: thinkTimeMs must be ≥ 0`);
    this.target = users;
    this.thinkMs = thinkTimeMs;
    this.cumulative = cumulativeMix(params.mix);
    // Bounded by usersMax. A new user joins the crowd as if it had been running all along: their
    // first request comes after the stationary residual of the think time. Think times are
    // exponential (userContinues), and an exponential's residual is the same exponential, so a
    // crowd of N issues N/(Z+R) requests a second from its first minute, and a ramp's step adds
    // its users' share at once with no burst (a uniform first wait gave the first think period
    // 1.5× the load).
    for (let user = 0; user < users; user++) {
      if (this.userRunning[user] === 1) continue;
      this.userRunning[user] = 1;
      this.kernel.schedule(this.random.think.exponential(thinkTimeMs), this.handlerUser, user);
    }
  }

  /** Poisson arrivals at a rate; returns a handle for setOpenLoadRate. */
  addOpenLoad(params: OpenLoadParams): number {
    const handle = this.openLoads.length;
    if (handle >= OPEN_LOADS_MAX)
      throw new LimitExceededError('openLoadsMax', OPEN_LOADS_MAX, 'another open load');
    this.openLoads.push({ ratePerSecond: 0, cumulative: cumulativeMix(params.mix), generation: 0 });
    this.setOpenLoadRate(handle, params.ratePerSecond);
    return handle;
  }

  setOpenLoadRate(handle: number, ratePerSecond: number): void {
    const load = this.openLoads[handle];
    assertArgument(load !== undefined, `RequestEngine: no open load ${handle}`);
    assertArgument(
      ratePerSecond >= 0 && Number.isFinite(ratePerSecond),
      `RequestEngine: rate must be finite and ≥ 0, got ${ratePerSecond}`,
    );
    if (ratePerSecond === load.ratePerSecond) return;
    load.ratePerSecond = ratePerSecond;
    load.generation++;
    if (ratePerSecond > 0) this.scheduleArrival(handle, load);
  }

  private scheduleArrival(handle: number, load: OpenLoad): void {
    const payload = load.generation * OPEN_LOADS_MAX + handle;
    this.kernel.schedule(
      this.random.arrivals.exponential(1000 / load.ratePerSecond),
      this.handlerOpen,
      payload,
    );
  }

  /** A user's request has its outcome at atMs (now or later): they think, then ask again. */
  userContinues(user: number, atMs: number): void {
    const delayMs = atMs - this.kernel.nowMs + this.random.think.exponential(this.thinkMs);
    this.kernel.schedule(Math.max(0, delayMs), this.handlerUser, user);
  }

  /** Popular pages dominate: page = floor(pagesCount × u³) (an assumption; the seeds give no mix). */
  drawPage(): number {
    const u = this.random.page.next();
    return Math.floor(this.pagesCount * u * u * u);
  }

  private onOpenArrival(payload: number): void {
    const handle = payload % OPEN_LOADS_MAX;
    const load = this.openLoads[handle] as OpenLoad;
    if ((payload - handle) / OPEN_LOADS_MAX !== load.generation || load.ratePerSecond <= 0) return;
    this.issue(this.drawKind(load.cumulative), this.drawPage(), -1);
    this.scheduleArrival(handle, load);
  }

  private onUserReady(user: number): void {
    if (user >= this.target) {
      this.userRunning[user] = 0;
      return;
    }
    this.issue(this.drawKind(this.cumulative), this.drawPage(), user);
  }

  private drawKind(cumulative: Float64Array): number {
    const total = cumulative[cumulative.length - 1] as number;
    const target = this.random.mix.next() * total;
    for (let index = 0; index < cumulative.length; index++)
      if (target < (cumulative[index] as number)) return index;
    return cumulative.length - 1;
  }
}

/** Running sums of a mix's weights in REQUEST_KINDS order, for drawing a kind. */
export function cumulativeMix(mix: RequestMix): Float64Array {
  const cumulative = new Float64Array(REQUEST_KINDS.length);
  let total = 0;
  REQUEST_KINDS.forEach((kind, index) => {
    const weight = mix[kind] ?? 0;
    assertArgument(
      weight >= 0 && Number.isFinite(weight),
      `request mix: weight of ${kind} must be finite and ≥ 0`,
    );
    total += weight;
    cumulative[index] = total;
  });
  assertArgument(total > 0, 'request mix: at least one kind needs a positive weight');
  return cumulative;
}
