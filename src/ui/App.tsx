import { RunControls } from './components/RunControls.tsx';
import { ReportView } from './components/ReportView.tsx';
import type { RunClient } from './runClient.ts';
import type { RunStore } from './runStore.ts';
import { useRunState } from './useRunState.ts';

export function App({
  store,
  client,
  scenarios,
}: {
  store: RunStore;
  client: RunClient;
  scenarios: string[];
}) {
  const report = useRunState(store, (state) => state.report);
  const error = useRunState(store, (state) => state.error);
  return (
    <>
      <header>
        <h1>estate-twin</h1>
        <p>Replay the raspberrypi.org estate of 2015–2017: migrations, launches, failures.</p>
      </header>
      <main>
        <section>
          <RunControls store={store} client={client} scenarios={scenarios} />
        </section>
        {error === undefined ? null : (
          <section>
            <p className="error" role="alert">
              {error}
            </p>
          </section>
        )}
        {report === undefined ? null : <ReportView report={report} />}
      </main>
    </>
  );
}
