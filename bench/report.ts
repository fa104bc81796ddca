/** Prints rows under a header with columns padded to their widest cell. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
}

/** Prints a goal's outcome and returns whether it held. */
export function verdict(goal: string, held: boolean): boolean {
  console.log(`${held ? 'PASS' : 'FAIL'}  ${goal}`);
  return held;
}
