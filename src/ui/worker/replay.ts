import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { scenarioFor } from '../../scenarios/check/candidate.ts';
import { stuckParts } from '../../scenarios/check/liveness.ts';
import { decodeReplayToken } from '../../scenarios/check/replayToken.ts';
import { resolveFaultModel } from '../../scenarios/check/faultModel.ts';
import { judgeRun } from '../../scenarios/check/verdict.ts';
import { formatIssue } from '../../scenarios/errors.ts';
import type { TraceLine } from '../../scenarios/export/traceLines.ts';
import { parseScenarioText } from '../../scenarios/parse.ts';
import { runScenario } from '../../scenarios/run/runScenario.ts';
import { browserEstateLibrary, builtinScenarioText } from '../builtinSources.ts';
import { breakMoment } from '../model/counterexample.ts';
import { installBase64urlBuffer } from './bufferShim.ts';
import type { RunResult } from './protocol.ts';

type Replayed = { ok: true; result: Omit<RunResult, 'elapsedMs' | 'label'> } | { ok: false; message: string };

/**
 * Replays a `twin check` token as `twin replay` does: decoded with the CLI's own function, refused
 * when it names no built-in or the built-in changed since the check (its file's hash), then the
 * scenario with the token's schedule is run and judged with the check's own verdict and liveness.
 */
export function replayToken(token: string, onProgress: (fraction: number) => void): Replayed {
  installBase64urlBuffer();
  const decoded = decodeReplayToken(token.trim());
  if (!decoded.ok)
    return { ok: false, message: `found "${token.slice(0, 40)}", expected ${decoded.expected}` };
  const { record } = decoded;
  const text = builtinScenarioText(record.scenario);
  if (text === undefined)
    return {
      ok: false,
      message: `the token replays "${record.scenario}", a file on the machine that ran the check; the page replays built-in scenarios (run \`npx twin replay\` there)`,
    };
  const hash = bytesToHex(sha256(utf8ToBytes(text)));
  if (!hash.startsWith(record.fileHash))
    return {
      ok: false,
      message: `replay token: the built-in ${record.scenario}'s hash is ${hash.slice(0, record.fileHash.length)}, expected ${record.fileHash} (it changed since the check)`,
    };
  const parsed = parseScenarioText(text, `builtin/scenarios/${record.scenario}.yaml`, browserEstateLibrary);
  if (!parsed.ok) return { ok: false, message: parsed.issues.map(formatIssue).join('\n') };
  const { candidate } = record;
  const variant = scenarioFor(parsed.scenario, candidate);
  const lines: TraceLine[] = [];
  const report = runScenario(variant, {
    seed: candidate.seed,
    onTraceLine: (line) => lines.push(JSON.parse(line) as TraceLine),
    onProgress,
  });
  const verdict = judgeRun(variant, report);
  const failures = 'discarded' in verdict ? [] : [...verdict.failures];
  if (failures.length > 0 && candidate.faults.length > 0) {
    const healBoundMs = resolveFaultModel(parsed.scenario, parsed.scenario.faultModel).healBoundMs;
    failures.push(...stuckParts(report, runScenario(parsed.scenario), candidate.faults, healBoundMs));
  }
  return {
    ok: true,
    result: {
      scenario: variant,
      report,
      lines,
      counterexample: {
        token: token.trim(),
        candidate,
        failures,
        ...('discarded' in verdict ? { discarded: verdict.discarded } : {}),
        moment: breakMoment(report, candidate),
      },
    },
  };
}
