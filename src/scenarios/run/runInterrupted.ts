/**
 * Thrown by runScenario when its caller's interrupt check says stop: a run abandoned half-way, as
 * a time budget ends it. It is not a result — the run's report would describe a run cut short by
 * its caller, not by the estate — so it is an error the caller catches.
 */
export class RunInterruptedError extends Error {
  constructor(readonly atMs: number) {
    super(`run interrupted by its caller at ${(atMs / 1000).toFixed(1)} s of simulated time`);
  }
}
