import type { Actor } from 'xstate';
import { LimitExceededError, assertArgument } from '../sim/limits.ts';
import { EndOfInstant } from './endOfInstant.ts';
import { Fan } from './fan.ts';
import { startPart, stateValueToString } from './part.ts';
import type { ModelContext } from './part.ts';
import type { RaspberryPi } from './raspberryPi.ts';
import { nextCrossingMs } from './shelfCrossings.ts';
import { shelfMachine } from './shelfMachine.ts';
import { SHELF_DEFAULTS, validateShelfParams } from './shelfParams.ts';
import type { ShelfParams } from './shelfParams.ts';
import { RoomDrift } from './roomDrift.ts';
import { socTimeConstantMs } from './socThermal.ts';
import { relaxedValue, steadyRiseKelvin, timeConstantMs } from './thermal.ts';

// The parameters and the machine have their own files; these names stay importable from here.
export { shelfMachine } from './shelfMachine.ts';
export { SHELF_DEFAULTS, SHELF_FANS_MAX, fanConductanceForRise } from './shelfParams.ts';
export type { ShelfParams } from './shelfParams.ts';

/**
 * A tolerance for threshold tests at the instant of a computed crossing (float rounding): every
 * test leans towards the side being crossed, so the event that was scheduled for a crossing always
 * applies it rather than rescheduling itself a rounding error later.
 */
const CELSIUS_EPSILON = 1e-6;
const CROSSING_DELAY_MS_MIN = 1e-3;
const IDLE_CROSSINGS_MAX = 16;

/**
 * A shelf of Pis between a cold and a hot aisle, cooled by fans. The temperatures are solved between
 * events (thermal.ts for the air, socThermal.ts for each SoC): after any change (a fan, a Pi's power,
 * the room) the shelf finds when the next Pi will cross a threshold and schedules that one event.
 */
export class Shelf {
  readonly params: ShelfParams;
  readonly fans: readonly Fan[];
  private readonly actor: Actor<typeof shelfMachine>;
  private readonly drift: RoomDrift;
  private readonly positions: number[];
  /** Where each Pi sits in `pis`, so finding a Pi's place does not scan every shelf's Pis. */
  private readonly indexOfPiId: ReadonlyMap<string, number>;
  private solvedAtMs = 0;
  private riseAtSolveKelvin = 0;
  private steadyKelvin = 0;
  private tauMs = Infinity;
  private crossingTimerId: number | undefined;
  private resolving = false;
  private readonly resolveLater: EndOfInstant; // a Pi's change re-solves once, at the instant's end
  private resolvesAtInstant = 0;
  private lastResolveMs = -1;
  private criticalAtMs: number | undefined;
  private replacingIndex: number | undefined;
  private idleCrossings = 0;
  private readonly heatCapacityJoulesPerKelvin: number;
  /** Each Pi's SoC excess over its local air when last solved, and what it relaxes toward. */
  private readonly excessAtSolveKelvin: Float64Array;
  private readonly excessSteadyKelvin: Float64Array;
  /** Each Pi's own thermal time constant (board heat capacity × socKelvinPerWatt). */
  private readonly socTauMs: Float64Array;

  constructor(
    private readonly context: ModelContext,
    readonly id: string,
    readonly pis: readonly RaspberryPi[],
    params: Partial<ShelfParams> = {},
  ) {
    this.params = { ...SHELF_DEFAULTS, ...params };
    const p = this.params;
    validateShelfParams(id, p, pis.length);
    this.resolveLater = new EndOfInstant(context.kernel, () => this.resolve());
    this.indexOfPiId = new Map(pis.map((pi, index) => [pi.id, index]));
    assertArgument(this.indexOfPiId.size === pis.length, `shelf ${id}: a Pi is listed twice`);
    this.positions = pis.map(
      (_, index) => (Math.floor((index * p.rowsFrontToBack) / pis.length) + 1) / p.rowsFrontToBack,
    );
    this.actor = startPart(context, id, 'shelf', shelfMachine, undefined);
    const fans: Fan[] = [];
    for (let index = 0; index < p.fanCount; index++)
      fans.push(new Fan(context, `${id}.fan${index + 1}`, () => this.resolve()));
    this.fans = fans;
    this.heatCapacityJoulesPerKelvin =
      p.enclosureHeatCapacityJoulesPerKelvin + pis.length * p.piHeatCapacityJoulesPerKelvin;
    // The shelf starts as if it had been running with every Pi idle, as the seeds' shelf was found.
    let designWatts = 0;
    for (const pi of pis) designWatts += pi.params.poeDrawWatts;
    this.riseAtSolveKelvin = steadyRiseKelvin(designWatts, this.conductanceWattsPerKelvin());
    // Each SoC likewise starts at its idle excess over the air around it.
    this.excessAtSolveKelvin = Float64Array.from(
      pis,
      (pi) => pi.params.poeDrawWatts * pi.params.socKelvinPerWatt,
    );
    this.excessSteadyKelvin = Float64Array.from(this.excessAtSolveKelvin);
    this.socTauMs = Float64Array.from(pis, (pi) =>
      socTimeConstantMs(pi.params.boardHeatCapacityJoulesPerKelvin, pi.params.socKelvinPerWatt),
    );
    // Only what the thermal model reads (draw, up, throttled) needs a new solution; boot stages don't.
    const thermalKey = (pi: RaspberryPi): string => `${pi.powerDrawWatts()}/${pi.isUp()}/${pi.isThrottled()}`;
    const thermalKeys = pis.map((pi) => thermalKey(pi));
    pis.forEach((pi, index) => {
      pi.onChange(() => {
        const key = thermalKey(pi);
        if (key === thermalKeys[index]) return;
        thermalKeys[index] = key;
        this.resolveLater.request();
      });
    });
    this.drift = new RoomDrift(context.kernel, `shelf.${id}.roomDrift`, p, () => this.resolve());
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
    return this.drift.coldCelsius;
  }

