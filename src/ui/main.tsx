import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { builtinScenarioNames } from './builtinSources.ts';
import { RunClient } from './runClient.ts';
import { RunStore } from './runStore.ts';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
const store = new RunStore();
createRoot(container).render(
  <StrictMode>
    <App store={store} client={new RunClient(store)} scenarios={builtinScenarioNames()} />
  </StrictMode>,
);
