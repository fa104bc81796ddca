/**
 * What a part's state means to an ops engineer, and so its colour: serving (doing its job),
 * changing (booting, moving, seeding: on its way somewhere), down (crashed, off when it should
 * not be, failing), idle (stopped, drained, demoted: deliberately out of service) and unknown.
 */
export type StateTone = 'serving' | 'changing' | 'down' | 'idle' | 'unknown';

/** The legend, in the order it is shown; colours are CSS custom properties set per scheme. */
export const TONE_LEGEND: ReadonlyArray<{ tone: StateTone; label: string }> = [
  { tone: 'serving', label: 'serving / up' },
  { tone: 'changing', label: 'booting / moving / seeding' },
  { tone: 'down', label: 'down / crashed / failing' },
  { tone: 'idle', label: 'stopped / drained / idle' },
  { tone: 'unknown', label: 'other' },
];

/**
 * The part machines' XState tags (PartTag in src/model/part.ts) mapped to tones, most telling
 * first: a crashed or stalled part is down whatever else it is; a part on its way somewhere
 * (booting, relocating, stopping, syncing, throttled) is changing even while it still serves.
 */
const TONE_OF_TAG: ReadonlyArray<readonly [tag: string, tone: StateTone]> = [
  ['crashed', 'down'],
  ['stalled', 'down'],
  ['booting', 'changing'],
  ['relocating', 'changing'],
  ['stopping', 'changing'],
  ['syncing', 'changing'],
  ['throttled', 'changing'],
  ['serving', 'serving'],
];

/**
 * A part tagged `down` and nothing more telling is idle when its state says it was stopped on
 * purpose (a VM stopped, a server demoted), and down otherwise (a host off, a node failed).
 */
function toneOfDown(state: string): StateTone {
  const words = state.split('.');
  return words.includes('stopped') || words.includes('drained') ? 'idle' : 'down';
}

/** Fallback when a state has no tags: the state's own words (a nested state's every level). */
const TONE_OF_WORD: Readonly<Record<string, StateTone>> = {
  up: 'serving',
  running: 'serving',
  online: 'serving',
  serving: 'serving',
  writable: 'serving',
  replicating: 'serving',
  cool: 'serving',
  isolated: 'serving',
  booting: 'changing',
  moving: 'changing',
  seeding: 'changing',
  promoting: 'changing',
  // A web server syncing files keeps serving.
  syncing: 'serving',
  shuttingDown: 'changing',
  rebooting: 'changing',
  replacing: 'changing',
  locked: 'changing',
  throttled: 'changing',
  down: 'down',
  crashed: 'down',
  failed: 'down',
  overheated: 'down',
  storageFailed: 'down',
  unpowered: 'down',
  stalled: 'down',
  stopped: 'idle',
  off: 'idle',
  drained: 'idle',
  demoted: 'idle',
  // A web server's up.idle is serving between two syncs, not out of service.
  idle: 'serving',
  offline: 'idle',
};

/** How bad a tone is, for the worst of a group and for a dotted state's deepest word. */
const TONE_SEVERITY: Readonly<Record<StateTone, number>> = {
  unknown: 0,
  serving: 1,
  idle: 2,
  changing: 3,
  down: 4,
};

export function worseTone(a: StateTone, b: StateTone): StateTone {
  return TONE_SEVERITY[b] > TONE_SEVERITY[a] ? b : a;
}

/**
 * The tone of a state: from its XState tags when the report carries them, else from the words of
 * its name (`up.throttled` is changing: the worst of up and throttled).
 */
export function stateTone(state: string, tags?: readonly string[]): StateTone {
  if (tags !== undefined && tags.length > 0) {
    for (const [tag, tone] of TONE_OF_TAG) if (tags.includes(tag)) return tone;
    if (tags.includes('down')) return toneOfDown(state);
  }
  let tone: StateTone = 'unknown';
  for (const word of state.split('.')) {
    const wordTone = TONE_OF_WORD[word];
    if (wordTone !== undefined) tone = worseTone(tone, wordTone);
  }
  return tone;
}
