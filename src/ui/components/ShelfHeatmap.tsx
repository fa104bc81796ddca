import { interpolateYlOrRd, scaleSequential } from 'd3';
import { useMemo } from 'react';
import type { RunStore } from '../runStore.ts';
import { useRunState } from '../hooks/useRunState.ts';
import { useWidth } from '../hooks/useWidth.ts';
import { countersOf } from '../model/counters.ts';
import { heatedShelves, shelfHeatAt } from '../model/heatmap.ts';
import { timeText } from '../model/timeText.ts';
import type { RunResult } from '../worker/protocol.ts';

/** Cells across a shelf's heatmap: 108 Pis draw as 12 × 9. */
const COLUMNS = 12;
const CELL_PX_MAX = 22;
/** The colour scale's ends when a scenario does not give its shelf's: a room and a Pi 3's rated limit. */
const COLD_C_DEFAULT = 20;
const CRITICAL_C_DEFAULT = 85;

/** One shelf: a cell per Pi in shelf order, coloured from the cold aisle's temperature (pale) to critical (red). */
function ShelfGrid({
  result,
  shelfId,
  cursorSeconds,
  widthPx,
}: {
  result: RunResult;
  shelfId: string;
  cursorSeconds: number;
  widthPx: number;
}) {
  const counters = countersOf(result.lines);
  const spec = result.scenario.estate.shelves?.[shelfId];
  const colour = useMemo(
    () =>
      scaleSequential(interpolateYlOrRd).domain([
        spec?.coldAisle ?? COLD_C_DEFAULT,
        spec?.criticalTemperature ?? CRITICAL_C_DEFAULT,
      ]),
    [spec],
  );
  const heat = shelfHeatAt(counters, shelfId, cursorSeconds);
  const cellPx = Math.max(6, Math.min(CELL_PX_MAX, Math.floor(widthPx / COLUMNS) - 2));
  const rows = Math.ceil((heat?.piC.length ?? 0) / COLUMNS);
  return (
    <figure
      className="heatmap"
      data-shelf={shelfId}
      data-mean-c={heat === undefined ? '' : String(heat.meanC)}
      data-max-c={heat === undefined ? '' : String(heat.maxC)}
    >
      <figcaption>
        {shelfId}:{' '}
        {heat === undefined
          ? 'no temperature reading yet (the first is at the end of the first minute)'
          : `${heat.minC.toFixed(1)}–${heat.maxC.toFixed(1)} °C, mean ${heat.meanC.toFixed(1)} °C (read at ${timeText(heat.atSeconds, result.report.startsAt)})`}
      </figcaption>
      {heat === undefined ? null : (
        <svg
          width={COLUMNS * (cellPx + 2)}
          height={rows * (cellPx + 2)}
          role="img"
          aria-label={`${shelfId}: each Pi's temperature, hottest ${heat.maxC.toFixed(1)} °C`}
        >
          {heat.piC.map((celsius, index) => (
            <rect
              key={index}
              x={(index % COLUMNS) * (cellPx + 2)}
              y={Math.floor(index / COLUMNS) * (cellPx + 2)}
              width={cellPx}
              height={cellPx}
              rx={2}
              fill={colour(celsius)}
            >
              <title>{`Pi ${index + 1}: ${celsius.toFixed(1)} °C`}</title>
            </rect>
          ))}
        </svg>
      )}
    </figure>
  );
}

/** Every shelf of the run as a heatmap of its Pis' temperatures at the cursor's time. */
export function ShelfHeatmaps({ store, result }: { store: RunStore; result: RunResult }) {
  const cursorSeconds = useRunState(store, (state) => state.cursorSeconds);
  const [ref, widthPx] = useWidth<HTMLDivElement>();
  const shelves = useMemo(() => heatedShelves(countersOf(result.lines)), [result.lines]);
  if (shelves.length === 0) return null;
  return (
    <div ref={ref} className="heatmaps">
      {shelves.map((shelfId) => (
        <ShelfGrid
          key={shelfId}
          result={result}
          shelfId={shelfId}
          cursorSeconds={cursorSeconds}
          widthPx={widthPx}
        />
      ))}
    </div>
  );
}
