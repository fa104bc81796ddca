import type { Nic } from './link.ts';

/**
 * What the request engine needs to know of the machine a web server runs on, whether a VM (part 1)
 * or a Raspberry Pi (part 2). The engine reads these on each request, and the host calls the
 * listeners when any of them changes so the engine can react (drop in-flight work, reroute).
 */
export interface WebServerHost {
  readonly id: string;
  /** Worker slots: uncached pages in service at once (the seeds' figures assume one per core). */
  readonly workerSlots: number;
  /**
   * Uncached page time at the calibration point, in ms, before DB round trips and slowdown
   * (e.g. 0.4 s for the 24 × 2.4 GHz VM, 0.7 s for a Pi 3 on PHP 7: 003_fadcec8afe75cc12.txt).
   */
  readonly uncachedPageCpuMs: number;
  /** Factor on CPU time right now: 1 normally, more when throttled or on an older PHP. */
  cpuSlowdown(): number;
  /** Whether the host accepts new connections right now. */
  isAccepting(): boolean;
  /**
   * Whether requests already accepted can still finish (true while a graceful shutdown drains;
   * false once the host is down). Optional: when absent the engine uses isAccepting(), so a host
   * that stops accepting drops its in-flight requests.
   */
  isServing?(): boolean;
  /** The NIC that carries this host's HTTP, DB and storage traffic; undefined when it is never the bottleneck. */
  readonly nic: Nic | undefined;
  /** Called whenever isAccepting() or cpuSlowdown() may have changed. */
  onChange(listener: () => void): void;
}
