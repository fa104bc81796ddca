import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** One line of the trace: a state change, a fault or an operator action. */
export interface TraceEntry {
  timeMs: number;
  part: string;
  event: string;
  from?: string | null;
  to?: string | null;
  details?: Record<string, unknown>;
}

export interface TraceOptions {
  /** Lines kept in memory; the hash still covers every line past this. */
  linesMax: number;
  /** Called with each line as it is written, e.g. to stream the trace to a file. */
  onLine?: (line: string) => void;
}

/**
 * The run's trace: one JSON line per entry, with its keys always in the same order, and a SHA-256
 * over all lines. Same scenario and seed give the same bytes and so the same hash.
 */
export class Trace {
  private readonly hasher = sha256.create();
  private readonly kept: string[] = [];
  private written = 0;

  constructor(private readonly options: TraceOptions) {}

  record(entry: TraceEntry): void {
    const line = JSON.stringify({
      timeMs: entry.timeMs,
      part: entry.part,
      event: entry.event,
      from: entry.from ?? null,
      to: entry.to ?? null,
      details: entry.details ?? {},
    });
    this.hasher.update(utf8ToBytes(line + '\n'));
    this.written++;
    if (this.kept.length < this.options.linesMax) this.kept.push(line);
    this.options.onLine?.(line);
  }

  get lineCount(): number {
    return this.written;
  }

  /** Lines not kept in memory because of linesMax (they are still hashed and streamed). */
  get droppedLineCount(): number {
    return this.written - this.kept.length;
  }

  lines(): readonly string[] {
    return this.kept;
  }

  /** The hex SHA-256 of every line so far; the trace can go on after this is read. */
  hash(): string {
    return bytesToHex(this.hasher.clone().digest());
  }
}
