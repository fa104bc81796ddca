/**
 * A weighted choice among items in a fixed order, by one uniform draw, in O(log n): the running
 * totals of the weights are kept, and the chosen item is the first whose running total exceeds
 * the draw times the total. That is the item a linear scan subtracting each weight from the same
 * product would stop at, so a model can move from the scan to this without changing a single
 * choice. For whole-number weights (every built-in estate's) the two agree exactly, since every
 * sum and difference is exact in floating point; for fractional weights they can differ only when
 * the draw lands within a rounding error of a boundary between two items.
 *
 * One item may be left out of a draw (a retry elsewhere than the server that refused): the totals
 * from that item on are read less its weight, which is what the scan with that weight at 0 sees.
 */
export class CumulativeWeights {
  /** Running totals, one per item, in item order; the last is the total weight. */
  private readonly totals: Float64Array;

  /** Weights must be finite and > 0: items of weight 0 cannot be chosen and are left out by the caller. */
  constructor(private readonly weights: readonly number[]) {
    this.totals = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((weight, index) => {
      total += weight;
      this.totals[index] = total;
    });
  }

  get size(): number {
    return this.weights.length;
  }

  /**
   * The position chosen by `uniform01` in [0, 1), leaving out the item at `excludedPosition`
   * (-1 for none); undefined when nothing is left to choose.
   */
  pick(uniform01: number, excludedPosition = -1): number | undefined {
    const count = this.weights.length;
    if (count === 0) return undefined;
    const excludedWeight = excludedPosition >= 0 ? (this.weights[excludedPosition] ?? 0) : 0;
    const total = (this.totals[count - 1] as number) - excludedWeight;
    if (total <= 0) return undefined;
    const target = uniform01 * total;
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const runningTotal =
        (this.totals[middle] as number) -
        (excludedPosition >= 0 && middle >= excludedPosition ? excludedWeight : 0);
      if (runningTotal > target) high = middle;
      else low = middle + 1;
    }
    if (low < count) return low;
    // Only rounding of fractional weights gets here: like the scan, take the last item that can be chosen.
    for (let position = count - 1; position >= 0; position--)
      if (position !== excludedPosition) return position;
    return undefined;
  }
}
