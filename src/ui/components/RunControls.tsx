import { useState } from 'react';
import type { RunClient } from '../runClient.ts';
import type { RunStore } from '../runStore.ts';
import { useRunState } from '../useRunState.ts';

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
  const progress = useRunState(store, (state) => state.progress);
  const seedValid = seedText === '' || /^\d+$/.test(seedText);
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
        onClick={() => client.run(scenario, seedText === '' ? undefined : Number(seedText))}
      >
        Run
      </button>
      {status === 'running' ? <progress aria-label="Progress" max={1} value={progress} /> : null}
      {seedValid ? null : <span className="error">The seed is a whole number.</span>}
    </div>
  );
}
