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

/**
 * A goal judged on medians over interleaved rounds, saying in how many rounds the figures of that
 * round alone give the same verdict: all of them means a busier or quieter round would not flip it.
 */
export function verdictOverRounds(goal: string, held: boolean, heldPerRound: readonly boolean[]): boolean {
  const agreeing = heldPerRound.filter((roundHeld) => roundHeld === held).length;
  console.log(
    `${held ? 'PASS' : 'FAIL'}  ${goal}  [same verdict in ${agreeing} of ${heldPerRound.length} rounds]`,
  );
  return held;
}
