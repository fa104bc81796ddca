import { setup } from 'xstate';
import type { Actor } from 'xstate';
import { assertArgument } from '../sim/limits.ts';
import type { NetworkLocation } from './network.ts';
import { PageCache } from './pageCache.ts';
import { ChangeListeners, startPart } from './part.ts';
import type { ModelContext } from './part.ts';
import type { WebServerPort } from './requests/ports.ts';
import type { WebServerHost } from './webServerHost.ts';

export type WebServerRole = 'primary' | 'secondary';

export interface WebServerParams {
  id: string;
  host: WebServerHost;
  role: WebServerRole;
  location: () => NetworkLocation;
  address: () => string;
  // Assumption: Apache's default ListenBacklog is 511 connections.
  queueLengthMax: number;
  /**
   * Apache's MaxRequestWorkers: connections it serves at once, renders included (a render holds
   * its Apache worker while PHP runs). Cached pages are served by the workers renders leave free.
   * Debian's Apache 2.4 (the seeds' Raspbian, 003_fadcec8afe75cc12.txt: "Raspbian with Apache2")
   * ships mpm_prefork.conf with MaxRequestWorkers 150; the x86 servers are assumed the same.
   */
  requestWorkersMax: number;
  /** The primary rsyncs uploaded files to the secondaries this often (the seeds: "regularly"). */
  fileSyncIntervalMs: number;
  /** How long one sync runs. */
  fileSyncMs: number;
  pagesCount: number;
  pageCacheLifetimeMs: number;
  /**
   * What a comment invalidates in Supercache: its page, or the whole cache. 003_fadcec8afe75cc12.txt:
   * "if Supercache sees a request that looks like a comment being posted, the cache is
   * invalidated", and the Pi 2 launch "saw significant problems with load spikes when comments
   * were posted": read as the whole cache.
   */
  commentInvalidates: 'page' | 'all';
}

export const WEB_SERVER_DEFAULTS = {
  queueLengthMax: 511, // assumption: Apache's default ListenBacklog
  requestWorkersMax: 150, // Debian's Apache 2.4 mpm_prefork.conf default (see WebServerParams)
  fileSyncIntervalMs: 300_000, // assumption: 000_077f2af078f4f79b.txt says only "regularly rsynced"; 5 min cron
  fileSyncMs: 5_000, // assumption: an rsync of a few changed files
  pagesCount: 2_000, // assumption: public pages in the blog's working set
  pageCacheLifetimeMs: 1_800_000, // assumption: WP Super Cache's default cache timeout
  commentInvalidates: 'all', // 003_fadcec8afe75cc12.txt: "the cache is invalidated" by a comment
} as const;

export const webServerMachine = setup({
  types: {
    context: {} as { syncIntervalMs: number; syncMs: number; primary: boolean },
    input: {} as { syncIntervalMs: number; syncMs: number; primary: boolean },
    events: {} as { type: 'HOST_UP' } | { type: 'HOST_DOWN' },
  },
  delays: {
    syncInterval: ({ context }) => context.syncIntervalMs,
    sync: ({ context }) => context.syncMs,
  },
  guards: { isPrimary: ({ context }) => context.primary },
  // The WebServer provides these: a sync takes the files the primary has when it starts, and
  // delivers them to the secondaries when it completes (not when the host fails mid-sync).
  actions: { startSync: () => {}, finishSync: () => {} },
}).createMachine({
  id: 'webServer',
  context: ({ input }) => input,
  initial: 'down',
  states: {
    down: { tags: ['down'], on: { HOST_UP: 'up' } },
    up: {
      tags: ['serving'],
      on: { HOST_DOWN: 'down' },
      initial: 'idle',
      states: {
        idle: { after: { syncInterval: { guard: 'isPrimary', target: 'syncing' } } },
        syncing: {
          tags: ['syncing'],
          entry: 'startSync',
          after: { sync: { target: 'idle', actions: 'finishSync' } },
        },
      },
    },
  },
});

