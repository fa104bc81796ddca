/**
 * A plain-text table: the first `leftColumns` columns left-aligned (names), the others
 * right-aligned (figures), two spaces apart, with a rule under the header.
 */
export function textTable(header: string[], rows: string[][], leftColumns = 1): string[] {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) =>
        column < leftColumns ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

/** A bar for [start, end] on a line `width` characters wide spanning the whole run. */
export function timelineBar(
  startSeconds: number,
  endSeconds: number,
  runSeconds: number,
  width: number,
): string {
  const scale = runSeconds > 0 ? width / runSeconds : 0;
  const from = Math.min(width - 1, Math.floor(startSeconds * scale));
  const to = Math.min(width, Math.max(from + 1, Math.ceil(endSeconds * scale)));
  return ' '.repeat(from) + '█'.repeat(to - from) + ' '.repeat(width - to);
}

/** A count as the report shows it, with thousands separators. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-GB');
}
