import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeReplayToken, encodeReplayToken } from '../../../src/scenarios/check/replayToken.ts';
import { FAULT_KINDS } from '../../../src/scenarios/faults/registry.ts';
import { checkProperty } from '../../support/property.ts';

const whole = fc.nat(10 ** 9);
const record = fc.record({
  scenario: fc.string(),
  fileHash: fc.stringMatching(/^[0-9a-f]{16}$/),
  candidate: fc.record({
    seed: whole,
    faults: fc.array(
      fc.record({
        kind: fc.constantFrom(...FAULT_KINDS),
        target: fc.string(),
        atMs: whole,
        durationMs: whole,
      }),
      { maxLength: 5 },
    ),
    stepPausesMs: fc.array(whole, { maxLength: 20 }),
    crowdPercent: whole,
  }),
});

describe('replay tokens', () => {
  it('carry the whole schedule: decoding an encoded record gives it back', () => {
    checkProperty(
      fc.property(record, (value) => {
        const decoded = decodeReplayToken(encodeReplayToken(value));
        expect(decoded).toEqual({ ok: true, record: value });
      }),
    );
  });

  it('are one line of URL-safe characters, and the same schedule always gives the same token', () => {
    checkProperty(
      fc.property(record, (value) => {
        const token = encodeReplayToken(value);
        expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(encodeReplayToken(structuredClone(value))).toBe(token);
      }),
      50,
    );
  });

  it('refuse what is not a token, naming what was expected', () => {
    for (const bad of ['', 'not a token', 'e30', Buffer.from('[2,"x"]').toString('base64url')]) {
      const decoded = decodeReplayToken(bad);
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.expected).toContain('replay token');
    }
  });
});
