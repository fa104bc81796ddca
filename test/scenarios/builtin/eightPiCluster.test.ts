import { describe, expect, it } from 'vitest';
import { findBuiltinScenario } from '../../../src/scenarios/builtin/index.ts';
import { loadScenarioFile } from '../../../src/scenarios/load.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';
import type { Scenario } from '../../../src/scenarios/schema/index.ts';

const SLOW_ADMIN_CHECK = 'Uploads and admin are slow';

/** The eight-Pi cluster for six hours, with its uploads share moved to admin or kept. */
function eightPi(withUploads: boolean, hours = 6): Scenario {
  const entry = findBuiltinScenario('eight-pi-cluster');
  if (entry === undefined) throw new Error('no built-in eight-pi-cluster');
  const scenario = loadScenarioFile(entry.path);
  const mix = { ...scenario.workload.mix };
  if (!withUploads) {
    mix.admin = (mix.admin ?? 0) + (mix.uploads ?? 0);
    mix.uploads = 0;
  }
  return { ...scenario, duration: hours * 3_600_000, workload: { ...scenario.workload, mix } };
}

describe('eight-Pi cluster uploads (004_b8bc5fb3cdb64335.txt)', () => {
  it('the admin side is slow because of the eight copies: without uploads the check fails', () => {
    const verdict = (withUploads: boolean): { ok: boolean; seconds: number } => {
      const check = runScenario(eightPi(withUploads)).checks.find((each) => each.name === SLOW_ADMIN_CHECK);
      if (check === undefined) throw new Error(`no check "${SLOW_ADMIN_CHECK}"`);
      return { ok: check.ok, seconds: Number(check.actual) };
    };
    const withUploads = verdict(true);
    const without = verdict(false);
    expect(withUploads.ok).toBe(true);
    expect(without.ok).toBe(false);
    expect(withUploads.seconds).toBeGreaterThan(without.seconds);
  }, 120_000);

  it("the Pis' uptime is a result: a file server port too slow for their write-back stalls them past the kernel's patience", () => {
    const crashedPis = (fileServerBitsPerSecond: number): string[] => {
      const scenario = eightPi(true, 1);
      const nfsServers = scenario.estate.nfsServers ?? {};
      const fileserver = nfsServers['fileserver'];
      if (fileserver === undefined) throw new Error('no fileserver');
      const slowed: Scenario = {
        ...scenario,
        estate: {
          ...scenario.estate,
          nfsServers: { ...nfsServers, fileserver: { ...fileserver, bandwidth: fileServerBitsPerSecond } },
        },
      };
      return runScenario(slowed)
        .checks.filter((check) => check.name.endsWith('stays up') && !check.ok)
        .map((check) => check.name);
    };
    // 004's 100 Mbps carries the eight Pis' renders' writes (~7 Mbps); 2 Mbps does not.
    expect(crashedPis(100e6)).toEqual([]);
    expect(crashedPis(2e6).length).toBeGreaterThan(0);
  }, 120_000);
});
