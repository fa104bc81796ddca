import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { REPLAY_HASH_PREFIX } from './components/Counterexample.tsx';
import { builtinScenarioNames } from './builtinSources.ts';
import { RunClient } from './runClient.ts';
import { RunStore } from './runStore.ts';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
const store = new RunStore();
const client = new RunClient(store);
createRoot(container).render(
  <StrictMode>
    <App store={store} client={client} scenarios={builtinScenarioNames()} />
  </StrictMode>,
);

/** A link with `#replay=<token>` opens that counterexample, on load or when the hash changes. */
function openReplayLink(): void {
  const hash = window.location.hash;
  if (hash.startsWith(REPLAY_HASH_PREFIX))
    client.replay(decodeURIComponent(hash.slice(REPLAY_HASH_PREFIX.length)));
}
window.addEventListener('hashchange', openReplayLink);
openReplayLink();
