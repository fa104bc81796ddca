import { setup } from 'xstate';
import type { Actor } from 'xstate';
import { LimitExceededError, assertArgument } from '../sim/limits.ts';
import type { RandomStream } from '../sim/random.ts';
import { Fan } from './fan.ts';
import { startPart, stateValueToString } from './part.ts';
import type { ModelContext } from './part.ts';
import type { RaspberryPi } from './raspberryPi.ts';
import {
  piSocCelsius,
  relaxationTimeToMs,
  relaxedValue,
  riseForPiCelsius,
  steadyRiseKelvin,
  timeConstantMs,
} from './thermal.ts';

export interface ShelfParams {
  /** Most Pis on a shelf: "one of our shelves of 108 Pi 3s" (001_c0c3c660f1f73f92.txt); 96 in 004_…. */
  piCountMax: number;
  /**
   * Rows of Pis between the cold and the hot aisle; a Pi in row r (from 0) of R sees the air warmed
   * by (r + 1) / R of the shelf's rise. Assumption: 4 rows of 27; the heatmap gives no geometry.
   */
  rowsFrontToBack: number;
  /** The cold aisle (the room) at the start. Assumption: 22 °C, mid-range of a data centre's cold aisle. */
  coldAisleCelsius: number;
  /** Fans on the shelf: "dual fan failure" (001_c0c3c660f1f73f92.txt). */
  fanCount: number;
  /**
   * Heat one running fan carries out per kelvin of rise. Calibrated (001_c0c3c660f1f73f92.txt, "a
   * 5C temperature difference between the cold and hot aisles across one of our shelves of 108 Pi
   * 3s"): 108 × 2 W = 216 W over 5 K needs 43.2 W/K in all; less the natural 2.7 W/K, split over 2 fans.
   */
  fanConductanceWattsPerKelvin: number;
  /**
   * Heat the shelf loses with no fan (natural convection through the enclosure). Calibrated with
   * the heat capacity so dual fan failure reaches critical in about 6 h (001_c0c3c660f1f73f92.txt);
   * small enough that the stopped shelf settles far above the Pis' critical temperature.
   */
  naturalConductanceWattsPerKelvin: number;
  /**
   * Heat capacity of the shelf: Pis, PoE HATs, enclosure and the air in the rack. Calibrated:
   * with 2.7 W/K it gives a 6 h climb from dual fan failure to critical (001_c0c3c660f1f73f92.txt).
   */
  heatCapacityJoulesPerKelvin: number;
  /** How often the room's temperature takes a step. Assumption: hourly. */
  roomDriftStepMs: number;
  /** Standard deviation of one step; 0 turns drift off. Assumption: 0.2 °C per hour. */
  roomDriftStdDevCelsius: number;
  /** Bounds the room drifts within. Assumption: the ASHRAE recommended inlet range, 18–27 °C. */
  roomCelsiusMin: number;
  roomCelsiusMax: number;
  /**
   * How long the shelf is offline to replace one Pi (004_b8bc5fb3cdb64335.txt: "the enclosure
   * doesn't allow for replacement without taking the whole shelf ... offline"). Assumption: 30 min.
   */
  replacementMs: number;
  /** The shelf alarm clears once the hottest Pi is this far below critical. Assumption: 2 °C. */
  criticalHysteresisCelsius: number;
}

/** The most fans the shelf model places (its fan array is sized for them); assumed. */
export const SHELF_FANS_MAX = 16;

export const SHELF_DEFAULTS: Readonly<ShelfParams> = {
  piCountMax: 108,
  rowsFrontToBack: 4,
  coldAisleCelsius: 22,
  fanCount: 2,
  fanConductanceWattsPerKelvin: 20.25,
  naturalConductanceWattsPerKelvin: 2.7,
  heatCapacityJoulesPerKelvin: 84_500,
  roomDriftStepMs: 3_600_000,
  roomDriftStdDevCelsius: 0.2,
  roomCelsiusMin: 18,
  roomCelsiusMax: 27,
  replacementMs: 30 * 60_000,
  criticalHysteresisCelsius: 2,
};

/**
 * The per-fan conductance that gives a shelf a chosen hot-aisle rise with every fan running, for a
 * scenario that states the rise (e.g. 5 °C, 001_c0c3c660f1f73f92.txt) rather than the airflow:
 * heat / rise = natural + fans × per-fan.
 */
