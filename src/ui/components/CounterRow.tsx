import { area, curveStepAfter, scaleLinear } from 'd3';
import { memo, useMemo } from 'react';
import { counterAt, counterLabel, formatCounter, pointsInWindow } from '../model/counters.ts';
import type { CounterSeries } from '../model/counters.ts';

export const COUNTER_HEIGHT_PX = 22;

/** The counter's shape over the window, as a stepped area; memoised, so the cursor alone redraws cheaply. */
const CounterArea = memo(function CounterArea({
  series,
  x,
  window,
}: {
  series: CounterSeries;
  x: (seconds: number) => number;
  window: { fromSeconds: number; toSeconds: number };
}) {
  const path = useMemo(() => {
    const top = Math.max(series.name === 'utilisation' ? 1 : 0, ...series.values);
    const low = Math.min(0, ...series.values);
    const y = scaleLinear()
      .domain([low, top === low ? low + 1 : top])
      .range([COUNTER_HEIGHT_PX - 1, 2]);
    const shape = area<[number, number]>()
      .x(([px]) => px)
      .y0(COUNTER_HEIGHT_PX - 1)
      .y1(([, value]) => y(value))
      .curve(curveStepAfter);
    return shape(pointsInWindow(series, x, window)) ?? '';
  }, [series, x, window]);
  return <path className="counter-area" d={path} />;
});

/**
 * A counter track beside a part's state band (utilisation, temperature, replication lag, queue
 * length), with its value at the cursor written at its end and kept in data-value for tests.
 */
export function CounterRow({
  series,
  x,
  window,
  widthPx,
  cursorX,
  cursorSeconds,
}: {
  series: CounterSeries;
  x: (seconds: number) => number;
  window: { fromSeconds: number; toSeconds: number };
  widthPx: number;
  cursorX: number | undefined;
  cursorSeconds: number;
}) {
  const value = counterAt(series, cursorSeconds);
  const text = value === undefined ? 'no reading yet' : formatCounter(series.name, value);
  return (
    <div
      className="track-row counter-row"
      data-counter={`${series.part}:${series.name}`}
      data-value={value === undefined ? '' : String(value)}
    >
      <div className="track-label counter-label" title={`${series.part} ${series.name}`}>
        ↳ {counterLabel(series.name)} <span className="counter-value">{text}</span>
      </div>
      <svg
        width={widthPx}
        height={COUNTER_HEIGHT_PX}
        role="img"
        aria-label={`${series.part} ${counterLabel(series.name)}: ${text}`}
      >
        <CounterArea series={series} x={x} window={window} />
        {cursorX === undefined ? null : (
          <line className="cursor" x1={cursorX} x2={cursorX} y1={0} y2={COUNTER_HEIGHT_PX} />
        )}
      </svg>
    </div>
  );
}
