import { describe, expect, it } from 'vitest';
import { UTILISATION_WINDOW_MS, UtilisationWindow } from '../../../src/model/requests/utilisationWindow.ts';

describe('the utilisation window', () => {
  it('notes busy time over the window times the capacity, once a full window has passed', () => {
    const noted: number[] = [];
    const window = new UtilisationWindow((u) => noted.push(u), 0);
    window.add(30_000);
    window.closeIfDue(UTILISATION_WINDOW_MS - 1, 2);
    expect(noted).toEqual([]);
    window.closeIfDue(UTILISATION_WINDOW_MS, 2);
    expect(noted).toEqual([0.25]);
    // The next window starts afresh: twice the busy time, twice the utilisation.
    window.add(60_000);
    window.closeIfDue(2 * UTILISATION_WINDOW_MS, 2);
    expect(noted).toEqual([0.25, 0.5]);
  });

  it('a window closed late averages over its whole length', () => {
    const noted: number[] = [];
    const window = new UtilisationWindow((u) => noted.push(u), 0);
    window.add(60_000);
    window.closeIfDue(2 * UTILISATION_WINDOW_MS);
    expect(noted).toEqual([0.5]);
  });

  it('at the end notes a run shorter than a window, and a tail of at least half a window', () => {
    const short: number[] = [];
    new UtilisationWindow((u) => short.push(u), 0).flush(10_000);
    expect(short).toEqual([0]);

    const tails: number[] = [];
    const window = new UtilisationWindow((u) => tails.push(u), 0);
    window.closeIfDue(UTILISATION_WINDOW_MS);
    window.add(5_000);
    window.flush(UTILISATION_WINDOW_MS + 10_000);
    expect(tails).toEqual([0]);
    window.flush(UTILISATION_WINDOW_MS + 40_000);
    expect(tails).toEqual([0, 0.125]);
  });
});
