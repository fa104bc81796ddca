import type { Kernel } from '../sim/kernel.ts';
import { advanceSdCard, forecastSdFailure, ioStallMs, sdWearShare } from './sdCard.ts';
import type { SdCardParams, SdCardState } from './sdCard.ts';

/** What the card needs of its Pi: whether its root is on the card and running, and how to fail. */
export interface SdCardOwner {
  readonly id: string;
  isUp(): boolean;
  /** Whether the Pi's root filesystem is on this card (only then do its writes reach it). */
  readonly rootOnCard: boolean;
  writeBytesPerSecond(): number;
  /** The card's IO stalled past the kernel's patience or its flash wore out. */
  storageFailed(): void;
}

/**
 * The SD card in a Pi's slot: its write backlog and wear, brought up to date whenever the load
 * changes, and the one event that forecasts its failure under the present load (sdCard.ts).
 */
export class SdCardSlot {
  private state: SdCardState = { backlogBytes: 0, wornBytes: 0 };
  private syncedAtMs = 0;
  private timerId: number | undefined;

  constructor(
    private readonly kernel: Kernel,
    private readonly owner: SdCardOwner,
    private readonly params: SdCardParams,
  ) {}

  /** Brings the card's state up to now, under the load that applied since the last sync. */
  sync(wasUp = this.owner.isUp()): void {
    const nowMs = this.kernel.nowMs;
    const load = wasUp && this.owner.rootOnCard ? this.owner.writeBytesPerSecond() : 0;
    this.state = advanceSdCard(this.params, this.state, load, nowMs - this.syncedAtMs);
    this.syncedAtMs = nowMs;
  }

  addWear(bytes: number): void {
    this.state = { ...this.state, wornBytes: this.state.wornBytes + bytes };
  }

  /** The flash is used up. */
  wearOut(): void {
    this.state = { ...this.state, wornBytes: Math.max(this.state.wornBytes, this.params.enduranceBytes) };
  }

  replace(): void {
    this.state = { backlogBytes: 0, wornBytes: 0 };
  }

  /** The Pi stopped: what waited in its memory for the card is gone; the wear stays. */
  dropBacklog(): void {
    this.state = { ...this.state, backlogBytes: 0 };
  }

  status(): { backlogBytes: number; ioStallMs: number; wearShare: number } {
    return {
      backlogBytes: this.state.backlogBytes,
      ioStallMs: ioStallMs(this.params, this.state.backlogBytes),
      wearShare: sdWearShare(this.params, this.state),
    };
  }

  /** Cancels the failure forecast and, while a Pi with its root here runs, makes a new one. */
  reschedule(): void {
    if (this.timerId !== undefined) this.kernel.cancelCallback(this.timerId);
    this.timerId = undefined;
    if (!this.owner.isUp() || !this.owner.rootOnCard) return;
    const forecast = forecastSdFailure(this.params, this.state, this.owner.writeBytesPerSecond());
    if (forecast === undefined) return;
    this.timerId = this.kernel.scheduleCallback(forecast.inMs, () => {
      this.timerId = undefined;
      this.sync();
      this.kernel.trace.record({
        timeMs: this.kernel.nowMs,
        part: this.owner.id,
        event: 'storageFailed',
        details: {
          cause: forecast.cause,
          ioStallMs: ioStallMs(this.params, this.state.backlogBytes),
          wearShare: sdWearShare(this.params, this.state),
        },
      });
      this.owner.storageFailed();
    });
  }
}
