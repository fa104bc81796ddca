import type { ServiceReport } from '../report.ts';

/**
 * Everything the checks can ask of a finished run, in base units (ms, fractions, °C). The runner
 * fills it from the engine and the parts; the checks read nothing else, so they stay pure.
 */
export interface Measurements {
  services: Record<string, ServiceReport>;
  adminDowntimeMs: number;
  /** Longest single stretch with no writable MySQL primary reachable. */
  dbInterruptionLongestMs: number;
  lostWrites: number;
  /** Total time during which two primaries accepted writes at once. */
  splitBrainMs: number;
  utilisationPeak(partId: string): number | undefined;
  temperaturePeakCelsius(partId: string): number | undefined;
  /** First time the part reached the temperature, or undefined if it never did. */
  firstTimeAtCelsiusMs(partId: string, celsius: number): number | undefined;
  crashes(partId: string): number | undefined;
  /** Share of public requests the given web servers answered. */
  requestShare(partIds: readonly string[]): number;
  /** When a named fault happened or a named plan step started. */
  timeOfMs(name: string): number | undefined;
  planStartMs: number | undefined;
  planEndMs: number | undefined;
}
