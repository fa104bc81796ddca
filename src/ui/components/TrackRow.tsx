import { memo } from 'react';
import type { PixelBand } from '../model/tracks.ts';

export const TRACK_HEIGHT_PX = 18;

/** One track's bands as SVG; memoised, so moving the cursor redraws only the cursor line. */
const Bands = memo(function Bands({ bands }: { bands: readonly PixelBand[] }) {
  return (
    <>
      {bands.map((band, index) => (
        <rect
          key={index}
          className={`band tone-${band.tone}`}
          x={band.x}
          y={2}
          width={Math.max(1, band.width)}
          height={TRACK_HEIGHT_PX - 4}
        >
          <title>{band.label}</title>
        </rect>
      ))}
    </>
  );
});

/** A labelled row of the tracks: its bands, the cursor, and whether it is highlighted. */
export function TrackRow({
  label,
  part,
  bands,
  widthPx,
  cursorX,
  highlighted,
  state,
}: {
  label: React.ReactNode;
  part: string;
  bands: readonly PixelBand[];
  widthPx: number;
  cursorX: number | undefined;
  highlighted: boolean;
  state: string | undefined;
}) {
  return (
    <div className={highlighted ? 'track-row highlighted' : 'track-row'} data-track={part} data-state={state}>
      <div className="track-label">{label}</div>
      <svg
        width={widthPx}
        height={TRACK_HEIGHT_PX}
        role="img"
        aria-label={`${part}: ${state ?? 'not started'}`}
      >
        <Bands bands={bands} />
        {cursorX === undefined ? null : (
          <line className="cursor" x1={cursorX} x2={cursorX} y1={0} y2={TRACK_HEIGHT_PX} />
        )}
      </svg>
    </div>
  );
}
