import type { AccessLogSpec, Scenario } from '../schema/index.ts';
import type { AccessLog } from './readLog.ts';

/**
 * A scenario's access log is a file beside it, read when the scenario is loaded from disk (see
 * loadLog.ts) and carried on the spec it belongs to, so copies of the scenario (sweeps, capacity
 * scales) keep it. The browser twin cannot read files, so there it is absent, and the run says so.
 */
interface SpecWithLog {
  readLog?: AccessLog;
}

export function attachAccessLog(spec: AccessLogSpec, log: AccessLog): void {
  (spec as AccessLogSpec & SpecWithLog).readLog = log;
}

/** The log read for the scenario's workload, or undefined when it has none or it was not read. */
export function accessLogOf(scenario: Scenario): AccessLog | undefined {
  const spec = scenario.workload.accessLog;
  return spec === undefined ? undefined : (spec as AccessLogSpec & SpecWithLog).readLog;
}

/** Thrown when a scenario with an access log is run where the log could not be read. */
export class AccessLogNotReadError extends Error {
  constructor(file: string) {
    super(
      `workload.accessLog: the log "${file}" was not read: this twin cannot read files beside a scenario (the browser twin cannot); run it with \`npx twin run\``,
    );
    this.name = 'AccessLogNotReadError';
  }
}
