import { setup } from 'xstate';
import type { Actor } from 'xstate';
import { assertArgument } from '../sim/limits.ts';
import type { Nic } from './link.ts';
import type { NetworkLocation } from './network.ts';
import { ChangeListeners, startPart } from './part.ts';
import type { ModelContext } from './part.ts';
import type { BackendView, FrontEndPort, WebServerPort } from './requests/ports.ts';

export interface HealthCheckParams {
  intervalMs: number;
  /** Consecutive failed checks before a backend is marked down. */
  fall: number;
  /** Consecutive passed checks before a down backend is marked up again. */
  rise: number;
}

// Assumption: the seeds do not give the Mac Minis' check settings; these are HAProxy's defaults
// (inter 2s, fall 3, rise 2), so a dead backend is out within 6 s.
export const HEALTH_CHECK_DEFAULTS: HealthCheckParams = { intervalMs: 2_000, fall: 3, rise: 2 };

export interface CdnNodeParams {
  id: string;
  location: NetworkLocation;
  nic: Nic | undefined;
  healthCheck: HealthCheckParams;
  /** Retries of a refused connection on another backend. Assumption: one retry (HAProxy's redispatch). */
  retriesMax: number;
}

export interface BackendParams {
  server: WebServerPort;
  /** The address the node is told; defaults to the server's address now. */
  address?: string;
  weight?: number;
  admin?: boolean;
}

interface BackendRecord {
  server: WebServerPort;
  address: string;
  weight: number;
  admin: boolean;
  healthy: boolean;
  failStreak: number;
  passStreak: number;
}

export const cdnNodeMachine = setup({
  types: { events: {} as { type: 'FAIL' } | { type: 'RECOVER' } },
}).createMachine({
  id: 'cdnNode',
  initial: 'up',
  states: {
    up: { tags: ['serving'], on: { FAIL: 'down' } },
    down: { tags: ['down'], on: { RECOVER: 'up' } },
  },
});

/**
 * A front end of the "CDN" (a Mac Mini): serves static assets itself, load-balances pages over
 * weighted backends, health-checks them (interval, fall, rise) and retries a refused connection on
 * another backend. It must be told when a backend moves address (independent routing per site).
 */
export class CdnNode implements FrontEndPort {
  readonly params: CdnNodeParams;
  private readonly actor: Actor<typeof cdnNodeMachine>;
  private readonly backends: BackendRecord[] = [];
  private readonly listeners: ChangeListeners;
  private readonly weightScratch: number[] = [];

  constructor(
    private readonly context: ModelContext,
    params: Partial<CdnNodeParams> & { id: string; location: NetworkLocation },
  ) {
    this.params = { nic: undefined, healthCheck: HEALTH_CHECK_DEFAULTS, retriesMax: 1, ...params };
    const { intervalMs, fall, rise } = this.params.healthCheck;
    assertArgument(
      intervalMs > 0 && fall >= 1 && rise >= 1,
      `CDN node ${params.id}: health check needs intervalMs > 0, fall ≥ 1, rise ≥ 1`,
    );
    this.listeners = new ChangeListeners(`CDN node ${params.id}`);
    this.actor = startPart(context, params.id, 'cdnNode', cdnNodeMachine, undefined);
    this.scheduleCheck();
  }

  get id(): string {
    return this.params.id;
  }
  get nic(): Nic | undefined {
    return this.params.nic;
  }
  get retriesMax(): number {
    return this.params.retriesMax;
  }
  isUp(): boolean {
    return this.actor.getSnapshot().hasTag('serving');
  }
  location(): NetworkLocation {
    return this.params.location;
  }
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  fail(): void {
    this.actor.send({ type: 'FAIL' });
    this.changed();
  }
  recover(): void {
    this.actor.send({ type: 'RECOVER' });
    this.changed();
  }

  addBackend(params: BackendParams): void {
    assertArgument(
      !this.backends.some((b) => b.server.id === params.server.id),
      `CDN node ${this.id}: backend ${params.server.id} already added`,
    );
    const weight = params.weight ?? 1;
    assertArgument(
      weight >= 0 && Number.isFinite(weight),
      `CDN node ${this.id}: weight of ${params.server.id} must be finite and ≥ 0`,
    );
    this.backends.push({
      server: params.server,
      address: params.address ?? params.server.address(),
      weight,
      admin: params.admin ?? params.server.role === 'primary',
      healthy: true,
      failStreak: 0,
      passStreak: 0,
    });
    this.changed();
  }

