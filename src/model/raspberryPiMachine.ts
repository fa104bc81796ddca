import { assign, setup } from 'xstate';
import type { CrashRule } from './part.ts';
import type { NetbootParams } from './raspberryPiParams.ts';

/** The boot stages at which a boot can stall: the ones that wait on the network. */
export type StallStage = 'dhcp' | 'tftp' | 'mountRoot';

/** Decided (with the Pi's random stream) when power comes on, so the machine itself is pure. */
export interface BootPlan {
  stallStage: StallStage | undefined;
}

export type RaspberryPiEvent =
  | { type: 'POWER_ON'; plan: BootPlan }
  | { type: 'POWER_OFF' }
  | { type: 'STORAGE_FAILED' }
  | { type: 'THROTTLE' }
  | { type: 'UNTHROTTLE' };

export interface RaspberryPiMachineInput {
  /** Up when the run starts, as an estate is found rather than built (no boot). */
  initiallyUp: boolean;
  networkBoot: boolean;
  netboot: NetbootParams;
}

interface RaspberryPiMachineContext extends RaspberryPiMachineInput {
  plan: BootPlan;
}

/**
 * A Raspberry Pi's life. Power comes from its switch port (PoE). Booting walks firmware → DHCP →
 * TFTP → kernel → root mount (netboot, 002_ec1b4f84e52af146.txt) or firmware → kernel → root
 * mount (kernel on the SD card, root on NFS as in 004_b8bc5fb3cdb64335.txt); a stalled boot waits
 * for a power cycle. Up, it serves, throttled or not; when its storage fails the kernel falls
 * over ("crashed") until the power is cycled.
 */
export const raspberryPiMachine = setup({
  types: {
    context: {} as RaspberryPiMachineContext,
    events: {} as RaspberryPiEvent,
    input: {} as RaspberryPiMachineInput,
  },
  delays: {
    firmwareMs: ({ context }) => context.netboot.firmwareMs,
    dhcpMs: ({ context }) => context.netboot.dhcpMs,
    tftpMs: ({ context }) => context.netboot.tftpMs,
    kernelMs: ({ context }) => context.netboot.kernelMs,
    mountRootMs: ({ context }) => context.netboot.mountRootMs,
  },
  guards: {
    networkBoot: ({ context }) => context.networkBoot,
    initiallyUp: ({ context }) => context.initiallyUp,
    stallsAt: ({ context }, params: { stage: StallStage }) => context.plan.stallStage === params.stage,
  },
  actions: {
    takePlan: assign({
      plan: ({ event }) => (event.type === 'POWER_ON' ? event.plan : { stallStage: undefined }),
    }),
  },
}).createMachine({
  id: 'raspberryPi',
  initial: 'found',
  context: ({ input }) => ({ ...input, plan: { stallStage: undefined } }),
  states: {
    // A transient state: the run starts with the Pi as the estate was found, up or off.
    found: { always: [{ guard: 'initiallyUp', target: 'up' }, { target: 'off' }] },
    off: { tags: ['down', 'unpowered'], on: { POWER_ON: { target: 'booting', actions: 'takePlan' } } },
    booting: {
      tags: ['booting'],
      initial: 'firmware',
      on: { POWER_OFF: 'off' },
      states: {
        firmware: { after: { firmwareMs: [{ guard: 'networkBoot', target: 'dhcp' }, { target: 'kernel' }] } },
        dhcp: {
          after: {
            dhcpMs: [
              { guard: { type: 'stallsAt', params: { stage: 'dhcp' } }, target: 'stalled' },
              { target: 'tftp' },
            ],
          },
        },
        tftp: {
          after: {
            tftpMs: [
              { guard: { type: 'stallsAt', params: { stage: 'tftp' } }, target: 'stalled' },
              { target: 'kernel' },
            ],
          },
        },
        kernel: { after: { kernelMs: 'mountRoot' } },
        mountRoot: {
          after: {
            mountRootMs: [
              { guard: { type: 'stallsAt', params: { stage: 'mountRoot' } }, target: 'stalled' },
              { target: '#raspberryPi.up' },
            ],
          },
        },
        // Waits for ever: only cutting the power (a power cycle from the switch) gets it out.
        stalled: { tags: ['stalled'] },
      },
    },
    up: {
      tags: ['serving'],
      initial: 'cool',
      on: { POWER_OFF: 'off', STORAGE_FAILED: 'crashed' },
      states: {
        cool: { on: { THROTTLE: 'throttled' } },
        throttled: { tags: ['throttled'], on: { UNTHROTTLE: 'cool' } },
      },
    },
    crashed: { tags: ['crashed'], on: { POWER_OFF: 'off' } },
  },
});

/** A Pi crashes when its kernel falls over (its storage failed); being switched off is not a crash. */
export const raspberryPiCrashRule: CrashRule = (from, to) => to.has('crashed') && !from.has('crashed');
