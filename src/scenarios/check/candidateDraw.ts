import fc from 'fast-check';
import type { Candidate } from './candidate.ts';

/** Candidates drawn at a time: the draw is lazy, so a search of a million runs holds only a chunk. */
const DRAW_CHUNK = 256;

/**
 * fast-check's runner's candidates with `seed`, in its order, drawn a chunk at a time: the index of
 * one is its path, from which fast-check replays and shrinks it later. A chunk starts at its first
 * index's path, which gives the same values as drawing everything from the start.
 */
export class CandidateDraw {
  private readonly chunks = new Map<number, Candidate[]>();

  constructor(
    private readonly arbitrary: fc.Arbitrary<Candidate>,
    private readonly seed: number,
  ) {}

  /** The candidates from `from`, at most `count` of them. */
  slice(from: number, count: number): Candidate[] {
    const out: Candidate[] = [];
    for (let index = from; index < from + count; index++) out.push(this.at(index));
    return out;
  }

  private at(index: number): Candidate {
    const chunkIndex = Math.floor(index / DRAW_CHUNK);
    let chunk = this.chunks.get(chunkIndex);
    if (chunk === undefined) {
      // Only the chunk being read is kept: the search reads forward.
      this.chunks.clear();
      chunk = this.draw(chunkIndex * DRAW_CHUNK);
      this.chunks.set(chunkIndex, chunk);
    }
    return chunk[index % DRAW_CHUNK] as Candidate;
  }

  private draw(from: number): Candidate[] {
    const drawn: Candidate[] = [];
    fc.check(
      fc.property(this.arbitrary, (candidate) => {
        drawn.push(candidate);
        return true;
      }),
      { seed: this.seed, numRuns: DRAW_CHUNK, ...(from === 0 ? {} : { path: String(from) }) },
    );
    return drawn;
  }
}
