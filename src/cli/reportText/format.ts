/** Seconds as the CLI shows them: `45s`, `12m30s`, `3h05m`, `3.5d`. */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Number(seconds.toFixed(seconds < 10 ? 2 : 1))}s`;
  if (seconds < 3600) {
    const minutes = Math.floor(seconds / 60);
    return `${minutes}m${String(Math.round(seconds - minutes * 60)).padStart(2, '0')}s`;
  }
  if (seconds < 2 * 86_400) {
    const hours = Math.floor(seconds / 3600);
    return `${hours}h${String(Math.round((seconds - hours * 3600) / 60)).padStart(2, '0')}m`;
  }
  return `${Number((seconds / 86_400).toFixed(2))}d`;
}

/** A share as a percentage, to two decimals below 100 % so 99.99 % does not read as 100 %. */
export function formatPercent(share: number): string {
  return share >= 1 ? '100%' : `${(Math.floor(share * 10_000) / 100).toFixed(2)}%`;
}
