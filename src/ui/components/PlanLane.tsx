import type { ScaleLinear } from 'd3';
import { useMemo } from 'react';
import type { RunStore } from '../runStore.ts';
import { useRunState } from '../hooks/useRunState.ts';
import { faultWindows } from '../model/minutes.ts';
import { partsChangedWithin } from '../model/stateAt.ts';
import type { RunResult } from '../worker/protocol.ts';
import { TRACK_HEIGHT_PX } from './TrackRow.tsx';

/** Seconds after a fault's window in which a part's change is still counted as its doing. */
const FAULT_AFTERMATH_SECONDS = 60;

/** Keyboard users press Enter or Space on a step or fault as a click. */
function onActivate(action: () => void) {
  return {
    onClick: action,
    onKeyDown: (event: React.KeyboardEvent) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      action();
    },
  };
}

/**
 * The plan as a lane of steps, each with what it cost users and admins, and the faults as
 * markers; clicking either highlights the parts whose state it changed.
 */
export function PlanLane({
  store,
  result,
  x,
  widthPx,
  cursorX,
}: {
  store: RunStore;
  result: RunResult;
  x: ScaleLinear<number, number>;
  widthPx: number;
  cursorX: number | undefined;
}) {
  const { report } = result;
  const highlight = useRunState(store, (state) => state.highlight);
  const faults = useMemo(() => faultWindows(result.lines, result.scenario), [result]);
  const [fromSeconds, toSeconds] = x.domain() as [number, number];
  const visible = (start: number, end: number) => end >= fromSeconds && start <= toSeconds;
  const highlightOf =
    (label: string, start: number, end: number, also: string[] = []) =>
    () =>
      store.update({
        highlight: { label, parts: [...new Set([...also, ...partsChangedWithin(report, start, end)])] },
        cursorSeconds: start,
      });
  const cursor =
    cursorX === undefined ? null : (
      <line className="cursor" x1={cursorX} x2={cursorX} y1={0} y2={TRACK_HEIGHT_PX} />
    );
  return (
    <>
      <div className="track-row lane">
        <div className="track-label">plan</div>
        <svg width={widthPx} height={TRACK_HEIGHT_PX} aria-label="The plan's steps">
          {report.steps.map((step, index) =>
            visible(step.startedAt, step.endedAt) ? (
              <rect
                key={index}
                role="button"
                tabIndex={0}
                data-step={step.name}
                aria-label={`${step.name}: ${step.failedRequests} failed requests, admin down ${step.adminDowntimeSeconds.toFixed(0)} s, ${step.outcome}`}
                aria-pressed={highlight?.label === step.name}
                className={`step ${step.failedRequests > 0 || step.outcome !== 'done' ? 'costly' : step.adminDowntimeSeconds > 0 ? 'admin' : 'free'}`}
                x={x(Math.max(fromSeconds, step.startedAt))}
                y={2}
                width={Math.max(
                  3,
                  x(Math.min(toSeconds, step.endedAt)) - x(Math.max(fromSeconds, step.startedAt)),
                )}
                height={TRACK_HEIGHT_PX - 4}
                {...onActivate(highlightOf(step.name, step.startedAt, step.endedAt))}
              >
                <title>
                  {step.name} ({step.action}): {step.failedRequests} failed requests, admin down{' '}
                  {step.adminDowntimeSeconds.toFixed(0)} s, {step.outcome}
                </title>
              </rect>
            ) : null,
          )}
          {cursor}
        </svg>
      </div>
      <div className="track-row lane">
        <div className="track-label">faults</div>
        <svg width={widthPx} height={TRACK_HEIGHT_PX} aria-label="Faults">
          {faults.map((fault, index) =>
            visible(fault.startSeconds, fault.endSeconds) ? (
              <rect
                key={index}
                role="button"
                tabIndex={0}
                data-fault={fault.name}
                aria-label={`fault ${fault.name} (${fault.kind}) on ${fault.target}`}
                className="fault"
                x={x(Math.max(fromSeconds, fault.startSeconds))}
                y={1}
                width={Math.max(4, x(fault.endSeconds) - x(Math.max(fromSeconds, fault.startSeconds)))}
                height={TRACK_HEIGHT_PX - 2}
                {...onActivate(
                  highlightOf(fault.name, fault.startSeconds, fault.endSeconds + FAULT_AFTERMATH_SECONDS, [
                    fault.target,
                  ]),
                )}
              >
                <title>
                  {fault.name} ({fault.kind}) on {fault.target}
                </title>
              </rect>
            ) : null,
          )}
          {cursor}
        </svg>
      </div>
      {highlight === undefined ? null : (
        <p className="highlight-note" data-testid="highlight">
          {highlight.label} touched:{' '}
          {highlight.parts.length === 0 ? 'no part changed state' : highlight.parts.join(', ')}{' '}
          <button type="button" onClick={() => store.update({ highlight: undefined })}>
            Clear
          </button>
        </p>
      )}
    </>
  );
}
