import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bitRate,
  duration,
  eventRate,
  formatBitRate,
  formatDuration,
  formatPercentage,
  formatSize,
  percentage,
  power,
  size,
  temperature,
} from '../../src/scenarios/units.ts';
import type { UnitKind } from '../../src/scenarios/units.ts';
import { checkProperty } from '../support/property.ts';

function value(kind: UnitKind, text: string): number {
  const result = kind.parse(text);
  if (!result.ok) throw new Error(`${text}: expected ${result.expected}`);
  return result.value;
}

describe('units', () => {
  it('parses durations to milliseconds', () => {
    expect(value(duration, '250ms')).toBe(250);
    expect(value(duration, '90s')).toBe(90_000);
    expect(value(duration, '5m')).toBe(300_000);
    expect(value(duration, '1h30m')).toBe(5_400_000);
    expect(value(duration, '3h')).toBe(10_800_000);
    expect(value(duration, '3.5d')).toBe(302_400_000);
    expect(value(duration, '1m30s500ms')).toBe(90_500);
    expect(value(duration, '0s')).toBe(0);
  });

  it('parses sizes: MB decimal, MiB binary', () => {
    expect(value(size, '3MB')).toBe(3_000_000);
    expect(value(size, '8GB')).toBe(8e9);
    expect(value(size, '512KiB')).toBe(512 * 1024);
    expect(value(size, '1MiB')).toBe(1_048_576);
  });

  it('parses rates, power, temperature, percentages and event rates', () => {
    expect(value(bitRate, '100Mbps')).toBe(1e8);
    expect(value(bitRate, '4Gbps')).toBe(4e9);
    expect(value(power, '2W')).toBe(2);
    expect(value(power, '500mW')).toBe(0.5);
    expect(value(temperature, '80C')).toBe(80);
    expect(value(temperature, '-5°C')).toBe(-5);
    expect(value(percentage, '25%')).toBe(0.25);
    expect(value(eventRate, '12/h')).toBeCloseTo(12 / 3_600_000, 18);
    expect(value(eventRate, '1.5/year')).toBeCloseTo(1.5 / (365.25 * 86_400_000), 24);
    expect(value(eventRate, '2/y')).toBe(value(eventRate, '2/year'));
  });

  it.each([
    [duration, '90'],
    [duration, '-5s'],
    [duration, '30m1h'],
    [duration, '1h1h'],
    [duration, '90 s'],
    [duration, ''],
    [size, '3'],
    [size, '3mb'],
    [bitRate, '100'],
    [bitRate, '100MB/s'],
    [power, '2'],
    [temperature, '80'],
    [percentage, '0.25'],
    [percentage, '101%'],
    [eventRate, '1.5'],
    [eventRate, 'once-or-twice a year'],
    [eventRate, '1/month'],
  ])('refuses %s "%s" and says what it expected', (kind, text) => {
    const result = kind.parse(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.expected).toBe(kind.expected);
  });

  it('formats durations in the largest whole units', () => {
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(90_500)).toBe('1m30s500ms');
    expect(formatSize(3_000_000)).toBe('3MB');
    expect(formatSize(1_048_576)).toBe('1MiB');
    expect(formatBitRate(1e8)).toBe('100Mbps');
    expect(formatPercentage(0.07)).toBe('7%');
  });

  it('round-trips any whole number of milliseconds through format and parse', () => {
    checkProperty(
      fc.property(fc.integer({ min: 0, max: 10 * 365 * 86_400_000 }), (ms) => {
        expect(value(duration, formatDuration(ms))).toBe(ms);
      }),
    );
  });

  it('parses any well-formed compound duration to the sum of its parts', () => {
    const units: Array<[string, number]> = [
      ['d', 86_400_000],
      ['h', 3_600_000],
      ['m', 60_000],
      ['s', 1000],
      ['ms', 1],
    ];
    const parts = fc.tuple(
      ...units.map(() => fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined })),
    );
    checkProperty(
      fc.property(parts, (amounts) => {
        fc.pre(amounts.some((amount) => amount !== undefined));
        const text = amounts
          .map((amount, index) => (amount === undefined ? '' : `${amount}${units[index]?.[0]}`))
          .join('');
        const expected = amounts.reduce<number>(
          (sum, amount, index) => sum + (amount ?? 0) * (units[index]?.[1] ?? 0),
          0,
        );
        expect(value(duration, text)).toBe(expected);
      }),
    );
  });

  it('round-trips sizes and bit rates', () => {
    checkProperty(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (amount) => {
        expect(value(size, formatSize(amount))).toBe(amount);
        expect(value(bitRate, formatBitRate(amount))).toBe(amount);
      }),
    );
  });

  it('round-trips whole percentages and hundredths', () => {
    checkProperty(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (hundredths) => {
        const fraction = hundredths / 10_000;
        expect(value(percentage, formatPercentage(fraction))).toBeCloseTo(fraction, 12);
      }),
    );
  });

  it('never accepts a bare number as any quantity', () => {
    const kinds = [duration, size, bitRate, power, temperature, percentage, eventRate];
    checkProperty(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (number) => {
        for (const kind of kinds) expect(kind.parse(String(number)).ok).toBe(false);
      }),
    );
  });
});
