import type { Kernel } from '../sim/kernel.ts';
import type { Nic } from './link.ts';
import type { NfsServer } from './nfsServer.ts';
import { reservePath } from './pathTransfer.ts';

/** What the write-back needs of its Pi: whether it runs, its write rate, and how to fail its IO. */
export interface NfsRootOwner {
  readonly id: string;
  readonly nic: Nic;
  isUp(): boolean;
  writeBytesPerSecond(): number;
  /** The Pi's IO is declared failed (the kernel's patience with a refused write-back ran out). */
  storageFailed(): void;
}

/**
 * A Pi's NFS root as seen from its page cache: what the software writes accrues as dirty bytes,
 * and every interval the flusher sends them over the NIC to the file server's port and disk. It
 * keeps the books so that written = delivered + lost (dirty when the Pi stopped) + still dirty.
 */
export class NfsRootWriteback {
  private dirtyBytes = 0;
  private accruedAtMs = 0;
  private writtenBytes = 0;
  private deliveredBytes = 0;
  private lostBytes = 0;
  private refusedSinceMs: number | undefined;
  private refusedCount = 0;
  private timerId: number | undefined;

  constructor(
    private readonly kernel: Kernel,
    private readonly owner: NfsRootOwner,
    readonly server: NfsServer,
    private readonly intervalMs: number,
    private readonly ioPatienceMs: number,
  ) {}

  get writebacksRefused(): number {
    return this.refusedCount;
  }

  /** Bytes written (offered), delivered, lost and still dirty, brought up to now. */
  bytes(): { written: number; delivered: number; lost: number; dirty: number } {
    this.accrue();
    return {
      written: this.writtenBytes,
      delivered: this.deliveredBytes,
      lost: this.lostBytes,
      dirty: this.dirtyBytes,
    };
  }

  /** Brings the dirty bytes up to now, under the load that applied since the last accrual. */
  accrue(wasUp = this.owner.isUp()): void {
    const nowMs = this.kernel.nowMs;
    if (wasUp) {
      const bytes = (this.owner.writeBytesPerSecond() * (nowMs - this.accruedAtMs)) / 1000;
      this.dirtyBytes += bytes;
      this.writtenBytes += bytes;
    }
    this.accruedAtMs = nowMs;
  }

  /** The Pi stopped: what was dirty in its memory is lost, and the flusher stops. */
  stop(): void {
    this.lostBytes += this.dirtyBytes;
    this.dirtyBytes = 0;
    this.refusedSinceMs = undefined;
    if (this.timerId !== undefined) this.kernel.cancelCallback(this.timerId);
    this.timerId = undefined;
  }

  /** Starts the flusher when there is something to write; a pending round is left on its own clock. */
  ensureScheduled(): void {
    if (this.timerId !== undefined) return;
    if (this.owner.writeBytesPerSecond() > 0 || this.dirtyBytes > 0) this.schedule();
  }

  /**
   * Every interval the flusher sends what is dirty. A refused write-back (a link's backlog past its
   * limit) keeps its bytes dirty for the next round; refused for longer than the kernel's patience,
   * the Pi's IO is declared failed, as an SD card's is (an overloaded file server,
   * 004_b8bc5fb3cdb64335.txt's single port). While the server is down the Pi hangs instead (hard
   * mount) and waits for it.
   */
  private schedule(): void {
    this.timerId = this.kernel.scheduleCallback(this.intervalMs, () => {
      this.timerId = undefined;
      if (!this.owner.isUp()) return;
      this.accrue();
      this.flush();
      if (!this.owner.isUp()) return;
      if (this.owner.writeBytesPerSecond() > 0 || this.dirtyBytes > 0) this.schedule();
    });
  }

  private flush(): void {
    const kernel = this.kernel;
    const server = this.server;
    const bytes = this.dirtyBytes;
    if (bytes <= 0) return;
    const finishMs = server.isServing()
      ? reservePath(kernel.nowMs, [this.owner.nic.transmit, server.nic.receive, server.disk], bytes)
      : Number.NaN;
    if (!Number.isNaN(finishMs)) {
      server.noteWrite(this.owner.id, bytes);
      this.deliveredBytes += bytes;
      this.dirtyBytes = 0;
      this.refusedSinceMs = undefined;
      return;
    }
    this.refusedCount++;
    kernel.trace.record({
      timeMs: kernel.nowMs,
      part: this.owner.id,
      event: 'nfsWritebackRefused',
      details: { bytes, serverServing: server.isServing() },
    });
    if (!server.isServing()) return;
    this.refusedSinceMs ??= kernel.nowMs;
    const stalledMs = kernel.nowMs - this.refusedSinceMs;
    if (stalledMs < this.ioPatienceMs) return;
    kernel.trace.record({
      timeMs: kernel.nowMs,
      part: this.owner.id,
      event: 'storageFailed',
      details: { cause: 'nfsStall', ioStallMs: stalledMs, dirtyBytes: bytes },
    });
    this.owner.storageFailed();
  }
}
