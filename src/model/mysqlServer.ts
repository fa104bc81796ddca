import { assign, setup } from 'xstate';

/**
 * One MySQL server's role over time. `primary.writable` takes writes; `primary.locked` is the
 * brief global read lock taken to seed a new replica; `demoted` is a read-only former primary;
 * `seeding` copies a snapshot; `replicating` applies the primary's binlog; `promoting` is a replica
 * becoming primary (the failover's interruption).
 */
export type MysqlServerState =
  'stopped' | 'seeding' | 'replicating' | 'promoting' | 'primary.writable' | 'primary.locked' | 'demoted';

export type MysqlServerEvent =
  | { type: 'PROMOTE'; durationMs: number }
  | { type: 'LOCK'; durationMs: number }
  | { type: 'DEMOTE' }
  | { type: 'CRASH' }
  | { type: 'RESTART_AS_PRIMARY' }
  | { type: 'RESTART_AS_REPLICA' }
  | { type: 'REPLICATE' };

export const mysqlServerMachine = setup({
  types: {
    context: {} as { phaseMs: number; startAsPrimary: boolean },
    input: {} as { role: 'primary' | 'replica'; seedMs: number },
    events: {} as MysqlServerEvent,
  },
  delays: { phase: ({ context }) => context.phaseMs },
  guards: { startAsPrimary: ({ context }) => context.startAsPrimary },
  // The cluster provides it: a promotion ends by settling which writes the new primary lacked.
  actions: { finishPromotion: () => {} },
}).createMachine({
  id: 'mysql',
  context: ({ input }) => ({ phaseMs: input.seedMs, startAsPrimary: input.role === 'primary' }),
  initial: 'starting',
  states: {
    // A transient state: the input decides the first role.
    starting: {
      always: [{ guard: 'startAsPrimary', target: 'primary' }, { target: 'seeding' }],
    },
    stopped: { tags: ['down'], on: { RESTART_AS_PRIMARY: 'primary', RESTART_AS_REPLICA: 'replicating' } },
    seeding: {
      tags: ['booting', 'receivesWrites'],
      on: { CRASH: 'stopped' },
      after: { phase: 'replicating' },
    },
    replicating: {
      tags: ['serving', 'receivesWrites', 'replica'],
      on: {
        PROMOTE: { target: 'promoting', actions: assign({ phaseMs: ({ event }) => event.durationMs }) },
        CRASH: 'stopped',
      },
    },
    promoting: {
      tags: ['booting'],
      after: { phase: { target: 'primary', actions: 'finishPromotion' } },
      on: { CRASH: 'stopped' },
    },
    primary: {
      tags: ['serving', 'primary', 'readable'],
      initial: 'writable',
      on: { DEMOTE: 'demoted', CRASH: 'stopped' },
      states: {
        writable: {
          tags: ['writable'],
          on: { LOCK: { target: 'locked', actions: assign({ phaseMs: ({ event }) => event.durationMs }) } },
        },
        locked: { after: { phase: 'writable' } },
      },
    },
    // Read-only: serves reads, takes no writes.
    demoted: { tags: ['serving', 'readable'], on: { CRASH: 'stopped', REPLICATE: 'replicating' } },
  },
});

export function mysqlStateOf(value: unknown): MysqlServerState {
  if (typeof value === 'string') return value as MysqlServerState;
  return `primary.${(value as { primary?: string }).primary ?? 'writable'}` as MysqlServerState;
}
