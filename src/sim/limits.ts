/**
 * The error a bounded structure throws when a run outgrows it. The kernel turns it into a run
 * result that names the limit, so a run never stops or grows silently.
 */
export class LimitExceededError extends Error {
  constructor(
    readonly limitName: string,
    readonly limit: number,
    detail: string,
  ) {
    super(`limit ${limitName} (${limit}) exceeded: ${detail}`);
    this.name = 'LimitExceededError';
  }
}

/** Throws when a precondition on arguments fails; the kernel asserts rather than guessing. */
export function assertArgument(condition: boolean, message: string): asserts condition {
  if (!condition) throw new RangeError(message);
}
