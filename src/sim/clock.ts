import type { Kernel } from './kernel.ts';

/**
 * XState v5's Clock interface on the kernel: every actor created with `{ clock }` has its delayed
 * transitions scheduled as kernel events, so they fire at their exact deadlines, in order, however
 * far one run() advances and however many timers chain off each other.
 */
export class SimClock {
  constructor(private readonly kernel: Kernel) {}

  setTimeout(callback: (...args: unknown[]) => void, timeoutMs: number): number {
    // XState passes 0 for immediate timers; a negative or missing delay would be a bug upstream.
    const delayMs = Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : 0;
    return this.kernel.scheduleCallback(delayMs, () => callback());
  }

  clearTimeout(id: unknown): void {
    if (typeof id === 'number') this.kernel.cancelCallback(id);
  }
}
