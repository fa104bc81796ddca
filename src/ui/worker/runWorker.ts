/// <reference lib="webworker" />
import { formatIssue, ScenarioError } from '../../scenarios/errors.ts';
import { parseScenarioText } from '../../scenarios/parse.ts';
import { runScenario } from '../../scenarios/run/runScenario.ts';
import { browserEstateLibrary, builtinScenarioText } from '../builtinSources.ts';
import type { RunRequest, RunResponse } from './protocol.ts';

/**
 * Runs a scenario off the page's thread with the same kernel, model and runner as the CLI, so a
 * run in the browser gives the same report and trace hash as `twin run`.
 */
const post = (message: RunResponse): void => self.postMessage(message);

self.onmessage = (event: MessageEvent<RunRequest>) => {
  const { scenario: name, seed } = event.data;
  const text = builtinScenarioText(name);
  if (text === undefined) return post({ type: 'error', message: `no built-in scenario "${name}"` });
  const parsed = parseScenarioText(text, `builtin/scenarios/${name}.yaml`, browserEstateLibrary);
  if (!parsed.ok) return post({ type: 'error', message: parsed.issues.map(formatIssue).join('\n') });
  try {
    const report = runScenario(parsed.scenario, {
      ...(seed === undefined ? {} : { seed }),
      onProgress: (fraction) => post({ type: 'progress', fraction }),
    });
    post({ type: 'report', report });
  } catch (error) {
    const message =
      error instanceof ScenarioError
        ? error.issues.map(formatIssue).join('\n')
        : error instanceof Error
          ? error.message
          : String(error);
    post({ type: 'error', message });
  }
};
