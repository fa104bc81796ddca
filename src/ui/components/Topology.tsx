import { useMemo } from 'react';
import type { RunStore } from '../runStore.ts';
import { useRunState } from '../hooks/useRunState.ts';
import { useWidth } from '../hooks/useWidth.ts';
import { countersOf } from '../model/counters.ts';
import { placementAt } from '../model/placement.ts';
import { replicationLinksAt } from '../model/replication.ts';
import { partsAt } from '../model/stateAt.ts';
import type { PartAt } from '../model/stateAt.ts';
import { layoutTopology } from '../model/topology.ts';
import type { TopologyArrow, TopologyBox } from '../model/topology.ts';
import type { RunResult } from '../worker/protocol.ts';

/** Kinds drawn as containers with a title on top, rather than as chips with a centred label. */
const CONTAINERS = new Set<TopologyBox['kind']>(['site', 'host', 'vm', 'cdn', 'switch', 'shelf']);

/** Average width of a character of the 11 px labels, to cut a label to its box. */
const CHAR_WIDTH_PX = 6.2;

/** A label cut to the width of its box, with an ellipsis; the whole of it is in the box's title. */
function fitText(text: string, widthPx: number): string {
  const maxChars = Math.max(1, Math.floor((widthPx - 8) / CHAR_WIDTH_PX));
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

/**
 * One box of the estate, coloured by its part's state: a part not started yet is drawn dashed,
 * a box that is no part (a site, the CDN) plain.
 */
function BoxView({
  box,
  at,
  isPart,
  highlighted,
}: {
  box: TopologyBox;
  at: PartAt | undefined;
  isPart: boolean;
  highlighted: boolean;
}) {
  const tone = at?.tone ?? (isPart ? 'absent' : 'none');
  const container = CONTAINERS.has(box.kind);
  return (
    <g
      className={`box ${box.kind} tone-${tone}${highlighted ? ' highlighted' : ''}`}
      data-part={box.partId}
      data-state={at?.state}
      data-tone={tone}
    >
      <rect x={box.x} y={box.y} width={box.width} height={box.height} rx={box.kind === 'shelfPi' ? 1 : 4}>
        <title>{at === undefined ? box.label : `${box.label}: ${at.state}`}</title>
      </rect>
      {box.kind === 'shelfPi' ? null : (
        <text x={box.x + 5} y={container ? box.y + 13 : box.y + box.height / 2 + 4}>
          {fitText(
            at === undefined || box.kind === 'site' ? box.label : `${box.label} · ${at.state}`,
            box.width,
          )}
        </text>
      )}
    </g>
  );
}

/**
 * The page's warning colour for a replica behind its primary, set inline so it wins over the
 * stylesheet's replication colour without a rule of its own.
 */
const BEHIND_STYLE = { stroke: 'var(--changing)' };
const BEHIND_TEXT_STYLE = { fill: 'var(--changing)', fontWeight: 600 };

/** One arrow with its label at the middle; a replication arrow carries the lag its label gives. */
function ArrowView({ arrow }: { arrow: TopologyArrow }) {
  return (
    <g
      className={`arrow ${arrow.kind}${arrow.behind === true ? ' behind' : ''}`}
      data-arrow={arrow.id}
      data-label={arrow.label}
    >
      <line
        x1={arrow.x1}
        y1={arrow.y1}
        x2={arrow.x2}
        y2={arrow.y2}
        markerEnd="url(#arrow)"
        style={arrow.behind === true ? BEHIND_STYLE : undefined}
      />
      <text
        x={(arrow.x1 + arrow.x2) / 2}
        y={(arrow.y1 + arrow.y2) / 2 - 2}
        style={arrow.behind === true ? BEHIND_TEXT_STYLE : undefined}
      >
        {arrow.label}
      </text>
    </g>
  );
}

/**
 * The estate at the cursor's time: sites with their hosts, the VMs on them and their services,
 * CDN nodes and their backends, MySQL replication, switches with Pis and VLANs, shelves as grids;
 * every box coloured by its part's state then.
 */
export function Topology({ store, result }: { store: RunStore; result: RunResult }) {
  const cursorSeconds = useRunState(store, (state) => state.cursorSeconds);
  const highlight = useRunState(store, (state) => state.highlight);
  const [ref, widthPx] = useWidth<HTMLDivElement>();
  const { scenario, report } = result;
  const parts = useMemo(() => partsAt(report, cursorSeconds), [report, cursorSeconds]);
  const placement = useMemo(
    () => placementAt(scenario, report, cursorSeconds),
    [scenario, report, cursorSeconds],
  );
  const replication = useMemo(
    () => replicationLinksAt(report, countersOf(result.lines), cursorSeconds),
    [report, result.lines, cursorSeconds],
  );
  const layout = useMemo(
    () => layoutTopology(scenario, report, placement, replication, widthPx),
    [scenario, report, placement, replication, widthPx],
  );
  const lit = new Set(highlight?.parts ?? []);
  return (
    <div ref={ref} className="topology">
      <svg
        width={layout.widthPx}
        height={layout.heightPx + 4}
        role="img"
        aria-label="The estate at the cursor's time"
      >
        <defs>
          <marker
            id="arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="6"
            markerHeight="6"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" className="arrow-head" />
          </marker>
        </defs>
        {layout.boxes.map((box) => (
          <BoxView
            key={box.id}
            box={box}
            at={box.partId === undefined ? undefined : parts.get(box.partId)}
            isPart={report.parts[box.partId ?? ''] !== undefined}
            highlighted={lit.has(box.partId ?? '')}
          />
        ))}
        {layout.arrows.map((arrow) => (
          <ArrowView key={arrow.id} arrow={arrow} />
        ))}
      </svg>
    </div>
  );
}
