import { KIND_INTERNAL } from './kinds.ts';
import { AWAITING_DATA, IN_SERVICE, QUEUED } from './slotTable.ts';
import type { SlotTable } from './slotTable.ts';
import type { WorkerPool } from './workerPool.ts';

/** How often, in engine events, the costly checks run when checkInvariants is on. */
export const INVARIANT_CHECK_EVENTS = 1_024;

/** What the costly checks read of the engine. */
export interface EngineState {
  slots: SlotTable;
  /**
   * Each web server's two stations and their worker capacities now: at 2 × server index its PHP
   * pool (uncached pages), at 2 × server index + 1 its Apache pool (cached hits).
   */
  pools: readonly { pool: WorkerPool; workers: number }[];
  /** User requests issued so far (refused ones included; internal work not). */
  issued: number;
  /** Outcomes booked so far, all services. */
  outcomes: number;
}

/**
 * The engine's costly invariants, in the spirit of TigerBeetle's assertions: each is a pass over
 * every slot, so they run only when asked (tests, `--check-invariants`). Throws an Error naming
 * the first one broken: a broken invariant is a bug in the engine, never bad input.
 *
 * - slots are conserved: each is free and on the free list once, or in use and not on it;
 * - at each web server's station, the queue holds exactly its QUEUED requests, `reserved` counts its
 *   requests waiting on the data tier and `busy` those in service, and 0 ≤ busy + reserved ≤ workers;
 * - outcomes = issued − in flight, counting as in flight the user requests still waited for (an
 *   abandoned request already has its outcome, a timeout, though it may still hold a slot).
 */
export function checkEngineInvariants(state: EngineState): void {
  const { slots, pools } = state;
  slots.checkConservation();
  const queued = new Int32Array(pools.length);
  const awaiting = new Int32Array(pools.length);
  const inService = new Int32Array(pools.length);
  let waitedFor = 0;
  for (let slot = 0; slot < slots.capacity; slot++) {
    const phase = slots.phase[slot] as number;
    if (phase === 0) continue;
    if (slots.kind[slot] !== KIND_INTERNAL && slots.abandoned[slot] === 0) waitedFor++;
    // A request is at its server's PHP station when uncached, at its Apache station otherwise.
    const server = 2 * (slots.server[slot] as number) + (slots.uncached[slot] === 1 ? 0 : 1);
    if (phase === QUEUED) queued[server] = (queued[server] as number) + 1;
    else if (phase === AWAITING_DATA) awaiting[server] = (awaiting[server] as number) + 1;
    else if (phase === IN_SERVICE) inService[server] = (inService[server] as number) + 1;
  }
  pools.forEach(({ pool, workers }, index) => {
    const where = `WorkerPool ${pool.name}`;
    if (pool.queue.length !== queued[index])
      throw new Error(`${where}: ${pool.queue.length} queued but ${queued[index]} requests are QUEUED there`);
    if (pool.reserved !== awaiting[index])
      throw new Error(`${where}: ${pool.reserved} reserved but ${awaiting[index]} requests await data there`);
    if (pool.busy !== inService[index])
      throw new Error(`${where}: ${pool.busy} busy but ${inService[index]} requests are in service there`);
    if (!(pool.busy >= 0 && pool.busy + pool.reserved <= workers))
      throw new Error(
        `${where}: busy ${pool.busy} + reserved ${pool.reserved} outside 0..${workers} workers`,
      );
  });
  if (state.outcomes !== state.issued - waitedFor)
    throw new Error(
      `RequestEngine: ${state.outcomes} outcomes but ${state.issued} issued − ${waitedFor} in flight`,
    );
}