  /** The operator tells the node a backend's new address (after a VM changed site). */
  setBackendAddress(serverId: string, address: string): void {
    this.backend(serverId).address = address;
    this.trace('backendAddress', undefined, address, { backend: serverId });
    this.changed();
  }

  /** Weight 0 drains a backend: no new requests go there. */
  setBackendWeight(serverId: string, weight: number): void {
    assertArgument(
      weight >= 0 && Number.isFinite(weight),
      `CDN node ${this.id}: weight must be finite and ≥ 0, got ${weight}`,
    );
    this.backend(serverId).weight = weight;
    this.trace('backendWeight', undefined, String(weight), { backend: serverId });
    this.changed();
  }

  backendsView(): readonly BackendView[] {
    return this.backends;
  }

  isBackendHealthy(serverId: string): boolean {
    return this.backend(serverId).healthy;
  }

  /** Whether a connection to this backend would be accepted: it is there, at that address. */
  static accepts(backend: BackendView): boolean {
    return backend.server.host.isAccepting() && backend.address === backend.server.address();
  }

  /**
   * Whether a request (an admin one when forAdmin) sent here now would be served: the node is up
   * and would route it to a backend that accepts it. What monitoring probes see.
   */
  canServe(forAdmin: boolean): boolean {
    return (
      this.isUp() && this.backends.some((backend) => eligible(backend, forAdmin) && CdnNode.accepts(backend))
    );
  }

  chooseBackend(
    forAdmin: boolean,
    excludeServerId: string | undefined,
    uniform01: number,
  ): BackendView | undefined {
    let chosen = this.pick(forAdmin, excludeServerId, uniform01);
    if (chosen === undefined && excludeServerId !== undefined)
      chosen = this.pick(forAdmin, undefined, uniform01);
    return chosen;
  }

  private pick(
    forAdmin: boolean,
    excludeServerId: string | undefined,
    uniform01: number,
  ): BackendView | undefined {
    const weights = this.weightScratch;
    let total = 0;
    for (let index = 0; index < this.backends.length; index++) {
      const backend = this.backends[index] as BackendRecord;
      const weight =
        eligible(backend, forAdmin) && backend.server.id !== excludeServerId ? backend.weight : 0;
      weights[index] = weight;
      total += weight;
    }
    if (total <= 0) return undefined;
    let remaining = uniform01 * total;
    for (let index = 0; index < this.backends.length; index++) {
      remaining -= weights[index] as number;
      if (remaining < 0) return this.backends[index];
    }
    for (let index = this.backends.length - 1; index >= 0; index--)
      if ((weights[index] as number) > 0) return this.backends[index];
    return undefined;
  }

  private scheduleCheck(): void {
    this.context.kernel.scheduleCallback(this.params.healthCheck.intervalMs, () => {
      if (this.isUp()) this.runChecks();
      this.scheduleCheck();
    });
  }

  private runChecks(): void {
    const { fall, rise } = this.params.healthCheck;
    let changed = false;
    for (const backend of this.backends) {
      if (CdnNode.accepts(backend)) {
        backend.failStreak = 0;
        backend.passStreak++;
        if (!backend.healthy && backend.passStreak >= rise) {
          backend.healthy = true;
          changed = true;
          this.trace('backendUp', 'down', 'up', { backend: backend.server.id });
        }
      } else {
        backend.passStreak = 0;
        backend.failStreak++;
        if (backend.healthy && backend.failStreak >= fall) {
          backend.healthy = false;
          changed = true;
          this.trace('backendDown', 'up', 'down', { backend: backend.server.id });
        }
      }
    }
    if (changed) this.changed();
  }

  private backend(serverId: string): BackendRecord {
    const backend = this.backends.find((b) => b.server.id === serverId);
    assertArgument(backend !== undefined, `CDN node ${this.id}: no backend ${serverId}`);
    return backend;
  }

  private trace(
    event: string,
    from: string | undefined,
    to: string | undefined,
    details: Record<string, unknown>,
  ): void {
    this.context.kernel.trace.record({
      timeMs: this.context.kernel.nowMs,
      part: this.id,
      event,
      from,
      to,
      details,
    });
  }

  private changed(): void {
    this.listeners.notify();
  }
}

/** A backend the node routes to: healthy in its view, carrying weight, and admin-capable if needed. */
function eligible(backend: BackendView, forAdmin: boolean): boolean {
  return backend.healthy && backend.weight > 0 && (!forAdmin || backend.admin);
}
