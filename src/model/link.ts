import { assertArgument } from '../sim/limits.ts';

/**
 * One direction of a network link or NIC, as a first-in-first-out transmitter: a transfer starts
 * when the link is free and takes bytes × 8 / bitsPerSecond. Its finish time is computed in closed
 * form (no events of its own), so the request engine can put millions of transfers through it; the
 * caller schedules whatever happens when the bytes have arrived.
 *
 * FIFO rather than fair sharing: for the throughput bounds the seeds give ("100 Mbps of cached
 * pages", "eight copies on a 100Mbps network") the two agree, and FIFO costs O(1) per transfer.
 */
export class FifoLink {
  private busyUntilMs = 0;
  private busyMsTotal = 0;
  private bytesTotal = 0;
  /** Until when the link is out: transfers queue behind the outage and go when it returns. */
  private heldUntilMs = 0;

  constructor(
    readonly name: string,
    readonly bitsPerSecond: number,
    /** A transfer that would wait longer than this is refused (the link's buffer is full). */
    readonly backlogMsMax = 30_000,
  ) {
    assertArgument(bitsPerSecond > 0, `${name}: bitsPerSecond must be positive, got ${bitsPerSecond}`);
    assertArgument(backlogMsMax >= 0, `${name}: backlogMsMax must be non-negative, got ${backlogMsMax}`);
  }

  /** How long a transfer of this size occupies the link. */
  transferMs(bytes: number): number {
    return (bytes * 8 * 1000) / this.bitsPerSecond;
  }

  /** Time a new transfer would wait before it starts. */
  backlogMs(nowMs: number): number {
    return Math.max(0, this.busyUntilMs - nowMs);
  }

  /**
   * Queues a transfer and returns when its last byte is sent, or NaN when the backlog is over
   * backlogMsMax (the transfer is refused and takes no link time).
   */
  reserve(nowMs: number, bytes: number): number {
    if (!(bytes >= 0)) throw new RangeError(`${this.name}: bytes must be non-negative, got ${bytes}`);
    const startMs = Math.max(nowMs, this.busyUntilMs, this.heldUntilMs);
    // The backlog that refuses is data queued beyond the outage, if any: waiting out an outage is
    // not a full buffer (the sender retries until the link returns).
    if (startMs - Math.max(nowMs, this.heldUntilMs) > this.backlogMsMax) return Number.NaN;
    const durationMs = this.transferMs(bytes);
    this.busyUntilMs = startMs + durationMs;
    this.busyMsTotal += durationMs;
    this.bytesTotal += bytes;
    return this.busyUntilMs;
  }

  /** Outage: the link carries nothing before untilMs; what is sent meanwhile waits for it (FIFO). */
  holdUntil(untilMs: number): void {
    assertArgument(Number.isFinite(untilMs), `${this.name}: holdUntil needs a finite time, got ${untilMs}`);
    this.heldUntilMs = Math.max(this.heldUntilMs, untilMs);
  }

  /** Whether the link is out at nowMs. */
  isHeld(nowMs: number): boolean {
    return nowMs < this.heldUntilMs;
  }

  /** When the latest outage ends (0 when the link was never out). */
  get heldUntil(): number {
    return this.heldUntilMs;
  }

  get bytesSent(): number {
    return this.bytesTotal;
  }

  /** Share of the time since zero the link was sending, counting queued work only up to nowMs. */
  utilisation(nowMs: number): number {
    if (nowMs <= 0) return 0;
    const pendingMs = Math.max(0, this.busyUntilMs - nowMs);
    return Math.min(1, (this.busyMsTotal - pendingMs) / nowMs);
  }
}

/** A full-duplex network interface: separate transmit and receive directions of the same speed. */
export class Nic {
  readonly transmit: FifoLink;
  readonly receive: FifoLink;

  constructor(
    readonly name: string,
    readonly bitsPerSecond: number,
    backlogMsMax?: number,
  ) {
    this.transmit = new FifoLink(`${name}.tx`, bitsPerSecond, backlogMsMax);
    this.receive = new FifoLink(`${name}.rx`, bitsPerSecond, backlogMsMax);
  }
}
