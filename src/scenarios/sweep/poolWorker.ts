import { runJob } from './runJob.ts';
import type { SweepJob } from './jobs.ts';
import type { SweepPart } from './sweepPart.ts';

/** The worker pool's task: one job in a worker thread. */
export default function poolTask(job: SweepJob): SweepPart {
  return runJob(job);
}
