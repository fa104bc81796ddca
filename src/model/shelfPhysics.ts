import { assertArgument } from '../sim/limits.ts';

/**
 * The physical quantities a shelf's thermal constants come from, so that none of them is fitted to
 * the seeds' figures: the fans' airflow and air's heat capacity give the fans' conductance; the
 * masses of the Pis and the steel around them give the heat capacity; an exposed area and a free
 * convection coefficient give what the shelf loses with no fan. The enclosure's size and sheet
 * steel give its mass and its exposed faces. See docs/CALIBRATION.md for how
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
 * The enclosure: a 19-inch rack shelf of sheet steel. Its inside width is the 450 mm between a
 * 19-inch rack's rails (EIA-310); 108 upright Pi 3s (85 × 56 mm boards) in 4 rows of 27 with
 * their PoE adapters fit in 2U (89 mm) and a 600 mm deep shelf, a common rack-shelf depth
 * (assumed: the seeds give no dimensions).
 */
export const ENCLOSURE_WIDTH_METRES = 0.45;
export const ENCLOSURE_DEPTH_METRES = 0.6;
export const ENCLOSURE_HEIGHT_METRES = 0.089;

/** Sheet steel of the enclosure. Assumption: 1.2 mm (18 gauge), usual for rack chassis. */
export const SHEET_STEEL_METRES = 0.0012;

/** Density of steel: 7 850 kg/m³ (physical constant). */
export const STEEL_KILOGRAMS_PER_CUBIC_METRE = 7_850;

/** Area of the enclosure's six faces. */
export function enclosureSurfaceSquareMetres(): number {
  const w = ENCLOSURE_WIDTH_METRES;
  const d = ENCLOSURE_DEPTH_METRES;
  const h = ENCLOSURE_HEIGHT_METRES;
  return 2 * (w * d + w * h + d * h);
}

/** Mass of the enclosure's steel: its faces' area × sheet thickness × density (~6.9 kg). */
export function enclosureSteelKilograms(): number {
  return enclosureSurfaceSquareMetres() * SHEET_STEEL_METRES * STEEL_KILOGRAMS_PER_CUBIC_METRE;
}

/**
 * Surface that loses heat to the room with the fans stopped: the front and back faces, open to
 * the cold and hot aisles. Top, bottom and sides face the shelves above and below and the rack's
 * sides, which are as warm (assumed: a full rack).
 */
export function exposedSquareMetres(): number {
  return 2 * ENCLOSURE_WIDTH_METRES * ENCLOSURE_HEIGHT_METRES;
}

/**
 * Free convection from still-air surfaces. Assumption: 5 W/(m²·K), in the textbook range of
 * 2–25 W/(m²·K) for natural convection in air.
 */
export const FREE_CONVECTION_WATTS_PER_SQUARE_METRE_KELVIN = 5;

/** Heat one fan carries out per kelvin of rise: air's heat capacity times its flow. */
export function fanConductanceWattsPerKelvin(airflowCfm: number): number {
  assertArgument(airflowCfm >= 0, `shelfPhysics: airflowCfm must be non-negative, got ${airflowCfm}`);
  return AIR_JOULES_PER_CUBIC_METRE_KELVIN * airflowCfm * CUBIC_METRES_PER_SECOND_PER_CFM;
}

/** Heat capacity of one Pi with its PoE adapter. */
export function piHeatCapacityJoulesPerKelvin(): number {
  return (PI_BOARD_GRAMS + POE_ADAPTER_GRAMS) * BOARD_JOULES_PER_GRAM_KELVIN;
}

/**
 * Heat capacity of the enclosure: its steel, and the air inside it (0.024 m³, 29 J/K: small, kept
 * so nothing that stores heat is left out).
 */
export function enclosureHeatCapacityJoulesPerKelvin(steelKilograms = enclosureSteelKilograms()): number {
  assertArgument(
    steelKilograms >= 0,
    `shelfPhysics: steelKilograms must be non-negative, got ${steelKilograms}`,
  );
  const airCubicMetres = ENCLOSURE_WIDTH_METRES * ENCLOSURE_DEPTH_METRES * ENCLOSURE_HEIGHT_METRES;
  return (
    steelKilograms * 1000 * STEEL_JOULES_PER_GRAM_KELVIN + airCubicMetres * AIR_JOULES_PER_CUBIC_METRE_KELVIN
  );
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