  /** The air leaving the shelf into the hot aisle. */
  hotAisleCelsius(): number {
    return this.coldAisleCelsius() + this.riseKelvin();
  }

  /** A Pi's SoC temperature now. */
  piCelsius(index: number): number {
    this.piAt(index, 'piCelsius');
    return this.celsiusAt(index, this.riseKelvin());
  }

  /** A Pi's SoC temperature now for a given rise of the shelf's air: the air at its place plus its SoC's lagging excess. */
  private celsiusAt(index: number, riseKelvin: number): number {
    return (
      this.coldAisleCelsius() + (this.positions[index] as number) * riseKelvin + this.excessKelvin(index)
    );
  }

  /** A Pi's SoC excess over its local air now, relaxing with the Pi's own time constant. */
  private excessKelvin(index: number): number {
    return relaxedValue(
      this.excessAtSolveKelvin[index] as number,
      this.excessSteadyKelvin[index] as number,
      this.socTauMs[index] as number,
      this.context.kernel.nowMs - this.solvedAtMs,
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
      for (let index = 0; index < this.pis.length; index++)
        this.excessAtSolveKelvin[index] = this.excessKelvin(index);
      this.riseAtSolveKelvin = riseKelvin;
      this.solvedAtMs = kernel.nowMs;
      this.applyThresholds(riseKelvin);
      let heatWatts = 0;
      this.pis.forEach((pi, index) => {
        const watts = pi.powerDrawWatts();
        heatWatts += watts;
        this.excessSteadyKelvin[index] = watts * pi.params.socKelvinPerWatt;
      });
      const conductance = this.conductanceWattsPerKelvin();
      this.steadyKelvin = steadyRiseKelvin(heatWatts, conductance);
      this.tauMs = timeConstantMs(this.heatCapacityJoulesPerKelvin, conductance);
      this.scheduleNextCrossing(riseKelvin);
    } finally {
      this.resolving = false;
    }
  }

  private applyThresholds(riseKelvin: number): void {
    let hottest = -Infinity;
    let hottestIndex = -1;
    let anyCritical = false;
    const overheatedPis: [RaspberryPi, number][] = [];
    this.pis.forEach((pi, index) => {
      const p = pi.params;
      const celsius = this.celsiusAt(index, riseKelvin);
      // The firmware throttles at its limit and lets the clock back up once the SoC has cooled
      // by the hysteresis; the SoC's own lag spaces the two by minutes.
      if (pi.isUp()) {
        if (!pi.isThrottled() && celsius >= p.throttleCelsius - CELSIUS_EPSILON) pi.setThrottled(true);
        else if (
          pi.isThrottled() &&
          celsius <= p.throttleCelsius - p.unthrottleHysteresisCelsius + CELSIUS_EPSILON
        ) {
          pi.setThrottled(false);
        }
      }
      if (pi.isPowered() && celsius >= p.criticalCelsius - CELSIUS_EPSILON) anyCritical = true;
      if (pi.isPowered() && celsius >= p.shutdownCelsius - CELSIUS_EPSILON) overheatedPis.push([pi, celsius]);
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
    // Past its shutdown temperature a Pi powers itself off; its heat leaves the shelf.
    for (const [pi, celsius] of overheatedPis) pi.shutDownHot(celsius);
  }

  /** Whether any powered Pi is within `marginCelsius` of its critical temperature. */
  private anyPiAbove(riseKelvin: number, marginCelsius: number): boolean {
    // A Pi that powered itself off from the heat keeps the alarm on until someone power-cycles it.
    return this.pis.some(
      (pi, index) =>
        pi.isShutDownByHeat() ||
        (pi.isPowered() &&
          this.celsiusAt(index, riseKelvin) > pi.params.criticalCelsius - marginCelsius + CELSIUS_EPSILON),
    );
  }

  private scheduleNextCrossing(riseKelvin: number): void {
    const kernel = this.context.kernel;
    if (this.crossingTimerId !== undefined) kernel.cancelCallback(this.crossingTimerId);
    this.crossingTimerId = undefined;
    const soonestMs = nextCrossingMs(
      this.pis,
      (index) => ({
        coldCelsius: this.coldAisleCelsius(),
        position: this.positions[index] as number,
        riseStartKelvin: riseKelvin,
        riseSteadyKelvin: this.steadyKelvin,
        riseTauMs: this.tauMs,
        excessStartKelvin: this.excessAtSolveKelvin[index] as number,
        excessSteadyKelvin: this.excessSteadyKelvin[index] as number,
        excessTauMs: this.socTauMs[index] as number,
      }),
      {
        overheated: this.actor.getSnapshot().matches('overheated'),
        criticalHysteresisCelsius: this.params.criticalHysteresisCelsius,
      },
    );
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
