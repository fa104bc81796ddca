import { distance } from 'fastest-levenshtein';

/** Edits (insert, delete, replace) a misspelling may be away from what was meant, per length. */
const EDITS_PER_CHARACTER = 1 / 3;

/**
 * The candidate closest to a misspelt word, when one is close enough to be what was meant: within
 * a third of the word's length in edits (at least two), the nearest first, ties by list order.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const allowedEdits = Math.max(2, Math.floor(word.length * EDITS_PER_CHARACTER));
  let best: string | undefined;
  let bestEdits = Infinity;
  for (const candidate of candidates) {
    const edits = distance(word.toLowerCase(), candidate.toLowerCase());
    if (edits <= allowedEdits && edits < bestEdits) {
      best = candidate;
      bestEdits = edits;
    }
  }
  return best;
}

/** ` (did you mean "run"?)` when a candidate is close, else nothing. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}
