import { reference } from '../schema/common.ts';
import { webServerOf } from './lookups.ts';
import { stepSchema } from './stepSchema.ts';
import { defineAction, isRefusal } from './types.ts';

/**
 * A drain lasts at least this long: requests the CDN routed just before the weight went to 0 are
 * still on their way to the server when the step starts. Longer than any round trip in the estate.
 */
export const DRAIN_SETTLE_MS = 5_000;

export const drainAction = defineAction({
  kind: 'drain',
  schema: stepSchema(
    'drain',
    { backend: reference('a CDN backend (the VM or Pi running it)') },
    "Set a backend's weight to 0 and wait for its requests in flight to finish.",
  ),
  doc:
    "Sets a backend's weight to 0 on every CDN node, so no new request goes there, and waits " +
    'until the server has no request running or queued, and at least 5 s for requests already ' +
    'on their way. The backend stays known to the CDN; `update-cdn` with a weight puts it back. ' +
    'Refused when the machine runs no web server.',
  units: { at: 'duration', duration: 'duration' },
  leastDurationMs: (step) => Math.max(DRAIN_SETTLE_MS, step.duration ?? 0),
  plan(step, { path, issues, state }) {
    if (!state.backends.has(step.backend)) {
      issues.add(
        [...path, 'backend'],
        `"${step.backend}", not a CDN backend at this step`,
        `one of ${[...state.backends].join(', ') || 'none'}`,
      );
    }
  },
  begin(step, { estate }) {
    const server = webServerOf(estate, step.backend);
    if (isRefusal(server)) return server;
    for (const node of estate.cdnNodes.values()) node.setBackendWeight(server.id, 0);
    return {
      until: () => {
        const load = estate.engine.serverLoad(server.id);
        return load.busy === 0 && load.queued === 0;
      },
    };
  },
});
