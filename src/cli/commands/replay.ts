import { fileHash } from '../../scenarios/check/fileHash.ts';
import { decodeReplayToken } from '../../scenarios/check/replayToken.ts';
import type { ReplayRecord } from '../../scenarios/check/replayToken.ts';
import { livenessOf, runCandidate } from '../../scenarios/check/runCheck.ts';
import { scenarioFor } from '../../scenarios/check/candidate.ts';
import { formatIssue } from '../../scenarios/errors.ts';
import { readScenarioFile } from '../../scenarios/load.ts';
import type { Scenario } from '../../scenarios/schema/index.ts';
import { parseArguments } from '../arguments.ts';
import { EXIT_BAD_INPUT, EXIT_CHECK_FAILED, EXIT_OK } from '../command.ts';
import type { CliIo, Command } from '../command.ts';
import { reportText } from '../reportText.ts';
import { scenarioPath } from '../scenarioArgument.ts';

type Applied = { ok: true; scenario: Scenario; record: ReplayRecord } | { ok: false; message: string };

/**
 * The scenario a replay token describes, applied to the scenario file at `path`: refused, naming
 * what was found and expected, when the token is not one or the file is not the one it was made from.
 */
export function applyReplayToken(token: string, path: string, scenario: Scenario): Applied {
  const decoded = decodeReplayToken(token);
  if (!decoded.ok)
    return { ok: false, message: `--replay: found "${token.slice(0, 40)}", expected ${decoded.expected}` };
  const { record } = decoded;
  const hash = fileHash(path);
  if (hash !== record.fileHash)
    return {
      ok: false,
      message: `replay token: the scenario file's hash is ${hash}, expected ${record.fileHash} (the file changed since the check)`,
    };
  return { ok: true, scenario: scenarioFor(scenario, record.candidate), record };
}

function replay(args: readonly string[], io: CliIo, usage: string): number {
  const parsed = parseArguments(args);
  if (!parsed.ok || parsed.positionals.length !== 1) {
    io.stderr(`twin replay: ${parsed.ok ? 'give one replay token' : parsed.message}\nusage: ${usage}\n`);
    return EXIT_BAD_INPUT;
  }
  const token = parsed.positionals[0] as string;
  const decoded = decodeReplayToken(token);
  if (!decoded.ok) {
    io.stderr(`twin replay: found "${token.slice(0, 40)}", expected ${decoded.expected}\n`);
    return EXIT_BAD_INPUT;
  }
  const { path, shownAs } = scenarioPath(decoded.record.scenario, io);
  const loaded = readScenarioFile(path);
  if (!loaded.ok) {
    io.stderr(
      `${loaded.issues.map((issue) => formatIssue(issue.file === path ? { ...issue, file: shownAs } : issue)).join('\n')}\n`,
    );
    return EXIT_BAD_INPUT;
  }
  const applied = applyReplayToken(token, path, loaded.scenario);
  if (!applied.ok) {
    io.stderr(`twin replay: ${shownAs}: ${applied.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const { report, failures } = runCandidate(
    loaded.scenario,
    applied.record.candidate,
    livenessOf(loaded.scenario),
  );
  io.stdout(reportText(report));
  io.stdout(`\ntrace hash ${report.traceHash}\n`);
  if (failures === undefined || failures.length === 0) {
    io.stdout(
      failures === undefined ? 'the estate refused a fault in this schedule\n' : 'no property broke\n',
    );
    return EXIT_OK;
  }
  io.stdout(`broke:\n${failures.map((failure) => `  ${failure}`).join('\n')}\n`);
  return EXIT_CHECK_FAILED;
}

export const replayCommand: Command = {
  name: 'replay',
  summary: 'Re-run the counterexample a `twin check` replay line carries, exactly, with its trace hash.',
  usage: 'twin replay <token>',
  run(args, io) {
    return replay(args, io, this.usage);
  },
};
