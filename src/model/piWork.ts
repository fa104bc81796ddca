/**
 * What a Pi's work costs it besides time: the bytes each kind of request writes to its root
 * filesystem, and the power its CPU load draws. Pure arithmetic; the Pi applies it.
 *
 * Writes by kind. A cached hit (a Supercache or static file Apache sends) writes only its access-log
 * line; the kernel coalesces those appends into a few blocks per commit, so the card sees about the
 * line's own bytes. A render writes its log line, a PHP session file and, for an anonymous page,
 * the Supercache pair of files (the HTML and its gzip copy). Each of those is a small file rewritten
 * in place, so the card takes them at its small random-write rate (see sdCard.ts).
 */

/*
 * The checks below throw directly rather than through assertArgument: these functions run for
 * every Pi on every thermal solution, and a template-literal message passed as an argument is
 * built (numbers formatted) on every call, even when the check passes.
 */

/**
 * One Apache access-log line in the combined format (client, time, request line, status, bytes,
 * referer, user agent). Assumption: ~200 B, the length of a typical combined-format line.
 */
export const ACCESS_LOG_LINE_BYTES = 200;

/**
 * A PHP session file rewritten on each render (session.save_handler = files). Assumption: ~1 KB of
 * data, which costs a whole 4 KiB data block, the inode's block and an ext4 journal block: 12 KiB.
 */
export const SESSION_FILE_WRITE_BYTES = 3 * 4096;

/**
 * The HTML page WP Super Cache stores, uncompressed. Assumption: the request engine's 50 KB
 * compressed page (REQUEST_ENGINE_DEFAULTS.pageBytes) at gzip's ~4:1 on HTML: 200 KB.
 */
export const SUPERCACHE_HTML_BYTES = 200_000;

/** The gzip copy WP Super Cache stores next to it: the 50 KB compressed page (as above). */
export const SUPERCACHE_GZIP_BYTES = 50_000;

/**
 * Everything one render writes: log line, session file, and the Supercache pair. Logged-in and
 * admin renders write no Supercache pair, so this overstates them; they are a small share of
 * renders in the seeds' mixes (assumption).
 */
export const RENDER_WRITE_BYTES =
  ACCESS_LOG_LINE_BYTES + SESSION_FILE_WRITE_BYTES + SUPERCACHE_HTML_BYTES + SUPERCACHE_GZIP_BYTES;

/** Requests a Pi answered over an interval, split by what they cost it. */
export interface PiWork {
  cachedHits: number;
  renders: number;
  intervalMs: number;
}

/** Bytes per second the work writes to the Pi's root filesystem. */
export function writeBytesPerSecond(
  work: PiWork,
  cachedHitWriteBytes: number,
  renderWriteBytes: number,
): number {
  assertWork(work);
  const bytes = work.cachedHits * cachedHitWriteBytes + work.renders * renderWriteBytes;
  return (bytes * 1000) / work.intervalMs;
}

/**
 * Share of the Pi's cores the work kept busy, 0..1: CPU time of its renders (at the page time it
 * ran at) and cached hits, over the cores' time in the interval.
 */
export function cpuUtilisation(
  work: PiWork,
  renderCpuMs: number,
  cachedHitCpuMs: number,
  cores: number,
): number {
  assertWork(work);
  if (!(cores > 0)) throw new RangeError(`piWork: cores must be positive, got ${cores}`);
  const busyMs = work.renders * renderCpuMs + work.cachedHits * cachedHitCpuMs;
  return Math.min(1, busyMs / (cores * work.intervalMs));
}

/**
 * Watts a Pi draws at a CPU utilisation: idle plus the CPU's dynamic power in proportion to its
 * load. While throttled the clock runs `clockSlowdown` times slower; dynamic power is proportional
 * to clock at a fixed voltage (assumption: the firmware also lowers the voltage when it throttles,
 * so this is an upper bound on a throttled Pi's draw).
 */
export function powerWatts(
  idleWatts: number,
  busyWatts: number,
  utilisation: number,
  clockSlowdown: number,
): number {
  if (!(busyWatts >= idleWatts && idleWatts > 0))
    throw new RangeError(`piWork: need 0 < idleWatts <= busyWatts, got ${idleWatts} and ${busyWatts}`);
  if (!(utilisation >= 0 && utilisation <= 1))
    throw new RangeError(`piWork: utilisation must be in [0, 1], got ${utilisation}`);
  if (!(clockSlowdown >= 1))
    throw new RangeError(`piWork: clockSlowdown must be at least 1, got ${clockSlowdown}`);
  return idleWatts + ((busyWatts - idleWatts) * utilisation) / clockSlowdown;
}

function assertWork(work: PiWork): void {
  if (!(work.cachedHits >= 0 && work.renders >= 0 && work.intervalMs > 0))
    throw new RangeError(
      `piWork: need non-negative counts and a positive interval, got ${work.cachedHits} hits, ${work.renders} renders over ${work.intervalMs} ms`,
    );
}