export function fanConductanceForRise(
  heatWatts: number,
  riseKelvin: number,
  fanCount: number,
  naturalConductanceWattsPerKelvin = SHELF_DEFAULTS.naturalConductanceWattsPerKelvin,
): number {
  assertArgument(riseKelvin > 0, `shelf: hot-aisle rise must be positive, got ${riseKelvin}`);
  assertArgument(fanCount >= 1, `shelf: at least one fan is needed to set a rise, got ${fanCount}`);
  const perFan = (heatWatts / riseKelvin - naturalConductanceWattsPerKelvin) / fanCount;
  assertArgument(
    perFan >= 0,
    `shelf: a ${riseKelvin} K rise from ${heatWatts} W needs less cooling than natural convection alone (${naturalConductanceWattsPerKelvin} W/K)`,
  );
  return perFan;
}

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

/**
 * A tolerance for threshold tests at the instant of a computed crossing (float rounding): every
 * test leans towards the side being crossed, so the event that was scheduled for a crossing always
 * applies it rather than rescheduling itself a rounding error later.
 */
const CELSIUS_EPSILON = 1e-6;
const CROSSING_DELAY_MS_MIN = 1e-3;
const IDLE_CROSSINGS_MAX = 16;

/**
 * A shelf of Pis between a cold and a hot aisle, cooled by fans. The temperatures are solved in
 * closed form between events (see thermal.ts): after any change (a fan, a Pi's power, the room)
 * the shelf computes when the next Pi will cross a threshold and schedules that one event.
 */
export class Shelf {
  readonly params: ShelfParams;
  readonly fans: readonly Fan[];
  private readonly actor: Actor<typeof shelfMachine>;
  private readonly driftStream: RandomStream;
  private readonly positions: number[];
  /** Where each Pi sits in `pis`, so finding a Pi's place does not scan every shelf's Pis. */
  private readonly indexOfPiId: ReadonlyMap<string, number>;
  private coldCelsius: number;
  private solvedAtMs = 0;
  private riseAtSolveKelvin = 0;
  private steadyKelvin = 0;
  private tauMs = Infinity;
  private crossingTimerId: number | undefined;
  private resolving = false;
  private resolvesAtInstant = 0;
  private lastResolveMs = -1;
  private criticalAtMs: number | undefined;
  private replacingIndex: number | undefined;
  private idleCrossings = 0;

  constructor(
    private readonly context: ModelContext,
    readonly id: string,
    readonly pis: readonly RaspberryPi[],
    params: Partial<ShelfParams> = {},
  ) {
    this.params = { ...SHELF_DEFAULTS, ...params };
    const p = this.params;
    assertArgument(
      pis.length >= 1 && pis.length <= p.piCountMax,
      `shelf ${id}: expected 1..${p.piCountMax} Pis, got ${pis.length}`,
    );
    assertArgument(
      Number.isInteger(p.rowsFrontToBack) && p.rowsFrontToBack >= 1,
      `shelf ${id}: rowsFrontToBack must be a positive whole number, got ${p.rowsFrontToBack}`,
    );
    assertArgument(
      Number.isInteger(p.fanCount) && p.fanCount >= 0 && p.fanCount <= SHELF_FANS_MAX,
      `shelf ${id}: fanCount must be a whole number in 0..${SHELF_FANS_MAX}, got ${p.fanCount}`,
    );
    assertArgument(
      p.naturalConductanceWattsPerKelvin > 0,
      `shelf ${id}: naturalConductanceWattsPerKelvin must be positive, got ${p.naturalConductanceWattsPerKelvin}`,
    );
    assertArgument(
      p.fanConductanceWattsPerKelvin >= 0,
      `shelf ${id}: fanConductanceWattsPerKelvin must be non-negative, got ${p.fanConductanceWattsPerKelvin}`,
    );
    assertArgument(
      p.heatCapacityJoulesPerKelvin > 0,
      `shelf ${id}: heatCapacityJoulesPerKelvin must be positive, got ${p.heatCapacityJoulesPerKelvin}`,
    );
    assertArgument(
      p.roomDriftStepMs > 0,
      `shelf ${id}: roomDriftStepMs must be positive, got ${p.roomDriftStepMs}`,
    );
    assertArgument(
      p.roomDriftStdDevCelsius >= 0,
      `shelf ${id}: roomDriftStdDevCelsius must be non-negative, got ${p.roomDriftStdDevCelsius}`,
    );
    assertArgument(
      p.roomCelsiusMin <= p.coldAisleCelsius && p.coldAisleCelsius <= p.roomCelsiusMax,
      `shelf ${id}: coldAisleCelsius (${p.coldAisleCelsius}) must be within roomCelsiusMin..roomCelsiusMax (${p.roomCelsiusMin}..${p.roomCelsiusMax})`,
    );
    assertArgument(
      p.replacementMs >= 0,
      `shelf ${id}: replacementMs must be non-negative, got ${p.replacementMs}`,
    );
    this.indexOfPiId = new Map(pis.map((pi, index) => [pi.id, index]));
    assertArgument(this.indexOfPiId.size === pis.length, `shelf ${id}: a Pi is listed twice`);
    this.coldCelsius = p.coldAisleCelsius;
    this.positions = pis.map(
      (_, index) => (Math.floor((index * p.rowsFrontToBack) / pis.length) + 1) / p.rowsFrontToBack,
    );
    this.driftStream = context.kernel.random.stream(`shelf.${id}.roomDrift`);
    this.actor = startPart(context, id, 'shelf', shelfMachine, undefined);
    const fans: Fan[] = [];
    for (let index = 0; index < p.fanCount; index++)
      fans.push(new Fan(context, `${id}.fan${index + 1}`, () => this.resolve()));
    this.fans = fans;
    // The shelf starts as if it had been running with every Pi drawing its full power.
    let designWatts = 0;
    for (const pi of pis) designWatts += pi.params.poeDrawWatts;
    this.riseAtSolveKelvin = steadyRiseKelvin(designWatts, this.conductanceWattsPerKelvin());
    // Only what the thermal model reads (draw, up, throttled) needs a new solution; boot stages don't.
    const thermalKeys = pis.map((pi) => thermalKey(pi));
    pis.forEach((pi, index) => {
      pi.onChange(() => {
        const key = thermalKey(pi);
        if (key === thermalKeys[index]) return;
        thermalKeys[index] = key;
        this.resolve();
      });
    });
    if (p.roomDriftStdDevCelsius > 0) this.scheduleDrift();
    this.resolve();
  }

