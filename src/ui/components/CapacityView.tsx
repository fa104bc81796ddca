import { line, scaleLinear } from 'd3';
import { useState } from 'react';
import { useWidth } from '../hooks/useWidth.ts';
import {
  bottleneckOf,
  capacityCurve,
  capacityLoad,
  loadAtScale,
  readCapacityJson,
} from '../model/capacityJson.ts';
import type { CapacityJson } from '../model/capacityJson.ts';

const CHART_HEIGHT_PX = 150;
const MARGIN = { left: 72, right: 24, top: 10, bottom: 30 };

type Curve = ReturnType<typeof capacityCurve>;

/** A vertical line where the bottleneck saturated, labelled on the side with room for it. */
function BottleneckMarker({ xPx, plotPx, label }: { xPx: number; plotPx: number; label: string }) {
  const leftOfLine = xPx > plotPx / 2;
  return (
    <g className="bottleneck" data-bottleneck={label}>
      <line x1={xPx} x2={xPx} y1={0} y2={CHART_HEIGHT_PX} />
      <text x={xPx + (leftOfLine ? -4 : 4)} y={12} textAnchor={leftOfLine ? 'end' : 'start'}>
        {label}
      </text>
    </g>
  );
}

/**
 * One curve against the crowd: the points coloured by the SLO's verdict, a horizontal line at
 * `limit` (the SLO's p95) and a vertical one where the bottleneck saturated.
 */
function CurveChart({
  curve,
  value,
  title,
  unit,
  limit,
  marker,
  widthPx,
  loadUnit,
}: {
  curve: Curve;
  value: (point: Curve[number]) => number;
  title: string;
  unit: string;
  limit?: number | undefined;
  marker?: { users: number; label: string } | undefined;
  widthPx: number;
  /** What the x axis counts: users, or requests per second for an open workload. */
  loadUnit: string;
}) {
  const plotPx = Math.max(120, widthPx - MARGIN.left - MARGIN.right);
  const x = scaleLinear()
    .domain([0, Math.max(...curve.map((point) => point.users), marker?.users ?? 0, 1)])
    .range([0, plotPx])
    .nice();
  const y = scaleLinear()
    .domain([0, Math.max(limit ?? 0, ...curve.map(value), 1) * 1.1])
    .range([CHART_HEIGHT_PX, 0])
    .nice();
  const path = line<Curve[number]>()
    .x((point) => x(point.users))
    .y((point) => y(value(point)))(curve);
  return (
    <figure className="capacity-chart" data-chart={title}>
      <figcaption>{title}</figcaption>
      <svg width={plotPx + MARGIN.left + MARGIN.right} height={CHART_HEIGHT_PX + MARGIN.top + MARGIN.bottom}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {y.ticks(4).map((tick) => (
            <text key={tick} className="tick" x={-4} y={y(tick) + 4} textAnchor="end">
              {`${tick.toLocaleString('en-GB')}${unit}`}
            </text>
          ))}
          {x.ticks(Math.max(2, Math.floor(plotPx / 110))).map((tick) => (
            <text key={tick} className="tick" x={x(tick)} y={CHART_HEIGHT_PX + 14} textAnchor="middle">
              {tick.toLocaleString('en-GB')}
            </text>
          ))}
          <text className="tick" x={plotPx} y={CHART_HEIGHT_PX + 27} textAnchor="end">
            {loadUnit} at peak
          </text>
          {limit === undefined ? null : (
            <line className="slo-line" data-slo={limit} x1={0} x2={plotPx} y1={y(limit)} y2={y(limit)}>
              <title>{`SLO: ${limit}${unit}`}</title>
            </line>
          )}
          {marker === undefined ? null : (
            <BottleneckMarker xPx={x(marker.users)} plotPx={plotPx} label={marker.label} />
          )}
          <path className="capacity-curve" d={path ?? ''} />
          {curve.map((point) => (
            <circle
              key={point.scale}
              className={point.ok ? 'point pass' : 'point fail'}
              cx={x(point.users)}
              cy={y(value(point))}
              r={4}
            >
              <title>{`×${point.scale} (${point.users.toLocaleString('en-GB')} ${loadUnit}): ${value(point).toFixed(1)}${unit}, ${point.ok ? 'within' : 'breaks'} the SLO`}</title>
            </circle>
          ))}
        </g>
      </svg>
    </figure>
  );
}

/** The curves of one capacity report: throughput and p95 against the crowd, the answer stated. */
function CapacityCharts({ report }: { report: CapacityJson }) {
  const [ref, widthPx] = useWidth<HTMLDivElement>();
  const curve = capacityCurve(report);
  const bottleneck = bottleneckOf(report);
  const marker =
    bottleneck === undefined
      ? undefined
      : {
          users: loadAtScale(report, bottleneck.scale),
          label: bottleneck.extrapolated
            ? `${bottleneck.part} full at ×${bottleneck.scale.toFixed(2)} (extrapolated)`
            : `${bottleneck.part} saturates (×${bottleneck.scale})`,
        };
  const { passScale, failScale } = report.search;
  return (
    <div ref={ref} data-testid="capacity" data-points={curve.length}>
      <p>
        {report.scenario}: within the SLO up to ×{passScale} ={' '}
        {loadAtScale(report, passScale).toLocaleString('en-GB')} {capacityLoad(report).unit} at peak
        {failScale === undefined ? '' : `; breaks at ×${failScale}`}
        {bottleneck === undefined ? '' : `; bottleneck ${bottleneck.part}`}.
      </p>
      <div className="capacity-charts">
        <CurveChart
          curve={curve}
          value={(point) => point.mean.throughputPerSecond}
          title="Throughput (www requests/s)"
          unit=""
          marker={marker}
          widthPx={Math.min(widthPx, 640)}
          loadUnit={capacityLoad(report).unit}
        />
        <CurveChart
          curve={curve}
          value={(point) => point.mean.p95Ms}
          title="p95 latency (ms), SLO dashed"
          unit=" ms"
          limit={report.slo.p95Ms}
          marker={marker}
          widthPx={Math.min(widthPx, 640)}
          loadUnit={capacityLoad(report).unit}
        />
      </div>
    </div>
  );
}

/**
 * Capacity curves from `twin capacity --json`, uploaded or pasted. Drawn with the page's own d3
 * scales from the JSON's points; this is the one component to point at a shared chart module.
 */
export function CapacityView() {
  const [text, setText] = useState('');
  const [shown, setShown] = useState<{ ok: true; value: CapacityJson } | { ok: false; message: string }>();
  return (
    <details>
      <summary>Capacity curves from twin capacity --json</summary>
      <div className="controls">
        <label>
          File{' '}
          <input
            type="file"
            aria-label="Capacity JSON file"
            accept=".json,application/json"
            onChange={async (event) => {
              const file = event.target.files?.[0];
              if (file !== undefined) setShown(readCapacityJson(await file.text()));
            }}
          />
        </label>
        <textarea
          aria-label="Capacity JSON"
          placeholder="or paste the JSON here"
          rows={3}
          cols={40}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="button" disabled={text.trim() === ''} onClick={() => setShown(readCapacityJson(text))}>
          Draw
        </button>
      </div>
      {shown === undefined ? null : shown.ok ? (
        <CapacityCharts report={shown.value} />
      ) : (
        <p className="error" role="alert">
          {shown.message}
        </p>
      )}
    </details>
  );
}
