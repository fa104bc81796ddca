import { setup } from 'xstate';
import type { Actor } from 'xstate';
import { LimitExceededError, assertArgument } from '../sim/limits.ts';
import { Nic } from './link.ts';
import { ChangeListeners, startPart, stateValueToString } from './part.ts';
import type { ModelContext } from './part.ts';
import type { SwitchDevice } from './networkSwitch.ts';

export interface NfsServerParams {
  /**
   * Speed of the file server's one switch port, which every Pi's storage VLAN shares
   * (004_b8bc5fb3cdb64335.txt: "there's a single physical ethernet connection underneath all of
   * them"). Assumption: 1 Gbps; the seeds give only the Pis' 100 Mbps.
   */
  portBitsPerSecond: number;
  /** Bytes of one Pi's root filesystem: a minimal Raspbian, "a mere 381M" (002_ec1b4f84e52af146.txt). */
  rootBytes: number;
  /** Most root filesystems served (a shelf holds 108 Pis, 001_c0c3c660f1f73f92.txt; a few shelves per server). */
  exportsMax: number;
  /** Backlog past which a transfer on the server's port is refused (see FifoLink). */
  portBacklogMsMax: number;
}

export const NFS_SERVER_DEFAULTS: Readonly<NfsServerParams> = {
  portBitsPerSecond: 1e9,
  rootBytes: 381e6,
  exportsMax: 512,
  portBacklogMsMax: 30_000,
};

/** One Pi's root filesystem: "the fileserver effectively has 8 copies – one for each Pi" (004_b8bc5fb3cdb64335.txt). */
export interface RootExport {
  readonly piId: string;
  /** e.g. /export/pi3-1, after the seed's /export/10.46.189.2. */
  readonly path: string;
  bytesStored: number;
  /** Files written into this copy (uploads distributed, NFS write-back). */
  writes: number;
}

type NfsEvent = { type: 'CRASH' } | { type: 'RESTORE' };

/** The file server's life: serving its exports, or down (every NFS-root Pi's IO hangs). */
export const nfsServerMachine = setup({ types: { events: {} as NfsEvent } }).createMachine({
  id: 'nfsServer',
  initial: 'serving',
  states: {
    serving: { on: { CRASH: 'down' } },
    down: { on: { RESTORE: 'serving' } },
  },
});

/** The NFS file server holding the Pis' root filesystems, one copy per Pi, behind one shared port. */
export class NfsServer implements SwitchDevice {
  readonly kind = 'fileServer' as const;
  readonly poeDrawWatts = 0;
  readonly params: NfsServerParams;
  /** The server's switch port: its receive side carries every Pi's writes. */
  readonly nic: Nic;
  private readonly actor: Actor<typeof nfsServerMachine>;
  private readonly exports = new Map<string, RootExport>();
  private readonly listeners: ChangeListeners;
  private serving = true;

  constructor(
    private readonly context: ModelContext,
    readonly id: string,
    params: Partial<NfsServerParams> = {},
  ) {
    this.params = { ...NFS_SERVER_DEFAULTS, ...params };
    const p = this.params;
    assertArgument(
      p.portBitsPerSecond > 0,
      `nfsServer ${id}: portBitsPerSecond must be positive, got ${p.portBitsPerSecond}`,
    );
    assertArgument(p.rootBytes >= 0, `nfsServer ${id}: rootBytes must be non-negative, got ${p.rootBytes}`);
    assertArgument(
      Number.isInteger(p.exportsMax) && p.exportsMax > 0,
      `nfsServer ${id}: exportsMax must be a positive whole number, got ${p.exportsMax}`,
    );
    this.nic = new Nic(`${id}.port`, p.portBitsPerSecond, p.portBacklogMsMax);
    this.listeners = new ChangeListeners(`nfsServer ${id}`);
    this.actor = startPart(context, id, 'nfsServer', nfsServerMachine, undefined);
  }

  get state(): string {
    return stateValueToString(this.actor.getSnapshot().value);
  }

  /** Read on every request an NFS-root Pi serves, so it is a field rather than a state match. */
  isServing(): boolean {
    return this.serving;
  }

  /** Creates a Pi's root filesystem copy. */
  addExport(piId: string): RootExport {
    assertArgument(!this.exports.has(piId), `nfsServer ${this.id}: ${piId} already has a root export`);
    if (this.exports.size >= this.params.exportsMax) {
      throw new LimitExceededError(
        `nfsServer ${this.id}.exportsMax`,
        this.params.exportsMax,
        `cannot export a root for ${piId}`,
      );
    }
    const rootExport: RootExport = {
      piId,
      path: `/export/${piId}`,
      bytesStored: this.params.rootBytes,
      writes: 0,
    };
    this.exports.set(piId, rootExport);
    return rootExport;
  }

  rootOf(piId: string): RootExport | undefined {
    return this.exports.get(piId);
  }

  exportCount(): number {
    return this.exports.size;
  }

  /** Bytes have landed in a Pi's copy. */
  noteWrite(piId: string, bytes: number): void {
    const rootExport = this.exports.get(piId);
    assertArgument(rootExport !== undefined, `nfsServer ${this.id}: no root export for ${piId}`);
    rootExport.bytesStored += bytes;
    rootExport.writes++;
  }

  /** Fault: the server stops answering; NFS-root Pis hang on IO. */
  crash(): void {
    if (!this.isServing()) return;
    this.actor.send({ type: 'CRASH' });
    this.serving = false;
    this.notify();
  }

  restore(): void {
    if (this.isServing()) return;
    this.actor.send({ type: 'RESTORE' });
    this.serving = true;
    this.notify();
  }

  /** Called when the server goes down or comes back. */
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  private notify(): void {
    this.listeners.notify();
  }
}
