import type { TimelineLayout } from '../draw/timeline.ts';

const ROW_HEIGHT_PX = 22;
const LABEL_WIDTH_PX = 190;

/** Draws a laid-out timeline as SVG; the layout (pure, tested) decides every coordinate. */
export function Timeline({
  layout,
  widthPx,
  label,
}: {
  layout: TimelineLayout;
  widthPx: number;
  label: string;
}) {
  const heightPx = layout.rows.length * ROW_HEIGHT_PX + 24;
  return (
    <svg
      className="timeline"
      role="img"
      aria-label={label}
      width={widthPx + LABEL_WIDTH_PX}
      height={heightPx}
      viewBox={`0 0 ${widthPx + LABEL_WIDTH_PX} ${heightPx}`}
    >
      {layout.rows.map((row, index) => (
        <text key={row} x={0} y={index * ROW_HEIGHT_PX + 15} className="row-label">
          {row}
        </text>
      ))}
      <g transform={`translate(${LABEL_WIDTH_PX},0)`}>
        {layout.bars.map((bar) => (
          <rect
            key={bar.key}
            x={bar.x}
            y={bar.row * ROW_HEIGHT_PX + 3}
            width={bar.width}
            height={ROW_HEIGHT_PX - 6}
            className={`bar ${bar.tone}`}
          >
            <title>{bar.title}</title>
          </rect>
        ))}
        {layout.ticks.map((tick) => (
          <text key={tick.label} x={tick.x} y={heightPx - 4} className="tick">
            {tick.label}
          </text>
        ))}
      </g>
    </svg>
  );
}
