/**
 * Utilisation is averaged over a minute before its peak is kept, as the monitoring graphs the
 * seeds quote do (003_fadcec8afe75cc12.txt: VMs "humming along at 10-25% capacity"); a one-second
 * peak of a Poisson load says more about chance than about capacity.
 */
export const UTILISATION_WINDOW_MS = 60_000;

/**
 * One part's busy time summed over consecutive windows of UTILISATION_WINDOW_MS, each closed into
 * a utilisation (busy time over the window's length times the capacity) handed to `note`. Shared
 * by the web servers' worker pools (busy workers over time) and the MySQL primary (query time).
 *
 * A window closes lazily, at the first call to closeIfDue once it has lasted a full window, so it
 * needs no kernel event of its own: the windows therefore end when the part is next active, and
 * a quiet part's long window averages its quiet time in, which is what a monitoring graph does too.
 */
export class UtilisationWindow {
  private busyMs = 0;
  private startMs: number;

  constructor(
    private readonly note: (utilisation: number) => void,
    startMs: number,
    private readonly windowMs = UTILISATION_WINDOW_MS,
  ) {
    this.startMs = startMs;
  }

  /** Adds busy time (already divided by any capacity the caller normalised by). */
  add(busyMs: number): void {
    this.busyMs += busyMs;
  }

  /** Closes the window when it has lasted at least windowMs; the next one starts now. */
  closeIfDue(nowMs: number, capacity = 1): void {
    const elapsedMs = nowMs - this.startMs;
    if (elapsedMs < this.windowMs) return;
    this.note(this.busyMs / (elapsedMs * capacity));
    this.busyMs = 0;
    this.startMs = nowMs;
  }

  /**
   * Closes the open window at the end of a run, so a run shorter than a window, or the tail of a
   * longer one, is not left out of the peak. A tail shorter than half a window is left out when a
   * full window was seen (a window that started after time zero): a few seconds' average is not a
   * peak.
   */
  flush(nowMs: number, capacity = 1): void {
    const elapsedMs = nowMs - this.startMs;
    const hadFullWindow = this.startMs > 0;
    if (elapsedMs > 0 && (!hadFullWindow || elapsedMs >= this.windowMs / 2))
      this.note(this.busyMs / (elapsedMs * capacity));
  }
}
