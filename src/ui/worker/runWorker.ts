/// <reference lib="webworker" />
import { formatIssue, ScenarioError } from '../../scenarios/errors.ts';
import type { TraceLine } from '../../scenarios/export/traceLines.ts';
import { parseScenarioText } from '../../scenarios/parse.ts';
import type { ScenarioResult } from '../../scenarios/parse.ts';
import { runScenario } from '../../scenarios/run/runScenario.ts';
import { browserEstateLibrary, builtinScenarioText } from '../builtinSources.ts';
import type { RunRequest, RunResponse, ScenarioSource } from './protocol.ts';
import { replayToken } from './replay.ts';

/**
 * Runs a scenario off the page's thread with the same loader, kernel, model and runner as the
 * CLI, so a run in the browser gives the same report and trace hash as `twin run`; and checks
 * the editor's text with the same validation as `twin validate`.
 */
const post = (message: RunResponse): void => self.postMessage(message);

function parseSource(source: ScenarioSource): ScenarioResult {
  if (source.kind === 'text') return parseScenarioText(source.text, source.file, browserEstateLibrary);
  const text = builtinScenarioText(source.name);
  if (text === undefined)
    return {
      ok: false,
      issues: [{ file: source.name, path: '', found: `"${source.name}"`, expected: 'a built-in scenario' }],
    };
  return parseScenarioText(text, `builtin/scenarios/${source.name}.yaml`, browserEstateLibrary);
}

function run(source: ScenarioSource, seed: number | undefined): void {
  const parsed = parseSource(source);
  if (!parsed.ok) return post({ type: 'error', message: parsed.issues.map(formatIssue).join('\n') });
  post({ type: 'started', durationSeconds: parsed.scenario.duration / 1000 });
  const lines: TraceLine[] = [];
  try {
    const report = runScenario(parsed.scenario, {
      ...(seed === undefined ? {} : { seed }),
      ...(source.kind === 'text' ? { file: source.file } : {}),
      onTraceLine: (line) => lines.push(JSON.parse(line) as TraceLine),
      onProgress: (fraction) => post({ type: 'progress', fraction }),
    });
    post({ type: 'result', result: { scenario: parsed.scenario, report, lines } });
  } catch (error) {
    const message =
      error instanceof ScenarioError
        ? error.issues.map(formatIssue).join('\n')
        : error instanceof Error
          ? error.message
          : String(error);
    post({ type: 'error', message });
  }
}

/** Replays a `twin check` counterexample; a run that throws is reported as any run's error. */
function replay(token: string): void {
  try {
    const replayed = replayToken(token, (fraction) => post({ type: 'progress', fraction }));
    post(
      replayed.ok
        ? { type: 'result', result: replayed.result }
        : { type: 'error', message: replayed.message },
    );
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

self.onmessage = (event: MessageEvent<RunRequest>) => {
  const request = event.data;
  if (request.type === 'validate') {
    const parsed = parseScenarioText(request.text, request.file, browserEstateLibrary);
    post({ type: 'validated', id: request.id, issues: parsed.ok ? [] : parsed.issues });
  } else if (request.type === 'replay') replay(request.token);
  else run(request.source, request.seed);
};
