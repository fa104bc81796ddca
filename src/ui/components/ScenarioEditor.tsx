import { autocompletion, completeFromList } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatIssue } from '../../scenarios/errors.ts';
import type { ScenarioIssue } from '../../scenarios/errors.ts';
import { scenarioJsonSchema } from '../../scenarios/jsonSchema.ts';
import { builtinScenarioText } from '../builtinSources.ts';
import type { RunClient } from '../runClient.ts';
import type { RunStore } from '../runStore.ts';
import { useRunState } from '../hooks/useRunState.ts';
import { diagnosticsOf, schemaWords } from '../model/editorHelp.ts';

/** The name the editor's text goes by in errors and when downloaded. */
const EDITOR_FILE = 'my-scenario.yaml';
/** How long typing pauses before the text is checked again. */
const LINT_DELAY_MS = 400;

/** Completion from the JSON Schema's keys (with a colon) and fixed values. */
function schemaCompletion() {
  const words = schemaWords(scenarioJsonSchema() as Parameters<typeof schemaWords>[0]);
  return completeFromList([
    ...words.keys.map((label) => ({ label, apply: `${label}: `, type: 'property' })),
    ...words.values.map((label) => ({ label, type: 'enum' })),
  ]);
}

function download(text: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'text/yaml' }));
  link.download = EDITOR_FILE;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/**
 * A CodeMirror editor in the element, with YAML highlighting, completion from the schema and the
 * worker's validation as its linter; every check's issues also go to onIssues, for the list.
 */
function useScenarioEditor(
  host: React.RefObject<HTMLDivElement | null>,
  client: RunClient,
  initialText: string,
  onIssues: (issues: ScenarioIssue[]) => void,
): React.RefObject<EditorView | undefined> {
  const view = useRef<EditorView | undefined>(undefined);
  const completion = useMemo(schemaCompletion, []);
  useEffect(() => {
    if (host.current === null) return undefined;
    const check = linter(
      async (editor) => {
        const text = editor.state.doc.toString();
        const found = await client.validate(text, EDITOR_FILE);
        onIssues(found);
        return diagnosticsOf(found, text, EDITOR_FILE);
      },
      { delay: LINT_DELAY_MS },
    );
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initialText,
        extensions: [
          lineNumbers(),
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          yaml(),
          syntaxHighlighting(defaultHighlightStyle),
          autocompletion({ override: [completion] }),
          check,
          lintGutter(),
          EditorView.contentAttributes.of({ 'aria-label': 'Scenario YAML' }),
        ],
      }),
    });
    view.current = editor;
    return () => editor.destroy();
  }, [host, client, initialText, onIssues, completion]);
  return view;
}

/**
 * Your own scenario: a YAML editor checked as you type by the same loader and cross-checks as
 * `twin validate` (in the worker), errors inline at their line; start from a built-in or a file,
 * download it, run it.
 */
export function ScenarioEditor({
  store,
  client,
  scenarios,
}: {
  store: RunStore;
  client: RunClient;
  scenarios: string[];
}) {
  const host = useRef<HTMLDivElement>(null);
  const [issues, setIssues] = useState<ScenarioIssue[]>([]);
  const [starter, setStarter] = useState(scenarios[0] ?? '');
  const status = useRunState(store, (state) => state.status);
  const initialText = useMemo(() => builtinScenarioText(scenarios[0] ?? '') ?? '', [scenarios]);
  const view = useScenarioEditor(host, client, initialText, setIssues);
  const replaceText = (text: string) => {
    const editor = view.current;
    editor?.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
  };
  const text = () => view.current?.state.doc.toString() ?? '';
  return (
    <div className="scenario-editor">
      <div className="editor-bar">
        <label>
          Start from{' '}
          <select
            aria-label="Start from"
            value={starter}
            onChange={(event) => setStarter(event.target.value)}
          >
            {scenarios.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => replaceText(builtinScenarioText(starter) ?? '')}>
          Load
        </button>
        <label>
          or a file{' '}
          <input
            type="file"
            aria-label="Open a scenario file"
            accept=".yaml,.yml,.json"
            onChange={(event) => void event.target.files?.[0]?.text().then(replaceText)}
          />
        </label>
        <button type="button" onClick={() => download(text())}>
          Download
        </button>
        <button
          type="button"
          disabled={status === 'running'}
          onClick={() =>
            client.run(
              { kind: 'text', text: text(), file: EDITOR_FILE },
              undefined,
              `${EDITOR_FILE} (edited)`,
            )
          }
        >
          Run this scenario
        </button>
      </div>
      <div ref={host} />
      <ul className="editor-issues error" aria-live="polite" data-testid="editor-issues">
        {issues.map((issue) => (
          <li key={formatIssue(issue)}>{formatIssue(issue)}</li>
        ))}
      </ul>
    </div>
  );
}
