import { describe, expect, it } from 'vitest';
import { layoutPartStates, layoutSteps } from '../../../src/ui/draw/timeline.ts';
import type { Report } from '../../../src/scenarios/report.ts';

const report = {
  durationSeconds: 4 * 3600,
  steps: [
    {
      name: 'add replica',
      action: 'add-replica',
      startedAt: 600,
      endedAt: 660,
      failedRequests: 0,
      adminDowntimeSeconds: 0,
      outcome: 'done',
    },
    {
      name: 'move web1',
      action: 'move-vm',
      startedAt: 3600,
      endedAt: 3600,
      failedRequests: 4,
      adminDowntimeSeconds: 0,
      outcome: 'done',
    },
  ],
  parts: {
    web1: {
      kind: 'vm',
      utilisationPeak: 0.2,
      states: [
        { at: 0, state: 'running' },
        { at: 7200, state: 'stopped' },
        { at: 7300, state: 'booting' },
      ],
    },
    quiet: { kind: 'vm', utilisationPeak: 0, states: [] },
  },
} as unknown as Report;

describe('layoutSteps', () => {
  it('places each step on the run scaled to the width, red where users lost requests', () => {
    const layout = layoutSteps(report, 480);
    expect(layout.bars.map((bar) => [bar.x, bar.width, bar.row, bar.tone])).toEqual([
      [20, 2, 0, 'ok'],
      [120, 2, 1, 'bad'],
    ]);
    expect(layout.ticks.map((tick) => tick.label)).toEqual(['0h', '1h', '2h', '3h', '4h']);
  });
});

describe('layoutPartStates', () => {
  it('draws each state as a band until the next, telling healthy, switched-off and trouble apart', () => {
    const layout = layoutPartStates(report, 480, new Set(['running']));
    expect(layout.rows).toEqual(['web1']);
    expect(layout.bars.map((bar) => [bar.label, Math.round(bar.x), Math.round(bar.width), bar.tone])).toEqual(
      [
        ['running', 0, 240, 'neutral'],
        ['stopped', 240, 3, 'off'],
        ['booting', 243, 237, 'bad'],
      ],
    );
  });
});
