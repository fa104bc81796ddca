import { describe, expect, it } from 'vitest';
import { stateTone, worseTone } from '../../../src/ui/model/stateTone.ts';

describe('stateTone', () => {
  it('reads the meaning of a state from its name when it has no tags', () => {
    expect(stateTone('running')).toBe('serving');
    expect(stateTone('up.idle')).toBe('serving');
    expect(stateTone('moving')).toBe('changing');
    expect(stateTone('booting')).toBe('changing');
    expect(stateTone('crashed')).toBe('down');
    expect(stateTone('stopped')).toBe('idle');
    expect(stateTone('somethingNew')).toBe('unknown');
  });

  it('takes the worst word of a nested state', () => {
    expect(stateTone('up.throttled')).toBe('changing');
    expect(stateTone('primary.writable')).toBe('serving');
    expect(stateTone('primary.locked')).toBe('changing');
  });

  it("lets the machine's tags decide over the state's name", () => {
    expect(stateTone('running', ['down'])).toBe('down');
    expect(stateTone('weird', ['serving'])).toBe('serving');
    expect(stateTone('moving', ['unrelated-tag'])).toBe('changing');
  });

  it('orders tones by how bad they are', () => {
    expect(worseTone('serving', 'down')).toBe('down');
    expect(worseTone('down', 'changing')).toBe('down');
    expect(worseTone('unknown', 'idle')).toBe('idle');
  });
});
