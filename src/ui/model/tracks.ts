import type { Report } from '../../scenarios/report.ts';
import { stateAt, tagsOf } from './stateAt.ts';
import type { StateChange } from './stateAt.ts';
import { stateTone, worseTone } from './stateTone.ts';
import type { StateTone } from './stateTone.ts';

/** A span of one track in simulated seconds, with its tone and what a tooltip says. */
export interface Band {
  startSeconds: number;
  endSeconds: number;
  tone: StateTone;
  label: string;
}

/** A track: one part, or parts alike (a shelf's 108 Pis) drawn as one summary band. */
export interface TrackGroup {
  key: string;
  label: string;
  kind: string;
  members: string[];
}

/** Parts alike group into one track from this many; fewer are drawn one track each. */
export const GROUP_MIN_PARTS = 6;
/** Distinct instants a summary band is computed at; past it the band is sampled, and says so. */
const SUMMARY_INSTANTS_MAX = 20_000;

/** A part's states as consecutive bands to the end of the run (zero-length ones dropped). */
export function partBands(states: readonly StateChange[], durationSeconds: number): Band[] {
  const bands: Band[] = [];
  states.forEach((change, index) => {
    const endSeconds = states[index + 1]?.at ?? durationSeconds;
    if (endSeconds <= change.at) return;
    bands.push({
      startSeconds: change.at,
      endSeconds,
      tone: stateTone(change.state, tagsOf(change)),
      label: change.state,
    });
  });
  return bands;
}

/**
 * Groups parts that behave alike: the same kind and the same id once its numbers are taken out
 * (shelf1-pi1 … shelf1-pi108, or pi1/apache … pi8/apache). Groups keep the report's order.
 */
export function groupParts(report: Report): TrackGroup[] {
  const byKey = new Map<string, TrackGroup>();
  for (const [id, part] of Object.entries(report.parts)) {
    const pattern = id.replace(/\d+/g, '#');
    const key = `${part.kind}|${pattern}`;
    const group = byKey.get(key) ?? { key, label: pattern, kind: part.kind, members: [] };
    group.members.push(id);
    byKey.set(key, group);
  }
  const tracks: TrackGroup[] = [];
  for (const group of byKey.values()) {
    if (group.members.length >= GROUP_MIN_PARTS)
      tracks.push({ ...group, label: `${group.label} ×${group.members.length}` });
    else for (const id of group.members) tracks.push({ key: id, label: id, kind: group.kind, members: [id] });
  }
  return tracks;
}

/**
 * A group's summary: between each two instants at which any member changed, how many members
 * are in each tone; the band takes the worst tone present, so one Pi in trouble shows.
 */
export function summaryBands(report: Report, members: readonly string[]): Band[] {
  const instants = new Set<number>([0]);
  for (const id of members) for (const change of report.parts[id]?.states ?? []) instants.add(change.at);
  let sorted = [...instants].sort((a, b) => a - b);
  if (sorted.length > SUMMARY_INSTANTS_MAX) {
    const step = Math.ceil(sorted.length / SUMMARY_INSTANTS_MAX);
    sorted = sorted.filter((_, index) => index % step === 0);
  }
  const bands: Band[] = [];
  sorted.forEach((startSeconds, index) => {
    const endSeconds = sorted[index + 1] ?? report.durationSeconds;
    if (endSeconds <= startSeconds) return;
    const counts = new Map<StateTone, number>();
    let tone: StateTone = 'unknown';
    for (const id of members) {
      const change = stateAt(report.parts[id]?.states ?? [], startSeconds);
      if (change === undefined) continue;
      const memberTone = stateTone(change.state, tagsOf(change));
      tone = worseTone(tone, memberTone);
      counts.set(memberTone, (counts.get(memberTone) ?? 0) + 1);
    }
    const label = [...counts.entries()].map(([each, count]) => `${count} ${each}`).join(' · ');
    const last = bands.at(-1);
    if (last !== undefined && last.label === label && last.tone === tone) last.endSeconds = endSeconds;
    else bands.push({ startSeconds, endSeconds, tone, label });
  });
  return bands;
}

/** A band placed in pixels. */
export interface PixelBand {
  x: number;
  width: number;
  tone: StateTone;
  label: string;
}

/**
 * Bands of a window placed in pixels, clipped to it, alike neighbours merged. Bands too thin to see
 * gather into one of at least a pixel, which takes the worst tone among them: a 5 s crash in a
 * 3.5-day run still shows as a red pixel, and a long trace draws about one rectangle per pixel.
 */
export function bandsToPixels(
  bands: readonly Band[],
  x: (seconds: number) => number,
  window: { fromSeconds: number; toSeconds: number },
  minWidthPx = 1,
): PixelBand[] {
  const placed: PixelBand[] = [];
  for (const band of bands) {
    if (band.endSeconds <= window.fromSeconds || band.startSeconds >= window.toSeconds) continue;
    const left = x(Math.max(band.startSeconds, window.fromSeconds));
    const right = x(Math.min(band.endSeconds, window.toSeconds));
    const last = placed.at(-1);
    const thin = right - left < minWidthPx;
    if (last !== undefined && (last.tone === band.tone || (thin && last.width < minWidthPx))) {
      const merged = worseTone(last.tone, band.tone);
      last.label = merged === last.tone ? last.label : band.label;
      last.tone = merged;
      last.width = right - last.x;
    } else placed.push({ x: left, width: right - left, tone: band.tone, label: band.label });
  }
  return placed;
}
