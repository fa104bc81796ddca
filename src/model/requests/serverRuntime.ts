import type { Kernel } from '../../sim/kernel.ts';
import type { ModelContext } from '../part.ts';
import type { WebServerPort } from './ports.ts';
import { AWAITING_DATA, IN_SERVICE, QUEUED } from './slotTable.ts';
import type { SlotTable } from './slotTable.ts';
import { WorkerPool } from './workerPool.ts';

/** A web server as the request pipeline runs it: its two stations and what it served. */
export interface ServerRuntime {
  port: WebServerPort;
  index: number;
  /** PHP workers: uncached pages (renders), one per core; its utilisation is the server's. */
  pool: WorkerPool;
  /**
   * Apache's own workers for what needs no PHP: Supercache hits and staticify's key pages, served
   * from the page cache on disk or in memory. There are MaxRequestWorkers less those the renders
   * hold (a render keeps its Apache worker while PHP runs), and at least one.
   */
  cachedPool: WorkerPool;
  /** Public requests this server answered (for the share of traffic each backend takes). */
  served: number;
}

/** The Apache workers left for cached hits when every PHP worker is rendering. */
export function cachedHitWorkers(port: WebServerPort): number {
  return Math.max(1, port.requestWorkersMax - port.host.workerSlots);
}

/** Builds a server's stations; the PHP pool's utilisation is noted as the server's. */
export function createServerRuntime(
  context: ModelContext,
  kernel: Kernel,
  port: WebServerPort,
  index: number,
): ServerRuntime {
  const pool = new WorkerPool(
    port.id,
    () => port.host.workerSlots,
    port.queueLengthMax,
    kernel.nowMs,
    (utilisation) => context.parts.noteUtilisation(port.id, utilisation),
  );
  // The Apache workers' utilisation is not a part's figure: the part's is the PHP pool's (renders).
  const cachedPool = new WorkerPool(
    `${port.id}.apache`,
    () => cachedHitWorkers(port),
    port.queueLengthMax,
    kernel.nowMs,
    () => undefined,
  );
  return { port, index, pool, cachedPool, served: 0 };
}

/**
 * The server's host went down: everything queued, awaiting data or in service there fails
 * (`fail` books each; bounded by the slot count), and both stations stop and drop their queues.
 */
export function dropServerWork(
  server: ServerRuntime,
  slots: SlotTable,
  nowMs: number,
  fail: (slot: number) => void,
): void {
  for (let slot = 0; slot < slots.capacity; slot++) {
    const phase = slots.phase[slot] as number;
    const onServer = phase === QUEUED || phase === AWAITING_DATA || phase === IN_SERVICE;
    if (onServer && slots.server[slot] === server.index) fail(slot);
  }
  server.pool.dropAll(nowMs);
  server.cachedPool.dropAll(nowMs);
}
