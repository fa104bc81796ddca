import { useState } from 'react';
import type { RunClient } from '../runClient.ts';
import type { RunStore } from '../runStore.ts';
import { useRunState } from '../hooks/useRunState.ts';
import { timeText } from '../model/timeText.ts';

/** Pick a built-in scenario and a seed, run it in the worker, follow its progress, cancel it. */
export function RunControls({
  store,
  client,
  scenarios,
}: {
  store: RunStore;
  client: RunClient;
  scenarios: string[];
}) {
  const [scenario, setScenario] = useState(scenarios[0] ?? '');
  const [seedText, setSeedText] = useState('');
  const status = useRunState(store, (state) => state.status);
  const seedValid = seedText === '' || /^\d+$/.test(seedText);
  const seed = seedText === '' ? undefined : Number(seedText);
  return (
    <div className="controls">
      <label>
        Scenario{' '}
        <select aria-label="Scenario" value={scenario} onChange={(event) => setScenario(event.target.value)}>
          {scenarios.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Seed{' '}
        <input
          aria-label="Seed"
          placeholder="the scenario's"
          value={seedText}
          size={12}
          onChange={(event) => setSeedText(event.target.value)}
        />
      </label>
      <button
        type="button"
        disabled={status === 'running' || !seedValid || scenario === ''}
        onClick={() =>
          client.run(
            { kind: 'builtin', name: scenario },
            seed,
            seed === undefined ? scenario : `${scenario} seed ${seed}`,
          )
        }
      >
        Run
      </button>
      {seedValid ? null : <span className="error">The seed is a whole number.</span>}
    </div>
  );
}

/** The running run's progress: share done, simulated time reached, and a way to stop it. */
export function RunProgress({ store, client }: { store: RunStore; client: RunClient }) {
  const status = useRunState(store, (state) => state.status);
  const progress = useRunState(store, (state) => state.progress);
  const durationSeconds = useRunState(store, (state) => state.runningDurationSeconds);
  const label = useRunState(store, (state) => state.label);
  if (status !== 'running') return null;
  const percent = Math.floor(progress * 100);
  return (
    <div className="progress" role="status">
      Running {label}: <progress aria-label="Progress" max={100} value={percent} />{' '}
      <span data-testid="percent">{percent}%</span>
      {durationSeconds > 0
        ? ` · ${timeText(progress * durationSeconds, undefined)} of ${timeText(durationSeconds, undefined)} simulated`
        : ''}{' '}
      <button type="button" onClick={() => client.cancel()}>
        Cancel
      </button>
    </div>
  );
}