  get state(): string {
    return stateValueToString(this.actor.getSnapshot().value);
  }

  isOnline(): boolean {
    return !this.actor.getSnapshot().matches('offline');
  }

  /** When a Pi on the shelf first reached critical temperature, if one has. */
  get criticalReachedAtMs(): number | undefined {
    return this.criticalAtMs;
  }

  coldAisleCelsius(): number {
    return this.coldCelsius;
  }

  /** The air leaving the shelf into the hot aisle. */
  hotAisleCelsius(): number {
    return this.coldCelsius + this.riseKelvin();
  }

  /** A Pi's SoC temperature now. */
  piCelsius(index: number): number {
    return this.celsiusAt(this.piAt(index, 'piCelsius'), index, this.riseKelvin());
  }

  /** A Pi's SoC temperature for a given rise of the shelf's air, at a given draw (by default its own). */
  private celsiusAt(pi: RaspberryPi, index: number, riseKelvin: number, watts = pi.powerDrawWatts()): number {
    return piSocCelsius(
      this.coldCelsius,
      this.positions[index] as number,
      riseKelvin,
      watts,
      pi.params.socKelvinPerWatt,
    );
  }

  /** The index of a Pi on this shelf, or undefined when the shelf does not hold it. */
  indexOfPi(piId: string): number | undefined {
    return this.indexOfPiId.get(piId);
  }

  hottestPiCelsius(): number {
    let hottest = -Infinity;
    for (let index = 0; index < this.pis.length; index++) hottest = Math.max(hottest, this.piCelsius(index));
    return hottest;
  }

  /** Where a Pi sits between the cold aisle (0) and the hot aisle (1). */
  positionOf(index: number): number {
    this.piAt(index, 'positionOf');
    return this.positions[index] as number;
  }

  /** Fault: fan n (from 1) fails. */
  failFan(fan: number): void {
    this.fanAt(fan, 'failFan').fail();
  }

  /** Operator: fan n (from 1) is replaced. */
  repairFan(fan: number): void {
    this.fanAt(fan, 'repairFan').repair();
  }

  runningFans(): number {
    return this.fans.filter((fan) => fan.isRunning()).length;
  }

  /**
   * Operator: replace the Pi at `index`. The whole shelf goes offline (every Pi loses power) for
   * replacementMs; the Pi comes back with a new SD card, and the Pis boot again.
   */
  replacePi(index: number): void {
    const pi = this.piAt(index, 'replacePi');
    assertArgument(
      this.isOnline(),
      `shelf ${this.id}: replacePi(${index}): the shelf is already offline replacing a Pi`,
    );
    this.replacingIndex = index;
    this.context.kernel.trace.record({
      timeMs: this.context.kernel.nowMs,
      part: this.id,
      event: 'replacePi',
      details: { index, pi: pi.id, offlineMs: this.params.replacementMs },
    });
    this.actor.send({ type: 'TAKE_OFFLINE' });
    for (const each of this.pis) each.setEnclosureOnline(false);
    this.context.kernel.scheduleCallback(this.params.replacementMs, () => {
      this.replacingIndex = undefined;
      pi.replaceSdCard();
      this.actor.send({ type: 'BRING_ONLINE' });
      for (const each of this.pis) each.setEnclosureOnline(true);
      this.resolve();
    });
  }

