import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SD_CARD_DEFAULTS, advanceSdCard, forecastSdFailure, ioStallMs } from '../../src/model/sdCard.ts';
import { checkProperty } from '../support/property.ts';

// The arithmetic is checked on a card of stated figures, whatever the model's defaults are.
const card = { ...SD_CARD_DEFAULTS, sustainedWriteBytesPerSecond: 1_500_000, enduranceBytes: 2.4e12 };

describe('SD card arithmetic (004_b8bc5fb3cdb64335.txt)', () => {
  it('builds a backlog only while writes exceed what the card sustains', () => {
    const under = advanceSdCard(card, { backlogBytes: 0, wornBytes: 0 }, 1_000_000, 10_000);
    expect(under).toEqual({ backlogBytes: 0, wornBytes: 10_000_000 });
    const over = advanceSdCard(card, { backlogBytes: 0, wornBytes: 0 }, 2_500_000, 10_000);
    expect(over).toEqual({ backlogBytes: 10_000_000, wornBytes: 15_000_000 });
    expect(ioStallMs(card, over.backlogBytes)).toBeCloseTo(6_667, 0);
  });

  it('forecasts the failure at the instant the stall reaches the kernel patience, or the card wears out', () => {
    checkProperty(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.double({ min: 0, max: 100e6, noNaN: true }),
        fc.double({ min: 0, max: 2.39e12, noNaN: true }),
        (writeBytesPerSecond, backlogBytes, wornBytes) => {
          const state = { backlogBytes, wornBytes };
          const forecast = forecastSdFailure(card, state, writeBytesPerSecond);
          if (forecast === undefined) {
            expect(writeBytesPerSecond).toBe(0);
            return;
          }
          const later = advanceSdCard(card, state, writeBytesPerSecond, forecast.inMs);
          if (forecast.cause === 'ioStall')
            expect(ioStallMs(card, later.backlogBytes) / card.ioPatienceMs).toBeCloseTo(1, 6);
          else expect(later.wornBytes / card.enduranceBytes).toBeCloseTo(1, 6);
        },
      ),
    );
  });

  it('rejects a negative load, naming the card', () => {
    expect(() => advanceSdCard(card, { backlogBytes: 0, wornBytes: 0 }, -1, 1)).toThrow(
      /sdCard: write load must be non-negative, got -1/,
    );
  });
});
