import { area, scaleLinear } from 'd3';
import type { ScaleLinear } from 'd3';
import { useMemo } from 'react';
import type { RunStore } from '../runStore.ts';
import { useRunState } from '../hooks/useRunState.ts';
import { useWidth } from '../hooks/useWidth.ts';
import { faultWindows, outcomesByService } from '../model/minutes.ts';
import type { FaultWindow, MinuteOutcomes } from '../model/minutes.ts';
import { tickText } from '../model/timeText.ts';
import type { RunResult } from '../worker/protocol.ts';

const CHART_HEIGHT_PX = 120;
const AXIS_PX = 18;
const LEFT_PX = 56;

type Scale = ScaleLinear<number, number>;

/** The faults' windows shaded across the chart, clipped to the window shown. */
function FaultShading({ faults, x }: { faults: readonly FaultWindow[]; x: Scale }) {
  const [fromSeconds, toSeconds] = x.domain() as [number, number];
  return (
    <>
      {faults
        .filter((fault) => fault.endSeconds >= fromSeconds && fault.startSeconds <= toSeconds)
        .map((fault) => {
          const left = x(Math.max(fromSeconds, fault.startSeconds));
          return (
            <rect
              key={fault.name}
              className="fault-window"
              x={left}
              width={Math.max(2, x(Math.min(toSeconds, fault.endSeconds)) - left)}
              y={0}
              height={CHART_HEIGHT_PX}
            >
              <title>{fault.name}</title>
            </rect>
          );
        })}
    </>
  );
}

/** Requests per minute up the side, the time (wall clock when known) along the bottom. */
function Axes({
  x,
  y,
  plotPx,
  startsAt,
}: {
  x: Scale;
  y: Scale;
  plotPx: number;
  startsAt: string | undefined;
}) {
  return (
    <>
      {y.ticks(3).map((tick) => (
        <text key={tick} className="tick" x={-4} y={y(tick) + 4} textAnchor="end">
          {tick.toLocaleString('en-GB')}
        </text>
      ))}
      {x.ticks(Math.max(2, Math.floor(plotPx / 110))).map((tick) => (
        <text key={tick} className="tick" x={x(tick)} y={CHART_HEIGHT_PX + 13} textAnchor="middle">
          {tickText(tick, startsAt)}
        </text>
      ))}
    </>
  );
}

/**
 * What users of one service saw per minute over the window: requests answered, failed and timed
 * out (stacked), with the fault windows shaded and the cursor drawn.
 */
function ServiceChart({
  store,
  name,
  minutes,
  result,
  widthPx,
}: {
  store: RunStore;
  name: string;
  minutes: readonly MinuteOutcomes[];
  result: RunResult;
  widthPx: number;
}) {
  const window = useRunState(store, (state) => state.window);
  const cursorSeconds = useRunState(store, (state) => state.cursorSeconds);
  const faults = useMemo(() => faultWindows(result.lines, result.scenario), [result]);
  const plotPx = Math.max(100, widthPx - LEFT_PX - 8);
  const x = scaleLinear().domain([window.fromSeconds, window.toSeconds]).range([0, plotPx]);
  const shown = minutes.filter(
    (minute) => minute.endSeconds >= window.fromSeconds && minute.startSeconds <= window.toSeconds,
  );
  const peak = Math.max(1, ...shown.map((minute) => minute.ok + minute.failed + minute.timedOut));
  const y = scaleLinear().domain([0, peak]).nice().range([CHART_HEIGHT_PX, 0]);
  const mid = (minute: MinuteOutcomes) => x((minute.startSeconds + minute.endSeconds) / 2);
  const stack = (low: (m: MinuteOutcomes) => number, high: (m: MinuteOutcomes) => number) =>
    area<MinuteOutcomes>()
      .x(mid)
      .y0((m) => y(low(m)))
      .y1((m) => y(high(m)))(shown) ?? '';
  const bad = (m: MinuteOutcomes) => m.failed + m.timedOut;
  const failedTotal = shown.reduce((sum, minute) => sum + bad(minute), 0);
  return (
    <figure className="chart" data-service={name} data-failed-in-window={failedTotal}>
      <figcaption>
        {name}: requests per minute ({failedTotal.toLocaleString('en-GB')} failed or timed out in the window)
      </figcaption>
      <svg
        width={plotPx + LEFT_PX}
        height={CHART_HEIGHT_PX + AXIS_PX}
        role="img"
        aria-label={`${name} requests per minute`}
      >
        <g transform={`translate(${LEFT_PX},0)`}>
          <FaultShading faults={faults} x={x} />
          <path className="area ok" d={stack(bad, (m) => m.ok + bad(m))} />
          <path className="area timedout" d={stack((m) => m.failed, bad)} />
          <path
            className="area failed"
            d={stack(
              () => 0,
              (m) => m.failed,
            )}
          />
          <Axes x={x} y={y} plotPx={plotPx} startsAt={result.report.startsAt} />
          {cursorSeconds >= window.fromSeconds && cursorSeconds <= window.toSeconds ? (
            <line
              className="cursor"
              x1={x(cursorSeconds)}
              x2={x(cursorSeconds)}
              y1={0}
              y2={CHART_HEIGHT_PX}
            />
          ) : null}
        </g>
      </svg>
    </figure>
  );
}

/** A chart per service of what its users saw, resizing with the window. */
export function UsersCharts({ store, result }: { store: RunStore; result: RunResult }) {
  const [ref, widthPx] = useWidth<HTMLDivElement>();
  const series = useMemo(() => outcomesByService(result.lines), [result]);
  return (
    <div ref={ref} className="charts">
      <p className="meta">
        Green: answered; amber: timed out; red: failed. Shaded: a fault. Latency per minute is not in the
        trace; the run's percentiles are in the table above.
      </p>
      {[...series].map(([name, minutes]) => (
        <ServiceChart
          key={name}
          store={store}
          name={name}
          minutes={minutes}
          result={result}
          widthPx={widthPx}
        />
      ))}
    </div>
  );
}
