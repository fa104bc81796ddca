import { lazy, Suspense, useState } from 'react';
import { CapacityView } from './components/CapacityView.tsx';
import { Compare } from './components/Compare.tsx';
import { CounterexampleOpener, CounterexampleSummary } from './components/Counterexample.tsx';
import { ExportButton } from './components/ExportButton.tsx';
import { ReportSummary } from './components/ReportView.tsx';
import { RunControls, RunProgress } from './components/RunControls.tsx';
import { Scrubber } from './components/Scrubber.tsx';
import { ShelfHeatmaps } from './components/ShelfHeatmap.tsx';
import { Topology } from './components/Topology.tsx';
import { Tracks } from './components/Tracks.tsx';
import { UsersCharts } from './components/UsersChart.tsx';
import type { RunClient } from './runClient.ts';
import type { RunStore } from './runStore.ts';
import type { RunResult } from './worker/protocol.ts';
import { useRunState } from './hooks/useRunState.ts';

/** The editor (CodeMirror) loads when it is first opened, so the page draws without it. */
const ScenarioEditor = lazy(async () => ({
  default: (await import('./components/ScenarioEditor.tsx')).ScenarioEditor,
}));

/** The editor section: the editor is loaded the first time it is opened, and kept after. */
function EditorSection({
  store,
  client,
  scenarios,
}: {
  store: RunStore;
  client: RunClient;
  scenarios: string[];
}) {
  const [opened, setOpened] = useState(false);
  return (
    <details onToggle={(event) => setOpened(opened || event.currentTarget.open)}>
      <summary>Your own scenario: edit, check and run</summary>
      {opened ? (
        <Suspense fallback={<p className="meta">Loading the editor…</p>}>
          <ScenarioEditor store={store} client={client} scenarios={scenarios} />
        </Suspense>
      ) : null}
    </details>
  );
}

/** The counterexample the result replays, if it replays one, above its report. */
function CounterexampleSection({ store, result }: { store: RunStore; result: RunResult }) {
  return result.counterexample === undefined ? null : (
    <section aria-label="Counterexample">
      <CounterexampleSummary store={store} result={result} />
    </section>
  );
}

export function App({
  store,
  client,
  scenarios,
}: {
  store: RunStore;
  client: RunClient;
  scenarios: string[];
}) {
  const current = useRunState(store, (state) => state.current);
  const previous = useRunState(store, (state) => state.previous);
  const error = useRunState(store, (state) => state.error);
  return (
    <>
      <header>
        <h1>estate-twin</h1>
        <p>Replay the raspberrypi.org estate of 2015–2017: migrations, launches, failures.</p>
      </header>
      <main>
        <section aria-label="Run">
          <RunControls store={store} client={client} scenarios={scenarios} />
          <RunProgress store={store} client={client} />
          <CounterexampleOpener store={store} client={client} />
        </section>
        <section aria-label="Your own scenario">
          <EditorSection store={store} client={client} scenarios={scenarios} />
        </section>
        <section aria-label="Capacity">
          <CapacityView />
        </section>
        {error === undefined ? null : (
          <section>
            <p className="error" role="alert">
              {error}
            </p>
          </section>
        )}
        {current === undefined ? null : (
          <>
            <CounterexampleSection store={store} result={current} />
            <section aria-label="Report" data-testid="report">
              <ReportSummary report={current.report} />
              <p className="meta">
                <ExportButton result={current} /> Drawn {current.lines.length.toLocaleString('en-GB')} trace
                lines; the run took {(current.elapsedMs / 1000).toFixed(1)} s in the worker.
              </p>
            </section>
            <div className="sticky-cursor">
              <Scrubber store={store} />
            </div>
            <section aria-label="Topology">
              <h2>The estate at the cursor</h2>
              <Topology store={store} result={current} />
              <ShelfHeatmaps store={store} result={current} />
            </section>
            <section aria-label="Tracks">
              <h2>Parts, plan and faults over time</h2>
              <Tracks store={store} result={current} />
            </section>
            <section aria-label="What users saw">
              <h2>What users saw, per minute</h2>
              <UsersCharts store={store} result={current} />
            </section>
            {previous === undefined ? null : (
              <section aria-label="Compare">
                <details>
                  <summary>Compare with the run before ({previous.label})</summary>
                  <Compare before={previous} after={current} />
                </details>
              </section>
            )}
          </>
        )}
      </main>
    </>
  );
}
