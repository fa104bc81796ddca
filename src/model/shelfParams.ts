import { assertArgument } from '../sim/limits.ts';
import {
  FAN_AIRFLOW_CFM,
  FREE_CONVECTION_WATTS_PER_SQUARE_METRE_KELVIN,
  enclosureHeatCapacityJoulesPerKelvin,
  exposedSquareMetres,
  fanConductanceWattsPerKelvin,
  naturalConductanceWattsPerKelvin,
  piHeatCapacityJoulesPerKelvin,
} from './shelfPhysics.ts';

/** A shelf's parameters, their defaults and what a shelf checks of them before it starts. */
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
   * Heat one running fan carries out per kelvin of rise: air's heat capacity times the fan's
   * airflow (shelfPhysics.ts, 30 CFM assumed: 17 W/K). A scenario that states its hot-aisle rise
   * instead gets the conductance that makes it (fanConductanceForRise).
   */
  fanConductanceWattsPerKelvin: number;
  /**
   * Heat the shelf loses with no fan: free convection from the enclosure's front and back faces
   * (shelfPhysics.ts: 5 W/(m²·K) × 0.08 m² = 0.4 W/K, assumed).
   */
  naturalConductanceWattsPerKelvin: number;
  /**
   * Heat capacity of the enclosure that shares the shelf's heat: a 2U, 600 mm deep 19-inch shelf
   * of 1.2 mm sheet steel (~6.9 kg) and its air (shelfPhysics.ts); each Pi adds its own
   * (piHeatCapacityJoulesPerKelvin).
   */
  enclosureHeatCapacityJoulesPerKelvin: number;
  /** Heat capacity of one Pi with its PoE adapter (shelfPhysics.ts: 65 g × 0.9 J/(g·K)). */
  piHeatCapacityJoulesPerKelvin: number;
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
  fanConductanceWattsPerKelvin: fanConductanceWattsPerKelvin(FAN_AIRFLOW_CFM),
  naturalConductanceWattsPerKelvin: naturalConductanceWattsPerKelvin(
    FREE_CONVECTION_WATTS_PER_SQUARE_METRE_KELVIN,
    exposedSquareMetres(),
  ),
  enclosureHeatCapacityJoulesPerKelvin: enclosureHeatCapacityJoulesPerKelvin(),
  piHeatCapacityJoulesPerKelvin: piHeatCapacityJoulesPerKelvin(),
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

/** Checks a shelf's parameters for its count of Pis; throws naming the first one out of range. */
export function validateShelfParams(id: string, p: ShelfParams, piCount: number): void {
  assertArgument(
    piCount >= 1 && piCount <= p.piCountMax,
    `shelf ${id}: expected 1..${p.piCountMax} Pis, got ${piCount}`,
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
    p.enclosureHeatCapacityJoulesPerKelvin >= 0 && p.piHeatCapacityJoulesPerKelvin > 0,
    `shelf ${id}: heat capacities must be positive, got enclosure ${p.enclosureHeatCapacityJoulesPerKelvin} J/K and ${p.piHeatCapacityJoulesPerKelvin} J/K per Pi`,
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
}
