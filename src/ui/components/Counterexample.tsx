import { useState } from 'react';
import type { RunClient } from '../runClient.ts';
import type { RunStore } from '../runStore.ts';
import { useRunState } from '../hooks/useRunState.ts';
import { timeText } from '../model/timeText.ts';
import { formatDuration } from '../../scenarios/units.ts';
import type { RunResult } from '../worker/protocol.ts';

/** The hash a link to a counterexample carries: `#replay=<token>`. */
export const REPLAY_HASH_PREFIX = '#replay=';

/** Paste the replay token `twin check` printed (or the whole `npx twin replay …` line) and open it. */
export function CounterexampleOpener({ store, client }: { store: RunStore; client: RunClient }) {
  const [text, setText] = useState('');
  const status = useRunState(store, (state) => state.status);
  // The token is the last word of a pasted `npx twin replay <token>` line.
  const token = text.trim().split(/\s+/).at(-1) ?? '';
  return (
    <form
      className="controls"
      onSubmit={(event) => {
        event.preventDefault();
        if (token !== '') client.replay(token);
      }}
    >
      <label>
        Replay token{' '}
        <input
          aria-label="Replay token"
          placeholder="from twin check: npx twin replay …"
          value={text}
          size={40}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <button type="submit" disabled={status === 'running' || token === ''}>
        Open counterexample
      </button>
    </form>
  );
}

/**
 * A replayed counterexample: what it broke, its schedule (seed, crowd, each fault a button that
 * moves the cursor to it), and the moment the page landed on, with why there.
 */
export function CounterexampleSummary({ store, result }: { store: RunStore; result: RunResult }) {
  const counterexample = result.counterexample;
  if (counterexample === undefined) return null;
  const { candidate, failures, moment } = counterexample;
  const startsAt = result.report.startsAt;
  return (
    <div className="counterexample" data-testid="counterexample" data-moment={moment.seconds}>
      <h2>Counterexample from twin check</h2>
      <p>
        {counterexample.discarded !== undefined
          ? `The estate refused a fault of this schedule: ${counterexample.discarded}`
          : failures.length === 0
            ? 'No property broke in this replay.'
            : `Broke: ${failures.join('; ')}.`}
      </p>
      <p>
        Landed at{' '}
        <button type="button" onClick={() => store.setCursor(moment.seconds)}>
          {timeText(moment.seconds, startsAt)}
        </button>{' '}
        — {moment.reason}.
      </p>
      <p className="meta">
        Seed {candidate.seed}, crowd {candidate.crowdPercent}% of the scenario&apos;s, operator pauses
        totalling {formatDuration(candidate.stepPausesMs.reduce((sum, pauseMs) => sum + pauseMs, 0))}.
      </p>
      {candidate.faults.length === 0 ? (
        <p className="meta">No fault in the schedule: the plan alone breaks it.</p>
      ) : (
        <ul aria-label="Schedule">
          {candidate.faults.map((fault, index) => (
            <li key={index}>
              <button
                type="button"
                data-fault-at={fault.atMs / 1000}
                onClick={() => store.setCursor(fault.atMs / 1000)}
              >
                {timeText(fault.atMs / 1000, startsAt)}
              </button>{' '}
              {fault.kind} on {fault.target}
              {fault.durationMs > 0 ? ` for ${formatDuration(fault.durationMs)}` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
