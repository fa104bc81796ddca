import { setup } from 'xstate';

type ShelfEvent =
  | { type: 'TEMPERATURE_CRITICAL' }
  | { type: 'TEMPERATURE_NORMAL' }
  | { type: 'TAKE_OFFLINE' }
  | { type: 'BRING_ONLINE' };

/**
 * The shelf's life: online; overheated (some Pi at critical temperature, the alarm is firing);
 * offline (the enclosure is open to replace a Pi, every Pi on it unpowered).
 */
export const shelfMachine = setup({ types: { events: {} as ShelfEvent } }).createMachine({
  id: 'shelf',
  initial: 'online',
  states: {
    online: { on: { TEMPERATURE_CRITICAL: 'overheated', TAKE_OFFLINE: 'offline' } },
    overheated: { on: { TEMPERATURE_NORMAL: 'online', TAKE_OFFLINE: 'offline' } },
    offline: { on: { BRING_ONLINE: 'online' } },
  },
});
