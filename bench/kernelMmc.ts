import { Kernel } from '../src/sim/kernel.ts';
import { RingQueue } from '../src/sim/ringQueue.ts';
import { withCpuSeconds } from './cpuTime.ts';

export interface MmcResult {
  requests: number;
  events: number;
  wallSeconds: number;
  /** CPU seconds of the run (process.cpuUsage), what the benchmark's ratios are judged on. */
  cpuSeconds: number;
  meanWaitSeconds: number;
  probabilityOfWaiting: number;
  meanResponseSeconds: number;
}

/**
 * An M/M/c queue on the project's kernel: the seeds' 24-core web VM at 0.4 s per uncached page
 * (003_fadcec8afe75cc12.txt), offered 50 pages/s. Times are in ms, as everywhere in the twin.
 */
export function runMmcOnKernel(
  requests: number,
  servers: number,
  serviceMeanMs: number,
  arrivalsPerSecond: number,
  seed: number,
): MmcResult {
  const kernel = new Kernel({ seed, queueSizeMax: servers + 16 });
  const arrivals = kernel.random.stream('arrivals');
  const service = kernel.random.stream('service');
  const waiting = new RingQueue(requests, 'mmc.waiting');
  const interArrivalMeanMs = 1000 / arrivalsPerSecond;
  let arrived = 0;
  let busy = 0;
  let done = 0;
  let waitSumMs = 0;
  let waitedCount = 0;
  let responseSumMs = 0;

  // The departure's payload carries its request's arrival time, so no per-request object exists.
  const departure = kernel.registerHandler((arrivedAtMs) => {
    done++;
    responseSumMs += kernel.nowMs - arrivedAtMs;
    if (waiting.length > 0) {
      const nextArrivedAtMs = waiting.shift();
      const waitMs = kernel.nowMs - nextArrivedAtMs;
      waitSumMs += waitMs;
      if (waitMs > 0) waitedCount++;
      kernel.schedule(service.exponential(serviceMeanMs), departure, nextArrivedAtMs);
    } else {
      busy--;
    }
  });
  const arrival = kernel.registerHandler(() => {
    arrived++;
    if (busy < servers) {
      busy++;
      kernel.schedule(service.exponential(serviceMeanMs), departure, kernel.nowMs);
    } else {
      waiting.push(kernel.nowMs);
    }
    if (arrived < requests) kernel.schedule(arrivals.exponential(interArrivalMeanMs), arrival);
  });

  kernel.schedule(arrivals.exponential(interArrivalMeanMs), arrival);
  const started = performance.now();
  const { result, cpuSeconds } = withCpuSeconds(() => kernel.run());
  const wallSeconds = (performance.now() - started) / 1000;
  if (result.stoppedBy !== 'empty')
    throw new Error(`M/M/c run stopped early: ${result.limitMessage ?? result.stoppedBy}`);
  return {
    requests: done,
    events: result.eventsProcessed,
    wallSeconds,
    cpuSeconds,
    meanWaitSeconds: waitSumMs / done / 1000,
    probabilityOfWaiting: waitedCount / done,
    meanResponseSeconds: responseSumMs / done / 1000,
  };
}
