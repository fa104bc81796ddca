import { describe, expect, it } from 'vitest';
import { partsAt, partsChangedWithin, stateAt } from '../../../src/ui/model/stateAt.ts';
import { builtinRun } from './support.ts';

describe('state at a time', () => {
  const states = [
    { at: 0, state: 'down', tags: [] },
    { at: 0, state: 'up', tags: [] },
    { at: 10, state: 'crashed', tags: [] },
    { at: 20, state: 'up', tags: [] },
  ];

  it('is the last change at or before the time, the last of several at one instant', () => {
    expect(stateAt(states, 0)?.state).toBe('up');
    expect(stateAt(states, 9.99)?.state).toBe('up');
    expect(stateAt(states, 10)?.state).toBe('crashed');
    expect(stateAt(states, 1e9)?.state).toBe('up');
    expect(stateAt(states.slice(2), 5)).toBeUndefined();
  });

  it('has web1 moving during the step that moves it to SOV, running before and after', () => {
    const { report } = builtinRun('february-2017-migration');
    const step = report.steps.find((each) => each.name === 'Move web1 to SOV');
    if (step === undefined) throw new Error('no such step');
    const during = (step.startedAt + step.endedAt) / 2;
    expect(partsAt(report, during).get('web1')).toEqual({ state: 'moving', tone: 'changing' });
    expect(partsAt(report, step.startedAt - 60).get('web1')?.tone).toBe('serving');
    expect(partsAt(report, report.durationSeconds).get('web1')?.state).toBe('running');
    // db2 is not started yet at the start of the run, and is not drawn as anything.
    expect(partsAt(report, 0).has('db2/mysql')).toBe(false);
  });

  it("finds the parts a step touched: the move's VM, not the others", () => {
    const { report } = builtinRun('february-2017-migration');
    const step = report.steps.find((each) => each.name === 'Move web1 to SOV');
    const touched = partsChangedWithin(report, step?.startedAt ?? 0, step?.endedAt ?? 0);
    expect(touched.has('web1')).toBe(true);
    expect(touched.has('web2')).toBe(false);
    expect(touched.has('db1')).toBe(false);
  });
});