  /** The index of the Pi being replaced while the shelf is offline. */
  get replacing(): number | undefined {
    return this.replacingIndex;
  }

  // --- the thermal solution ---

  private conductanceWattsPerKelvin(): number {
    return (
      this.params.naturalConductanceWattsPerKelvin +
      this.runningFans() * this.params.fanConductanceWattsPerKelvin
    );
  }

  private riseKelvin(): number {
    return relaxedValue(
      this.riseAtSolveKelvin,
      this.steadyKelvin,
      this.tauMs,
      this.context.kernel.nowMs - this.solvedAtMs,
    );
  }

  /**
   * Re-solves at this instant: applies any threshold the Pis are at, then sets the new
   * exponential (heat, conductance) and schedules the next crossing. Re-entrant calls (a Pi
   * throttled here tells the shelf it changed) are folded into the one in progress.
   */
  private resolve(): void {
    if (this.resolving) return;
    const kernel = this.context.kernel;
    if (kernel.nowMs === this.lastResolveMs) {
      this.resolvesAtInstant++;
      const limit = 16 * this.pis.length + 64;
      if (this.resolvesAtInstant > limit) {
        throw new LimitExceededError(
          `shelf ${this.id}.resolvesAtInstant`,
          limit,
          `thermal solution does not settle at ${kernel.nowMs} ms`,
        );
      }
    } else {
      this.lastResolveMs = kernel.nowMs;
      this.resolvesAtInstant = 0;
    }
    this.resolving = true;
    try {
      const riseKelvin = this.riseKelvin();
      this.riseAtSolveKelvin = riseKelvin;
      this.solvedAtMs = kernel.nowMs;
      this.applyThresholds(riseKelvin);
      let heatWatts = 0;
      for (const pi of this.pis) heatWatts += pi.powerDrawWatts();
      const conductance = this.conductanceWattsPerKelvin();
      this.steadyKelvin = steadyRiseKelvin(heatWatts, conductance);
      this.tauMs = timeConstantMs(this.params.heatCapacityJoulesPerKelvin, conductance);
      this.scheduleNextCrossing(riseKelvin);
    } finally {
      this.resolving = false;
    }
  }

  private applyThresholds(riseKelvin: number): void {
    let hottest = -Infinity;
    let hottestIndex = -1;
    let anyCritical = false;
    this.pis.forEach((pi, index) => {
      const p = pi.params;
      if (pi.isUp()) {
        const fullPowerCelsius = this.celsiusAt(pi, index, riseKelvin, p.poeDrawWatts);
        if (!pi.isThrottled() && fullPowerCelsius >= p.throttleCelsius - CELSIUS_EPSILON)
          pi.setThrottled(true);
        else if (
          pi.isThrottled() &&
          fullPowerCelsius <= p.throttleCelsius - p.unthrottleHysteresisCelsius + CELSIUS_EPSILON
        ) {
          pi.setThrottled(false);
        }
      }
      const celsius = this.celsiusAt(pi, index, riseKelvin);
      if (pi.isPowered() && celsius >= p.criticalCelsius - CELSIUS_EPSILON) anyCritical = true;
      if (celsius > hottest) {
        hottest = celsius;
        hottestIndex = index;
      }
    });
    const snapshot = this.actor.getSnapshot();
    const kernel = this.context.kernel;
    if (anyCritical && snapshot.matches('online')) {
      this.criticalAtMs ??= kernel.nowMs;
      kernel.trace.record({
        timeMs: kernel.nowMs,
        part: this.id,
        event: 'criticalTemperature',
        details: { pi: this.pis[hottestIndex]?.id ?? null, celsius: hottest },
      });
      this.actor.send({ type: 'TEMPERATURE_CRITICAL' });
    } else if (
      snapshot.matches('overheated') &&
      !this.anyPiAbove(riseKelvin, this.params.criticalHysteresisCelsius)
    ) {
      this.actor.send({ type: 'TEMPERATURE_NORMAL' });
    }
  }

  /** Whether any powered Pi is within `marginCelsius` of its critical temperature. */
  private anyPiAbove(riseKelvin: number, marginCelsius: number): boolean {
    return this.pis.some(
      (pi, index) =>
        pi.isPowered() &&
        this.celsiusAt(pi, index, riseKelvin) > pi.params.criticalCelsius - marginCelsius + CELSIUS_EPSILON,
    );
  }

