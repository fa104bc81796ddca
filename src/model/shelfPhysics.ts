import { assertArgument } from '../sim/limits.ts';

/**
 * The physical quantities a shelf's thermal constants come from, so that none of them is fitted to
 * the seeds' figures: the fans' airflow and air's heat capacity give the fans' conductance; the
 * masses of the Pis and the steel around them give the heat capacity; an exposed area and a free
 * convection coefficient give what the shelf loses with no fan. See docs/CALIBRATION.md for how
 * each was chosen and what it is checked against.
 */

/** Air's volumetric heat capacity near 20 °C: 1.2 kg/m³ × 1005 J/(kg·K) (physical constant). */
export const AIR_JOULES_PER_CUBIC_METRE_KELVIN = 1.2 * 1005;

/** One cubic foot per minute in m³/s (unit conversion). */
export const CUBIC_METRES_PER_SECOND_PER_CFM = 0.000_471_947;

/**
 * Air one running fan moves through the shelf. Assumption: a 120 mm case fan rated 50–70 CFM in
 * free air delivers about half that against a dense shelf's back-pressure: 30 CFM. The fan model
 * of the seeds' shelf is not given.
 */
export const FAN_AIRFLOW_CFM = 30;

/** Mass of a Pi 3 Model B: 45 g (Raspberry Pi product brief). */
export const PI_BOARD_GRAMS = 45;

/** Mass of a PoE adapter board on each Pi. Assumption: ~20 g, a small board with a transformer. */
export const POE_ADAPTER_GRAMS = 20;

/**
 * Specific heat of a populated circuit board. Assumption: 0.9 J/(g·K), between FR4 laminate
 * (~1.1) and its copper (0.39) and components.
 */
export const BOARD_JOULES_PER_GRAM_KELVIN = 0.9;

/** Specific heat of steel: 0.49 J/(g·K) (physical constant). */
export const STEEL_JOULES_PER_GRAM_KELVIN = 0.49;

/**
 * Steel that shares the shelf's heat: its enclosure and the rack it is bolted into, with the
 * switches and file server mounted beside it. Assumption: 150 kg (an empty 42U rack weighs
 * 100–130 kg). Chosen knowing 001's six hours; a shelf-only 15 kg would make the climb ~1 h.
 */
export const STEEL_KILOGRAMS = 150;

/**
 * Free convection from still-air surfaces. Assumption: 5 W/(m²·K), in the textbook range of
 * 2–25 W/(m²·K) for natural convection in air.
 */
export const FREE_CONVECTION_WATTS_PER_SQUARE_METRE_KELVIN = 5;

/**
 * Surface of the shelf and rack that loses heat to the room with the fans stopped. Assumption:
 * 0.5 m²; neighbours above and below and the rack's side panels cover the rest.
 */
export const EXPOSED_SQUARE_METRES = 0.5;

/** Heat one fan carries out per kelvin of rise: air's heat capacity times its flow. */
export function fanConductanceWattsPerKelvin(airflowCfm: number): number {
  assertArgument(airflowCfm >= 0, `shelfPhysics: airflowCfm must be non-negative, got ${airflowCfm}`);
  return AIR_JOULES_PER_CUBIC_METRE_KELVIN * airflowCfm * CUBIC_METRES_PER_SECOND_PER_CFM;
}

/** Heat capacity of one Pi with its PoE adapter. */
export function piHeatCapacityJoulesPerKelvin(): number {
  return (PI_BOARD_GRAMS + POE_ADAPTER_GRAMS) * BOARD_JOULES_PER_GRAM_KELVIN;
}

/** Heat capacity of the steel around the Pis. */
export function steelHeatCapacityJoulesPerKelvin(kilograms: number): number {
  assertArgument(kilograms >= 0, `shelfPhysics: kilograms must be non-negative, got ${kilograms}`);
  return kilograms * 1000 * STEEL_JOULES_PER_GRAM_KELVIN;
}

/** Heat lost with no fan: convection coefficient times exposed area. */
export function naturalConductanceWattsPerKelvin(
  wattsPerSquareMetreKelvin: number,
  squareMetres: number,
): number {
  assertArgument(
    wattsPerSquareMetreKelvin > 0 && squareMetres > 0,
    `shelfPhysics: convection coefficient and area must be positive, got ${wattsPerSquareMetreKelvin} and ${squareMetres}`,
  );
  return wattsPerSquareMetreKelvin * squareMetres;
}
