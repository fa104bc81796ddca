import { assign, setup } from 'xstate';
import type { CrashRule } from './part.ts';

/**
 * The VM's lifecycle as an XState machine: its states with their tags, the events an operator or
 * a host sends, the timings it keeps, and what counts as a crash. The Vm class (vm.ts) drives it.
 */

export type VmState =
  | 'stopped'
  | 'booting'
  | 'running'
  | 'shuttingDown'
  | 'moving'
  | 'migrating.preCopy'
  | 'migrating.stopAndCopy'
  | 'scaling';

export type VmEvent =
  | { type: 'START' }
  | { type: 'SHUTDOWN' }
  | { type: 'HARD_STOP' }
  | { type: 'MOVE'; durationMs: number }
  | { type: 'MIGRATE'; preCopyMs: number; pauseMs: number; converges: boolean }
  | { type: 'SCALE' }
  | { type: 'RELOCATION_FAILED' };

interface VmMachineContext {
  initiallyRunning: boolean;
  bootMs: number;
  gracefulShutdownMs: number;
  scaleMs: number;
  phaseMs: number;
  pauseMs: number;
  converges: boolean;
}

export const vmMachine = setup({
  types: {
    context: {} as VmMachineContext,
    input: {} as { bootMs: number; gracefulShutdownMs: number; scaleMs: number; initiallyRunning: boolean },
    events: {} as VmEvent,
  },
  delays: {
    boot: ({ context }) => context.bootMs,
    shutdown: ({ context }) => context.gracefulShutdownMs,
    scale: ({ context }) => context.scaleMs,
    phase: ({ context }) => context.phaseMs,
    pause: ({ context }) => context.pauseMs,
  },
  guards: {
    converges: ({ context }) => context.converges,
    initiallyRunning: ({ context }) => context.initiallyRunning,
  },
  // The Vm provides these: they move its placement and size when a move, migration or resize ends.
  actions: {
    finishRelocation: () => {},
    abandonRelocation: () => {},
    applySize: () => {},
  },
}).createMachine({
  id: 'vm',
  context: ({ input }) => ({ ...input, phaseMs: 0, pauseMs: 0, converges: true }),
  initial: 'found',
  states: {
    // A transient state: a run starts with the VM as the estate was found, running or stopped.
    found: { always: [{ guard: 'initiallyRunning', target: 'running' }, { target: 'stopped' }] },
    stopped: {
      tags: ['down'],
      on: {
        START: 'booting',
        MOVE: { target: 'moving', actions: assign({ phaseMs: ({ event }) => event.durationMs }) },
      },
    },
    booting: { tags: ['booting'], after: { boot: 'running' }, on: { HARD_STOP: 'stopped' } },
    running: {
      tags: ['serving', 'accepting'],
      on: {
        SHUTDOWN: 'shuttingDown',
        HARD_STOP: 'stopped',
        SCALE: 'scaling',
        MIGRATE: {
          target: 'migrating',
          actions: assign({
            phaseMs: ({ event }) => event.preCopyMs,
            pauseMs: ({ event }) => event.pauseMs,
            converges: ({ event }) => event.converges,
          }),
        },
      },
    },
    // In-flight requests finish; nothing new is accepted.
    shuttingDown: {
      tags: ['serving', 'stopping'],
      after: { shutdown: 'stopped' },
      on: { HARD_STOP: 'stopped' },
    },
    // A cold move: off while its disk is copied, then stopped on the destination. A copy whose
    // source or destination goes down fails: the VM stays, stopped, where it was.
    moving: {
      tags: ['down', 'relocating'],
      after: { phase: { target: 'stopped', actions: 'finishRelocation' } },
      on: { RELOCATION_FAILED: 'stopped' },
    },
    migrating: {
      initial: 'preCopy',
      // A destination that goes down ends the migration: the VM runs on where it was.
      on: {
        HARD_STOP: { target: 'stopped', actions: 'abandonRelocation' },
        RELOCATION_FAILED: 'running',
      },
      states: {
        // A migration that cannot converge gives up after its rounds and stays on the source.
        preCopy: {
          tags: ['serving', 'accepting', 'relocating'],
          after: {
            phase: [
              { guard: 'converges', target: 'stopAndCopy' },
              { target: '#vm.running', actions: 'abandonRelocation' },
            ],
          },
        },
        // The pause: requests already accepted finish, new ones wait.
        stopAndCopy: {
          tags: ['serving', 'relocating'],
          after: { pause: { target: '#vm.running', actions: 'finishRelocation' } },
        },
      },
    },
    // Restarting with its new size: neither serving nor down for good.
    scaling: {
      tags: ['booting'],
      exit: 'applySize',
      after: { scale: 'running' },
      on: { HARD_STOP: 'stopped' },
    },
  },
});

/**
 * A VM crashes when it stops abruptly: entering `down` from a state that was neither down already
 * (a cold move ending) nor stopping on purpose (a graceful shutdown ending). A hard shutdown the
 * plan asks for is such a stop too; the report subtracts those.
 */
export const vmCrashRule: CrashRule = (from, to) =>
  to.has('down') && !from.has('down') && !from.has('stopping');

export type ShutdownMode = 'graceful' | 'hard';

/** What an operator asks of a VM; `whyNot` says whether it would be refused now. */
export type VmOperation = 'start' | 'shutdown graceful' | 'shutdown hard' | 'move' | 'migrate' | 'scale';

export const OPERATION_EVENTS: Record<VmOperation, VmEvent> = {
  start: { type: 'START' },
  'shutdown graceful': { type: 'SHUTDOWN' },
  'shutdown hard': { type: 'HARD_STOP' },
  move: { type: 'MOVE', durationMs: 0 },
  migrate: { type: 'MIGRATE', preCopyMs: 0, pauseMs: 0, converges: true },
  scale: { type: 'SCALE' },
};