  private scheduleNextCrossing(riseKelvin: number): void {
    const kernel = this.context.kernel;
    if (this.crossingTimerId !== undefined) kernel.cancelCallback(this.crossingTimerId);
    this.crossingTimerId = undefined;
    let soonestMs = Infinity;
    const consider = (targetRiseKelvin: number): void => {
      if (!Number.isFinite(targetRiseKelvin) || targetRiseKelvin === riseKelvin) return;
      soonestMs = Math.min(
        soonestMs,
        relaxationTimeToMs(riseKelvin, this.steadyKelvin, this.tauMs, targetRiseKelvin),
      );
    };
    const overheated = this.actor.getSnapshot().matches('overheated');
    // The alarm starts when the first Pi reaches critical, and clears when the last one is back
    // under critical less the hysteresis: the soonest onset, or the latest clearing.
    let alarmMs = overheated ? 0 : Infinity;
    this.pis.forEach((pi, index) => {
      if (!pi.isPowered()) return;
      const position = this.positions[index] as number;
      const p = pi.params;
      if (pi.isUp()) {
        const threshold = pi.isThrottled()
          ? p.throttleCelsius - p.unthrottleHysteresisCelsius
          : p.throttleCelsius;
        consider(riseForPiCelsius(threshold, this.coldCelsius, position, p.poeDrawWatts, p.socKelvinPerWatt));
      }
      const celsius = this.celsiusAt(pi, index, riseKelvin);
      const alarmCelsius = overheated
        ? p.criticalCelsius - this.params.criticalHysteresisCelsius
        : p.criticalCelsius;
      const targetRise = riseForPiCelsius(
        alarmCelsius,
        this.coldCelsius,
        position,
        pi.powerDrawWatts(),
        p.socKelvinPerWatt,
      );
      const crossingMs = relaxationTimeToMs(riseKelvin, this.steadyKelvin, this.tauMs, targetRise);
      if (!overheated) alarmMs = Math.min(alarmMs, crossingMs);
      else if (celsius > alarmCelsius) alarmMs = Math.max(alarmMs, crossingMs);
    });
    soonestMs = Math.min(soonestMs, alarmMs > 0 ? alarmMs : Infinity);
    if (soonestMs === Infinity) return;
    // At least a microsecond ahead: a crossing a rounding error away must still move the clock.
    const delayMs = Math.max(soonestMs, CROSSING_DELAY_MS_MIN);
    this.crossingTimerId = kernel.scheduleCallback(delayMs, () => {
      this.crossingTimerId = undefined;
      const linesBefore = kernel.trace.lineCount;
      this.resolve();
      // Every crossing scheduled changes some state; one that changes nothing, again and again,
      // means the solution is stuck, which must be reported rather than spin.
      this.idleCrossings = kernel.trace.lineCount === linesBefore ? this.idleCrossings + 1 : 0;
      if (this.idleCrossings > IDLE_CROSSINGS_MAX) {
        throw new LimitExceededError(
          `shelf ${this.id}.idleCrossings`,
          IDLE_CROSSINGS_MAX,
          `thermal crossings at ${kernel.nowMs} ms change no state`,
        );
      }
    });
  }

  private scheduleDrift(): void {
    this.context.kernel.scheduleCallback(this.params.roomDriftStepMs, () => {
      const p = this.params;
      const stepped = this.coldCelsius + this.driftStream.normal(0, p.roomDriftStdDevCelsius);
      this.coldCelsius = Math.min(p.roomCelsiusMax, Math.max(p.roomCelsiusMin, stepped));
      this.resolve();
      this.scheduleDrift();
    });
  }

  private piAt(index: number, action: string): RaspberryPi {
    const pi = Number.isInteger(index) ? this.pis[index] : undefined;
    assertArgument(
      pi !== undefined,
      `shelf ${this.id}: ${action}: Pi index must be a whole number in 0..${this.pis.length - 1}, got ${index}`,
    );
    return pi;
  }

  private fanAt(fan: number, action: string): Fan {
    const found = Number.isInteger(fan) ? this.fans[fan - 1] : undefined;
    assertArgument(
      found !== undefined,
      `shelf ${this.id}: ${action}: fan must be a whole number in 1..${this.fans.length}, got ${fan}`,
    );
    return found;
  }
}

function thermalKey(pi: RaspberryPi): string {
  return `${pi.powerDrawWatts()}/${pi.isUp()}/${pi.isThrottled()}`;
}
