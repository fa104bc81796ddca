import type { Nic } from './link.ts';
import { ChangeListeners } from './part.ts';
import type { WebServerHost } from './webServerHost.ts';

/**
 * A web server's host as its web server, the request engine and the CDN nodes see it: the same
 * host, whose change listeners run only when something they read of it changed (accepting,
 * serving, CPU slowdown). A Raspberry Pi tells its listeners about every change of its power draw
 * (its shelf needs those, one every few seconds under load); without this filter each of those
 * woke the web server's state machine, the engine's queue and every CDN node's health check, at
 * a cost that grew with the number of Pis. The listeners that are skipped would have found
 * nothing changed, so what they do (and the trace) is the same.
 */
export class ChangeFilteredHost implements WebServerHost {
  readonly isServing?: () => boolean;
  private readonly listeners: ChangeListeners;
  private subscribed = false;
  private accepting: boolean;
  private serving: boolean;
  private slowdown: number;

  constructor(private readonly host: WebServerHost) {
    this.listeners = new ChangeListeners(`host ${host.id} (filtered)`);
    const isServing = host.isServing?.bind(host);
    if (isServing !== undefined) this.isServing = isServing;
    this.accepting = host.isAccepting();
    this.serving = this.servingNow();
    this.slowdown = host.cpuSlowdown();
  }

  get id(): string {
    return this.host.id;
  }
  get workerSlots(): number {
    return this.host.workerSlots;
  }
  get uncachedPageCpuMs(): number {
    return this.host.uncachedPageCpuMs;
  }
  get nic(): Nic | undefined {
    return this.host.nic;
  }

  cpuSlowdown(): number {
    return this.host.cpuSlowdown();
  }

  isAccepting(): boolean {
    return this.host.isAccepting();
  }

  /**
   * The first listener subscribes this filter to the host, so the filtered listeners run where
   * the first of them would have run among the host's own listeners.
   */
  onChange(listener: () => void): void {
    if (!this.subscribed) {
      this.subscribed = true;
      // Until now nobody listened: start from the host as it is.
      this.accepting = this.host.isAccepting();
      this.serving = this.servingNow();
      this.slowdown = this.host.cpuSlowdown();
      this.host.onChange(() => this.hostChanged());
    }
    this.listeners.add(listener);
  }

  private hostChanged(): void {
    const accepting = this.host.isAccepting();
    const serving = this.servingNow();
    const slowdown = this.host.cpuSlowdown();
    if (accepting === this.accepting && serving === this.serving && slowdown === this.slowdown) return;
    this.accepting = accepting;
    this.serving = serving;
    this.slowdown = slowdown;
    this.listeners.notify();
  }

  private servingNow(): boolean {
    return this.host.isServing?.() ?? this.host.isAccepting();
  }
}
