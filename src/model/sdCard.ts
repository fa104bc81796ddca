import { assertArgument } from '../sim/limits.ts';

/**
 * Pure arithmetic of an SD card under a write load, for a Pi whose root filesystem is on it.
 *
 * 004_b8bc5fb3cdb64335.txt: "if you exceed the write capability of the card the delays make the
 * kernel think the storage has failed and the system falls over". The card absorbs writes at its
 * sustained rate; a higher load builds a backlog of dirty data, and a new write waits
 * backlog / rate. Once that wait passes the kernel's patience, the storage is declared failed.
 * Flash also wears: every byte the card absorbs counts against its endurance, and a worn-out card
 * fails the same way ("you can still break a Pi by destroying the flash", 004_b8bc5fb3cdb64335.txt).
 * All rates are constant between events, so every quantity is linear in time.
 */
export interface SdCardParams {
  /**
   * Sustained write rate under a server's small random writes. The seeds give none. Measured
   * (pidramble.com microSD benchmarks, Pi 2 B, 4K random write): a Kingston class-10 16 GB card
   * 0.21 MB/s, a Toshiba class-10 0.21 MB/s, a Sony class-10 0.24 MB/s, the NOOBS card 1.01 MB/s,
   * a Samsung Evo+ 3.0 MB/s. We take the common cheap class-10 card: 0.21 MB/s. Which cards the
   * 2016 trial used is not known (assumption).
   */
  sustainedWriteBytesPerSecond: number;
  /**
   * Bytes the card absorbs before it wears out. Assumption: an 8 GB card × ~300 program/erase
   * cycles of consumer TLC flash ≈ 2.4 TB.
   */
  enduranceBytes: number;
  /**
   * How long IO may stall before the kernel declares the storage failed. Assumption: Linux's
   * hung-task timeout default, 120 s.
   */
  ioPatienceMs: number;
}

export const SD_CARD_DEFAULTS: Readonly<SdCardParams> = {
  sustainedWriteBytesPerSecond: 210_000,
  enduranceBytes: 2.4e12,
  ioPatienceMs: 120_000,
};

export interface SdCardState {
  /** Dirty bytes waiting for the card. */
  backlogBytes: number;
  /** Bytes the card has absorbed over its life. */
  wornBytes: number;
}

export function validateSdCardParams(owner: string, params: SdCardParams): void {
  assertArgument(
    params.sustainedWriteBytesPerSecond > 0,
    `${owner}: sdCard.sustainedWriteBytesPerSecond must be positive, got ${params.sustainedWriteBytesPerSecond}`,
  );
  assertArgument(
    params.enduranceBytes > 0,
    `${owner}: sdCard.enduranceBytes must be positive, got ${params.enduranceBytes}`,
  );
  assertArgument(
    params.ioPatienceMs > 0,
    `${owner}: sdCard.ioPatienceMs must be positive, got ${params.ioPatienceMs}`,
  );
}

/** The card's state elapsedMs later under a constant write load. */
export function advanceSdCard(
  params: SdCardParams,
  state: SdCardState,
  writeBytesPerSecond: number,
  elapsedMs: number,
): SdCardState {
  // Direct throws, not assertArgument: this runs on every write-load change, and an argument's
  // template message would be formatted on every call even when the check passes.
  if (!(elapsedMs >= 0)) throw new RangeError(`sdCard: elapsedMs must be non-negative, got ${elapsedMs}`);
  if (!(writeBytesPerSecond >= 0))
    throw new RangeError(`sdCard: write load must be non-negative, got ${writeBytesPerSecond}`);
  const seconds = elapsedMs / 1000;
  const capacity = params.sustainedWriteBytesPerSecond;
  const offered = state.backlogBytes + writeBytesPerSecond * seconds;
  // The card writes at full speed while anything is waiting, else as fast as writes arrive.
  const absorbed = Math.min(offered, capacity * seconds);
  return { backlogBytes: offered - absorbed, wornBytes: state.wornBytes + absorbed };
}

/** How long a new write waits behind the backlog. */
export function ioStallMs(params: SdCardParams, backlogBytes: number): number {
  return (backlogBytes / params.sustainedWriteBytesPerSecond) * 1000;
}

/** Why a card fails: its IO stalled past the kernel's patience, or its flash wore out. */
export type SdFailureCause = 'ioStall' | 'wornOut';

export interface SdFailureForecast {
  inMs: number;
  cause: SdFailureCause;
}

/**
 * When the card fails under a constant load, if it ever does: the earlier of the stall passing
 * the kernel's patience (only while the load exceeds the card) and the wear reaching endurance.
 */
export function forecastSdFailure(
  params: SdCardParams,
  state: SdCardState,
  writeBytesPerSecond: number,
): SdFailureForecast | undefined {
  const capacity = params.sustainedWriteBytesPerSecond;
  let best: SdFailureForecast | undefined;
  const patienceBacklogBytes = (params.ioPatienceMs / 1000) * capacity;
  if (state.backlogBytes > patienceBacklogBytes) return { inMs: 0, cause: 'ioStall' };
  if (writeBytesPerSecond > capacity) {
    const seconds = (patienceBacklogBytes - state.backlogBytes) / (writeBytesPerSecond - capacity);
    best = { inMs: seconds * 1000, cause: 'ioStall' };
  }
  const remainingBytes = params.enduranceBytes - state.wornBytes;
  if (remainingBytes <= 0) return { inMs: 0, cause: 'wornOut' };
  // While a backlog remains the card absorbs at full speed; after it drains, at the offered load.
  const absorbBytesPerSecond =
    state.backlogBytes > 0 || writeBytesPerSecond > capacity ? capacity : writeBytesPerSecond;
  const drainSeconds =
    state.backlogBytes > 0 && writeBytesPerSecond < capacity
      ? state.backlogBytes / (capacity - writeBytesPerSecond)
      : Infinity;
  if (absorbBytesPerSecond > 0) {
    let seconds = remainingBytes / absorbBytesPerSecond;
    if (seconds > drainSeconds) {
      // Full speed until the backlog drains, then the offered load.
      const afterDrainBytes = remainingBytes - drainSeconds * capacity;
      seconds = writeBytesPerSecond > 0 ? drainSeconds + afterDrainBytes / writeBytesPerSecond : Infinity;
    }
    if (Number.isFinite(seconds * 1000) && (best === undefined || seconds * 1000 < best.inMs)) {
      best = { inMs: seconds * 1000, cause: 'wornOut' };
    }
  }
  return best;
}

/** Share of the card's endurance used, 0..1 (more than 1 once worn out). */
export function sdWearShare(params: SdCardParams, state: SdCardState): number {
  return state.wornBytes / params.enduranceBytes;
}
