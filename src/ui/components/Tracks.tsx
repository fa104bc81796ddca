import { scaleLinear } from 'd3';
import { useMemo, useState } from 'react';
import type { RunStore } from '../runStore.ts';
import { useRunState } from '../hooks/useRunState.ts';
import { useWidth } from '../hooks/useWidth.ts';
import { partsAt } from '../model/stateAt.ts';
import { TONE_LEGEND } from '../model/stateTone.ts';
import { countersOf, groupSeries } from '../model/counters.ts';
import type { CounterSeries } from '../model/counters.ts';
import { bandsToPixels, groupParts, partBands, summaryBands } from '../model/tracks.ts';
import type { PixelBand, TrackGroup } from '../model/tracks.ts';
import type { RunResult } from '../worker/protocol.ts';
import { CounterRow } from './CounterRow.tsx';
import { PlanLane } from './PlanLane.tsx';
import { TrackRow } from './TrackRow.tsx';

/** Room for the tracks' labels beside the bands; less on a narrow window (index.html matches). */
const LABEL_WIDTH_PX = 170;
const NARROW_LABEL_WIDTH_PX = 100;
const NARROW_WINDOW_PX = 600;

/** A part's name, and its peak utilisation over the run when it did work. */
function PartLabel({ id, peak }: { id: string; peak: number }) {
  return (
    <span title={`${id}: peak utilisation ${(peak * 100).toFixed(1)} %`}>
      {id}
      {peak > 0 ? <span className="peak"> {Math.round(peak * 100)}%</span> : null}
    </span>
  );
}

export function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      {TONE_LEGEND.map(({ tone, label }) => (
        <li key={tone}>
          <span className={`swatch tone-${tone}`} /> {label}
        </li>
      ))}
    </ul>
  );
}

/** Each track's bands in pixels, computed once per track for the window and width shown. */
function useBandPixels(
  report: RunResult['report'],
  x: (seconds: number) => number,
  window: { fromSeconds: number; toSeconds: number },
): (key: string, group: TrackGroup | undefined) => PixelBand[] {
  return useMemo(() => {
    const cache = new Map<string, PixelBand[]>();
    return (key: string, group: TrackGroup | undefined) => {
      let bands = cache.get(key);
      if (bands === undefined) {
        const raw =
          group === undefined
            ? partBands(report.parts[key]?.states ?? [], report.durationSeconds)
            : summaryBands(report, group.members);
        bands = bandsToPixels(raw, x, window);
        cache.set(key, bands);
      }
      return bands;
    };
  }, [report, x, window]);
}

/**
 * A track's counters: a part's own, or for a group the highest of its members' at each instant
 * (worked out once per run).
 */
function useCounterSeries(
  result: RunResult,
  groups: readonly TrackGroup[],
): (id: string, group: TrackGroup | undefined) => CounterSeries[] {
  return useMemo(() => {
    const counters = countersOf(result.lines);
    const byGroup = new Map(
      groups.map((group) => [group.key, groupSeries(counters, group.members, group.label)]),
    );
    return (id, group) =>
      group === undefined ? [...(counters.get(id)?.values() ?? [])] : (byGroup.get(group.key) ?? []);
  }, [result.lines, groups]);
}

/**
 * Perfetto-style tracks over the window of the run: the plan and the faults as lanes, then one
 * track per part with its states coloured by meaning; parts alike are one expandable track with a
 * summary band. Everything shares the page's time cursor.
 */
export function Tracks({ store, result }: { store: RunStore; result: RunResult }) {
  const { report } = result;
  const window = useRunState(store, (state) => state.window);
  const cursorSeconds = useRunState(store, (state) => state.cursorSeconds);
  const highlight = useRunState(store, (state) => state.highlight);
  const [ref, containerPx] = useWidth<HTMLDivElement>();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const labelPx = containerPx < NARROW_WINDOW_PX ? NARROW_LABEL_WIDTH_PX : LABEL_WIDTH_PX;
  const widthPx = Math.max(120, containerPx - labelPx - 8);
  const groups = useMemo(() => groupParts(report), [report]);
  const countersFor = useCounterSeries(result, groups);
  const x = useMemo(
    () => scaleLinear().domain([window.fromSeconds, window.toSeconds]).range([0, widthPx]),
    [window, widthPx],
  );
  const pixelsOf = useBandPixels(report, x, window);
  const states = partsAt(report, cursorSeconds);
  const inWindow = cursorSeconds >= window.fromSeconds && cursorSeconds <= window.toSeconds;
  const cursorX = inWindow ? x(cursorSeconds) : undefined;
  const lit = new Set(highlight?.parts ?? []);
  const counterRows = (key: string, series: readonly CounterSeries[]) =>
    series.map((each) => (
      <CounterRow
        key={`counter:${key}:${each.name}`}
        series={each}
        x={x}
        window={window}
        widthPx={widthPx}
        cursorX={cursorX}
        cursorSeconds={cursorSeconds}
      />
    ));
  const row = (id: string, label: React.ReactNode, group?: TrackGroup) => [
    <TrackRow
      key={group === undefined ? id : `group:${id}`}
      part={id}
      label={label}
      bands={pixelsOf(id, group)}
      widthPx={widthPx}
      cursorX={cursorX}
      highlighted={group === undefined ? lit.has(id) : group.members.some((member) => lit.has(member))}
      state={group === undefined ? states.get(id)?.state : undefined}
    />,
    ...counterRows(group === undefined ? id : `group:${id}`, countersFor(id, group)),
  ];
  const toggle = (key: string) => {
    const next = new Set(expanded);
    if (!next.delete(key)) next.add(key);
    setExpanded(next);
  };
  return (
    <div ref={ref} className="tracks">
      <Legend />
      <PlanLane store={store} result={result} x={x} widthPx={widthPx} cursorX={cursorX} />
      {groups.map((group) =>
        group.members.length === 1
          ? row(group.key, <PartLabel id={group.key} peak={report.parts[group.key]?.utilisationPeak ?? 0} />)
          : [
              ...row(
                group.key,
                <button
                  type="button"
                  className="group-toggle"
                  aria-expanded={expanded.has(group.key)}
                  onClick={() => toggle(group.key)}
                >
                  {expanded.has(group.key) ? '▾' : '▸'} {group.label}
                </button>,
                group,
              ),
              ...(expanded.has(group.key)
                ? group.members.flatMap((member) =>
                    row(member, <PartLabel id={member} peak={report.parts[member]?.utilisationPeak ?? 0} />),
                  )
                : []),
            ],
      )}
    </div>
  );
}
