import { assertArgument } from '../sim/limits.ts';

/**
 * Pre-copy live migration in closed form (after SimGrid's model): copy all RAM while the VM runs,
 * then resend what it dirtied meanwhile, round after round, then pause the VM and copy the rest
 * (stop-and-copy). Each round lasts remaining / bandwidth and dirties dirtyRate × that, so the
 * remainder shrinks by r = dirtyRate / bandwidth per round: the pause grows with the dirty rate and
 * shrinks with bandwidth, and when r ≥ 1 the remainder never shrinks and migration cannot converge.
 */
export interface PreCopyParams {
  ramBytes: number;
  dirtyBytesPerSecond: number;
  linkBitsPerSecond: number;
  /** Pre-copy rounds after the first full copy before stopping to copy the rest. */
  roundsMax: number;
  /** Fixed cost of the pause besides copying: device state, ARP/NDP announce, resume. */
  resumeMs: number;
}

export const PRE_COPY_DEFAULTS = {
  roundsMax: 5, // assumption: hypervisors cap pre-copy iterations (Xen's default is 29); 5 gives sub-second pauses at typical dirty rates
  resumeMs: 50, // assumption: device state and a gratuitous neighbour advertisement
} as const;

export type PreCopyPlan =
  | {
      converged: true;
      /** Time the VM keeps running on the source while RAM is copied. */
      preCopyMs: number;
      /** The stop-and-copy pause: the VM runs nowhere. */
      pauseMs: number;
      rounds: number;
      bytesSent: number;
    }
  | { converged: false; reason: 'dirtyRateAtLeastLinkRate'; detail: string };

export function planPreCopy(params: PreCopyParams): PreCopyPlan {
  const { ramBytes, dirtyBytesPerSecond, linkBitsPerSecond, roundsMax, resumeMs } = params;
  assertArgument(ramBytes > 0, `planPreCopy: ramBytes must be positive, got ${ramBytes}`);
  assertArgument(
    dirtyBytesPerSecond >= 0,
    `planPreCopy: dirtyBytesPerSecond must be ≥ 0, got ${dirtyBytesPerSecond}`,
  );
  assertArgument(
    linkBitsPerSecond > 0,
    `planPreCopy: linkBitsPerSecond must be positive, got ${linkBitsPerSecond}`,
  );
  assertArgument(
    Number.isInteger(roundsMax) && roundsMax >= 0,
    `planPreCopy: roundsMax must be a whole number ≥ 0`,
  );
  const linkBytesPerMs = linkBitsPerSecond / 8 / 1000;
  const dirtyBytesPerMs = dirtyBytesPerSecond / 1000;
  if (dirtyBytesPerMs >= linkBytesPerMs) {
    return {
      converged: false,
      reason: 'dirtyRateAtLeastLinkRate',
      detail:
        `dirty rate ${(dirtyBytesPerSecond * 8e-6).toFixed(0)} Mbps ≥ link ${(linkBitsPerSecond * 1e-6).toFixed(0)} Mbps: ` +
        'each round resends at least what the last sent, so pre-copy never converges',
    };
  }
  let remainingBytes = ramBytes;
  let preCopyMs = 0;
  let bytesSent = 0;
  let rounds = 0;
  // Bounded: exactly roundsMax + 1 passes (the full copy and the resends); a fixed count rather
  // than "until small enough" keeps the pause monotonic in dirty rate and bandwidth.
  for (; rounds <= roundsMax; rounds++) {
    const roundMs = remainingBytes / linkBytesPerMs;
    preCopyMs += roundMs;
    bytesSent += remainingBytes;
    remainingBytes = Math.min(ramBytes, dirtyBytesPerMs * roundMs);
  }
  bytesSent += remainingBytes;
  return {
    converged: true,
    preCopyMs,
    pauseMs: remainingBytes / linkBytesPerMs + resumeMs,
    rounds,
    bytesSent,
  };
}
