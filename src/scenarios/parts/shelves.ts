import { createRaspberryPi } from '../../model/raspberryPi.ts';
import { SHELF_DEFAULTS, SHELF_FANS_MAX, Shelf, fanConductanceForRise } from '../../model/shelf.ts';
import {
  celsius,
  oneOf,
  partsById,
  positiveCelsius,
  reference,
  strictObject,
  wholeNumber,
} from '../schema/common.ts';
import type { PartKind } from './types.ts';
import { partOf } from './types.ts';
import { piModels } from './pis.ts';

// --- Spec ---

export const shelfSchema = strictObject(
  {
    site: reference('a site'),
    size: wholeNumber('Pi slots on the shelf (96 to 108).', 96, 108),
    installed: wholeNumber(
      'Pis installed, including any listed individually under pis.',
      1,
      SHELF_DEFAULTS.piCountMax,
    ),
    model: oneOf(piModels, 'Model of the installed Pis.'),
    fans: wholeNumber('Fans cooling the shelf.', 1, SHELF_FANS_MAX),
    coldAisle: celsius('Cold-aisle air temperature').refine(
      (degrees) => degrees >= SHELF_DEFAULTS.roomCelsiusMin && degrees <= SHELF_DEFAULTS.roomCelsiusMax,
      {
        error: `a room temperature from ${SHELF_DEFAULTS.roomCelsiusMin}C to ${SHELF_DEFAULTS.roomCelsiusMax}C, the range the shelf model's room drifts in`,
      },
    ),
    hotAisleRise: positiveCelsius(
      'How much warmer the hot aisle is with all fans running (the seeds saw 5C)',
    ).optional(),
    criticalTemperature: celsius('Temperature at which Pis are in danger'),
  },
  'A shelf of Pis sharing fans; replacing one Pi takes the shelf offline.',
);

export const shelvesFields = { shelves: partsById(shelfSchema, 'Shelves of Pis.').optional() };

/** The id of the index-th Pi on a shelf (from 0), for the ones the estate does not list. */
export function unlistedPiId(shelfId: string, index: number): string {
  return `${shelfId}-pi${index + 1}`;
}

// --- Kind ---

/**
 * Shelves of Pis sharing fans and air. A shelf holds the Pis listed on it and, up to its
 * `installed` count, Pis that matter only for their heat: up, on SD, serving nothing. The shelf
 * goes offline and overheats but its Pis are what crash; it counts none itself.
 */
export const shelvesKind: PartKind = {
  label: 'shelf',
  crashRule: 'none',
  build({ context, scenario, pis, shelves }) {
    const { estate } = scenario;
    for (const [id, spec] of Object.entries(estate.shelves ?? {})) {
      const members = Object.entries(estate.pis ?? {})
        .filter(([, pi]) => pi.shelf === id)
        .map(([piId]) => partOf(pis, piId, 'Raspberry Pi'));
      for (let index = members.length; index < spec.installed; index++) {
        members.push(
          createRaspberryPi(context, unlistedPiId(id, index), spec.model, {
            initiallyUp: true,
            bootSource: 'sd',
            rootFilesystem: 'sd',
            criticalCelsius: spec.criticalTemperature,
          }),
        );
      }
      const heatWatts = members.reduce((sum, pi) => sum + pi.params.poeDrawWatts, 0);
      shelves.set(
        id,
        new Shelf(context, id, members, {
          fanCount: spec.fans,
          coldAisleCelsius: spec.coldAisle,
          ...(spec.hotAisleRise === undefined
            ? {}
            : {
                fanConductanceWattsPerKelvin: fanConductanceForRise(heatWatts, spec.hotAisleRise, spec.fans),
              }),
        }),
      );
    }
  },
};
