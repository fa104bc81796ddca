import type { Report } from '../../scenarios/report.ts';
import { formatPercent } from './format.ts';
import { textTable } from './textTable.ts';

/** Parts the text shows, busiest first; the rest are counted on one line (the JSON has them all). */
export const PART_ROWS_SHOWN_MAX = 15;

interface PartRow {
  id: string;
  kind: string;
  peak: number;
  mean: number;
}

/** Every measured part and link, busiest minute first, then by mean, then by name. */
export function partRows(report: Report): PartRow[] {
  const rows: PartRow[] = [];
  for (const [id, part] of Object.entries(report.parts))
    if (part.utilisationMean !== undefined)
      rows.push({ id, kind: part.kind, peak: part.utilisationPeak, mean: part.utilisationMean });
  for (const [id, link] of Object.entries(report.links ?? {}))
    rows.push({ id, kind: link.kind, peak: link.utilisationPeak, mean: link.utilisationMean });
  return rows.sort((a, b) => b.peak - a.peak || b.mean - a.mean || a.id.localeCompare(b.id));
}

/** The "Parts" table: how busy each part that does work was, per minute; nothing if none was measured. */
export function partsSection(report: Report): string[] {
  const rows = partRows(report);
  if (rows.length === 0) return [];
  const hidden = rows.length - PART_ROWS_SHOWN_MAX;
  return [
    'Parts',
    ...textTable(
      ['part', 'kind', 'peak minute', 'mean'],
      rows
        .slice(0, PART_ROWS_SHOWN_MAX)
        .map((row) => [row.id, row.kind, formatPercent(row.peak), formatPercent(row.mean)]),
      2,
    ),
    ...(hidden > 0 ? [`and ${hidden} more parts, less busy (all in --json)`] : []),
    "utilisation: busy time over capacity per minute (workers, cores, or a link's time sending); a host is its VMs' work on its cores",
    '',
  ];
}
