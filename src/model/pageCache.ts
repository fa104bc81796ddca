import { assertArgument } from '../sim/limits.ts';

/**
 * A Supercache-style page cache on one web server: a rendered page is kept for `lifetimeMs`; a
 * comment on it drops it. Logged-in users bypass it (the engine never asks it for them). One
 * number per page in a typed array, so it costs nothing per request.
 */
export class PageCache {
  private readonly cachedAtMs: Float64Array;

  constructor(
    readonly pagesCount: number,
    // Assumption: WP Super Cache's default cache timeout is 1800 s.
    readonly lifetimeMs = 1_800_000,
  ) {
    assertArgument(
      Number.isInteger(pagesCount) && pagesCount > 0,
      `PageCache: pagesCount must be a positive integer, got ${pagesCount}`,
    );
    this.cachedAtMs = new Float64Array(pagesCount).fill(Number.NEGATIVE_INFINITY);
  }

  isCached(pageIndex: number, nowMs: number): boolean {
    const cachedAtMs = this.cachedAtMs[pageIndex] ?? Number.NEGATIVE_INFINITY;
    return nowMs - cachedAtMs < this.lifetimeMs;
  }

  store(pageIndex: number, nowMs: number): void {
    if (pageIndex >= 0 && pageIndex < this.pagesCount) this.cachedAtMs[pageIndex] = nowMs;
  }

  /** Drops every page: the whole cache is stale. */
  invalidateAll(): void {
    this.cachedAtMs.fill(Number.NEGATIVE_INFINITY);
  }

  invalidate(pageIndex: number): void {
    if (pageIndex >= 0 && pageIndex < this.pagesCount) this.cachedAtMs[pageIndex] = Number.NEGATIVE_INFINITY;
  }
}