/**
 * Apache + PHP + WordPress on a host (a VM here, a Pi in part 2). The primary also serves admin
 * and uploads and rsyncs new files to the secondaries; until a sync, new media is missing there.
 */
export class WebServer implements WebServerPort {
  readonly params: WebServerParams;
  readonly pageCache: PageCache;
  private readonly actor: Actor<typeof webServerMachine>;
  private readonly syncTargets: WebServer[] = [];
  private readonly uploadListeners: ChangeListeners;
  /** Uploads this server holds: the primary's count, or what the last sync brought. */
  private filesVersionNow = 0;
  private syncingVersion = 0;

  constructor(
    context: ModelContext,
    params: Partial<WebServerParams> & Pick<WebServerParams, 'id' | 'host' | 'role' | 'location' | 'address'>,
  ) {
    this.params = { ...WEB_SERVER_DEFAULTS, ...params };
    assertArgument(
      this.params.queueLengthMax > 0,
      `web server ${params.id}: queueLengthMax must be positive`,
    );
    assertArgument(
      Number.isInteger(this.params.requestWorkersMax) && this.params.requestWorkersMax >= 1,
      `web server ${params.id}: requestWorkersMax must be a positive whole number, got ${this.params.requestWorkersMax}`,
    );
    this.pageCache = new PageCache(this.params.pagesCount, this.params.pageCacheLifetimeMs);
    this.uploadListeners = new ChangeListeners(`web server ${params.id} uploads`);
    const machine = webServerMachine.provide({
      actions: {
        startSync: () => {
          this.syncingVersion = this.filesVersionNow;
        },
        finishSync: () => {
          for (const target of this.syncTargets)
            target.filesVersionNow = Math.max(target.filesVersionNow, this.syncingVersion);
        },
      },
    });
    this.actor = startPart(context, params.id, 'webServer', machine, {
      syncIntervalMs: this.params.fileSyncIntervalMs,
      syncMs: this.params.fileSyncMs,
      primary: params.role === 'primary',
    });
    const follow = (): void => this.actor.send({ type: params.host.isAccepting() ? 'HOST_UP' : 'HOST_DOWN' });
    params.host.onChange(follow);
    follow();
  }

  get id(): string {
    return this.params.id;
  }
  get host(): WebServerHost {
    return this.params.host;
  }
  get role(): WebServerRole {
    return this.params.role;
  }
  get queueLengthMax(): number {
    return this.params.queueLengthMax;
  }
  get requestWorkersMax(): number {
    return this.params.requestWorkersMax;
  }
  get state(): string {
    const value = this.actor.getSnapshot().value;
    return typeof value === 'string' ? value : `up.${(value as { up: string }).up}`;
  }
  location(): NetworkLocation {
    return this.params.location();
  }
  address(): string {
    return this.params.address();
  }

  /** The primary syncs its files to these servers. */
  addSyncTarget(server: WebServer): void {
    assertArgument(this.role === 'primary', `web server ${this.id}: only the primary syncs files`);
    this.syncTargets.push(server);
  }

  /** An upload landed here (the primary): a new file the secondaries lack until the next sync. */
  noteUpload(): void {
    this.filesVersionNow++;
    this.uploadListeners.notify();
  }

  /** Called for each upload this server stores (a Pi cluster copies it to every root at once). */
  onUpload(listener: () => void): void {
    this.uploadListeners.add(listener);
  }

  get filesVersion(): number {
    return this.filesVersionNow;
  }

  isPageCached(pageIndex: number, nowMs: number): boolean {
    return this.pageCache.isCached(pageIndex, nowMs);
  }
  notePageRendered(pageIndex: number, nowMs: number): void {
    this.pageCache.store(pageIndex, nowMs);
  }
  notePageInvalidated(pageIndex: number): void {
    if (this.params.commentInvalidates === 'all') this.pageCache.invalidateAll();
    else this.pageCache.invalidate(pageIndex);
  }
}
