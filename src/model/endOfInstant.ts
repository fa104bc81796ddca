import type { ModelContext } from './part.ts';

/**
 * Runs an action once at the end of the current instant however often it is asked for in it: a
 * zero-delay callback, scheduled on the first request and folding the rest. A shelf re-solves its
 * heat this way when a write-load refresh changes many of its Pis at one instant, so the solution
 * (a pass over every Pi) is paid once, not once per Pi.
 */
export class EndOfInstant {
  private pending = false;

  constructor(
    private readonly kernel: ModelContext['kernel'],
    private readonly action: () => void,
  ) {}

  request(): void {
    if (this.pending) return;
    this.pending = true;
    this.kernel.scheduleCallback(0, () => {
      this.pending = false;
      this.action();
    });
  }
}
