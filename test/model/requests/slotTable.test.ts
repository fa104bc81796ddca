import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FREE, QUEUED, SlotTable } from '../../../src/model/requests/slotTable.ts';
import { checkProperty } from '../../support/property.ts';

describe('the slot table', () => {
  it('hands out each slot once until all are taken, then refuses', () => {
    const slots = new SlotTable(3);
    const taken = [0, 1, 2].map(() => slots.allocate(0, 0, -1, 0));
    expect(new Set(taken).size).toBe(3);
    expect(slots.allocate(0, 0, -1, 0)).toBe(-1);
    expect(slots.inUse).toBe(3);
    slots.release(taken[1] as number);
    expect(slots.inUse).toBe(2);
    expect(slots.allocate(0, 0, -1, 0)).toBe(taken[1]);
  });

  it('makes an event for an earlier request in a reused slot stale', () => {
    const slots = new SlotTable(1);
    const slot = slots.allocate(0, 0, -1, 0);
    const first = slots.payload(slot);
    expect(slots.slotOf(first)).toBe(slot);
    slots.release(slot);
    expect(slots.slotOf(first)).toBe(-1);
    slots.allocate(0, 0, -1, 0);
    expect(slots.slotOf(first)).toBe(-1);
    expect(slots.slotOf(slots.payload(slot))).toBe(slot);
  });

  it('refuses to release a slot twice (it would be handed out twice)', () => {
    const slots = new SlotTable(2);
    const slot = slots.allocate(0, 0, -1, 0);
    slots.release(slot);
    expect(() => slots.release(slot)).toThrow(/released twice/);
    expect(slots.inUse).toBe(0);
  });

  it('keeps slots conserved through any sequence of allocations and releases', () => {
    checkProperty(
      fc.property(fc.array(fc.boolean(), { maxLength: 300 }), (steps) => {
        const slots = new SlotTable(16);
        const held: number[] = [];
        for (const allocate of steps) {
          if (allocate) {
            const slot = slots.allocate(1, 0, -1, 0);
            if (slot >= 0) held.push(slot);
            else expect(held.length).toBe(16);
          } else if (held.length > 0) slots.release(held.shift() as number);
          slots.checkConservation();
          expect(slots.inUse).toBe(held.length);
        }
      }),
    );
  });

  it('the conservation check catches a slot freed behind the free list’s back', () => {
    const slots = new SlotTable(4);
    const slot = slots.allocate(0, 0, -1, 0);
    slots.phase[slot] = QUEUED;
    slots.checkConservation();
    slots.phase[slot] = FREE;
    expect(() => slots.checkConservation()).toThrow(/free/);
  });

  it('refuses a capacity the payload encoding cannot hold', () => {
    expect(() => new SlotTable(0)).toThrow(RangeError);
    expect(() => new SlotTable(2 ** 21)).toThrow(RangeError);
  });
});
