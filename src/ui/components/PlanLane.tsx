import type { ScaleLinear } from 'd3';
import { useMemo } from 'react';
import type { StepReport } from '../../scenarios/report.ts';
import type { RunStore } from '../runStore.ts';
import { useRunState } from '../hooks/useRunState.ts';
import { faultWindows } from '../model/minutes.ts';
import type { FaultWindow } from '../model/minutes.ts';
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

/** A labelled lane of clickable spans, with the cursor. */
function Lane({
  label,
  widthPx,
  cursorX,
  children,
}: {
  label: string;
  widthPx: number;
  cursorX: number | undefined;
  children: React.ReactNode;
}) {
  return (
    <div className="track-row lane">
      <div className="track-label">{label}</div>
      <svg width={widthPx} height={TRACK_HEIGHT_PX} aria-label={label}>
        {children}
        {cursorX === undefined ? null : (
          <line className="cursor" x1={cursorX} x2={cursorX} y1={0} y2={TRACK_HEIGHT_PX} />
        )}
      </svg>
    </div>
  );
}

/** A step's class: red when users lost requests or it did not finish, amber when admins lost time. */
function stepClass(step: StepReport): string {
  if (step.failedRequests > 0 || step.outcome !== 'done') return 'step costly';
  return step.adminDowntimeSeconds > 0 ? 'step admin' : 'step free';
}

function stepText(step: StepReport): string {
  return `${step.name} (${step.action}): ${step.failedRequests} failed requests, admin down ${step.adminDowntimeSeconds.toFixed(0)} s, ${step.outcome}`;
}

/** What the clicked step or fault touched, and a way to clear it. */
function HighlightNote({ store }: { store: RunStore }) {
  const highlight = useRunState(store, (state) => state.highlight);
  if (highlight === undefined) return null;
  return (
    <p className="highlight-note" data-testid="highlight">
      {highlight.label} touched:{' '}
      {highlight.parts.length === 0 ? 'no part changed state' : highlight.parts.join(', ')}{' '}
      <button type="button" onClick={() => store.update({ highlight: undefined })}>
        Clear
      </button>
    </p>
  );
}

/**
 * The plan as a lane of steps, each with what it cost users and admins, and the faults as
 * markers; clicking either puts the cursor at its start and highlights the parts whose state it
 * changed.
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
  const span = (start: number, end: number, minWidthPx: number) => ({
    x: x(Math.max(fromSeconds, start)),
    width: Math.max(minWidthPx, x(Math.min(toSeconds, end)) - x(Math.max(fromSeconds, start))),
  });
  const visible = (start: number, end: number) => end >= fromSeconds && start <= toSeconds;
  const highlightOf = (label: string, start: number, end: number, also: string[] = []) =>
    onActivate(() =>
      store.update({
        highlight: { label, parts: [...new Set([...also, ...partsChangedWithin(report, start, end)])] },
        cursorSeconds: start,
      }),
    );
  const step = (each: StepReport, index: number) => (
    <rect
      key={index}
      role="button"
      tabIndex={0}
      data-step={each.name}
      aria-label={stepText(each)}
      aria-pressed={highlight?.label === each.name}
      className={stepClass(each)}
      y={2}
      height={TRACK_HEIGHT_PX - 4}
      {...span(each.startedAt, each.endedAt, 3)}
      {...highlightOf(each.name, each.startedAt, each.endedAt)}
    >
      <title>{stepText(each)}</title>
    </rect>
  );
  const fault = (each: FaultWindow, index: number) => (
    <rect
      key={index}
      role="button"
      tabIndex={0}
      data-fault={each.name}
      aria-label={`fault ${each.name} (${each.kind}) on ${each.target}`}
      className="fault"
      y={1}
      height={TRACK_HEIGHT_PX - 2}
      {...span(each.startSeconds, each.endSeconds, 4)}
      {...highlightOf(each.name, each.startSeconds, each.endSeconds + FAULT_AFTERMATH_SECONDS, [each.target])}
    >
      <title>{`${each.name} (${each.kind}) on ${each.target}`}</title>
    </rect>
  );
  return (
    <>
      <Lane label="plan" widthPx={widthPx} cursorX={cursorX}>
        {report.steps.map((each, index) =>
          visible(each.startedAt, each.endedAt) ? step(each, index) : null,
        )}
      </Lane>
      <Lane label="faults" widthPx={widthPx} cursorX={cursorX}>
        {faults.map((each, index) =>
          visible(each.startSeconds, each.endSeconds) ? fault(each, index) : null,
        )}
      </Lane>
      <HighlightNote store={store} />
    </>
  );
}
