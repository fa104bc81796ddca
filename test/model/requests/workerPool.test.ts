import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../../src/model/requests/workerPool.ts';

function pool(capacity: { workers: number }, noted: number[] = []): WorkerPool {
  return new WorkerPool(
    'web1',
    () => capacity.workers,
    10,
    0,
    (u) => noted.push(u),
  );
}

describe('a worker pool', () => {
  it('lets no more workers be claimed than its capacity, read afresh on each use', () => {
    const capacity = { workers: 2 };
    const workers = pool(capacity);
    workers.reserve();
    workers.reserve();
    expect(workers.hasFreeWorker()).toBe(false);
    expect(() => workers.reserve()).toThrow(/no free worker/);
    capacity.workers = 3;
    expect(workers.hasFreeWorker()).toBe(true);
    workers.cancel();
    workers.occupy(0);
    expect({ busy: workers.busy, reserved: workers.reserved }).toEqual({ busy: 1, reserved: 0 });
  });

  it('refuses to give back what it does not hold', () => {
    const workers = pool({ workers: 1 });
    expect(() => workers.release(0)).toThrow(/no busy worker/);
    expect(() => workers.cancel()).toThrow(/no reserved worker/);
    expect(() => workers.occupy(0)).toThrow(/no reserved worker/);
  });

  it('counts busy workers in utilisation, not claims waiting for data', () => {
    const halfBusy: number[] = [];
    const half = pool({ workers: 4 }, halfBusy);
    for (let i = 0; i < 2; i++) half.reserve();
    for (let i = 0; i < 2; i++) half.occupy(0);
    half.reserve(); // waiting on the data tier: not busy
    half.release(60_000);
    expect(halfBusy).toEqual([0.5]);

    const fullBusy: number[] = [];
    const full = pool({ workers: 4 }, fullBusy);
    for (let i = 0; i < 4; i++) full.reserve();
    for (let i = 0; i < 4; i++) full.occupy(0);
    full.release(60_000);
    expect(fullBusy).toEqual([1]);
  });

  it('drops everything when its host goes down', () => {
    const workers = pool({ workers: 2 });
    workers.reserve();
    workers.occupy(0);
    workers.reserve();
    workers.queue.push(7);
    workers.dropAll(10);
    expect({ busy: workers.busy, reserved: workers.reserved, queued: workers.queue.length }).toEqual({
      busy: 0,
      reserved: 0,
      queued: 0,
    });
  });
});
