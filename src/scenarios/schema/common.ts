import { z } from 'zod';
import type { UnitKind } from '../units.ts';
import * as units from '../units.ts';

/**
 * Building blocks shared by every part of the scenario schema. Every schema's error message is
 * phrased as what was expected ("a duration with units, such as 90s"), so the loader can print
 * `path: found X, expected Y` whatever the check that failed.
 */

/** Ids name parts, steps and faults; no dots or spaces, so a path such as `estate.vms.web1.host` stays readable. */
export const ID_PATTERN = '^[A-Za-z][A-Za-z0-9_-]*$';
const ID_EXPECTED = 'an id: a letter, then letters, digits, "-" or "_"';

export const idSchema = z
  .string({ error: ID_EXPECTED })
  .regex(new RegExp(ID_PATTERN), { error: ID_EXPECTED });

/** A reference to another part by id; whether it exists is checked after parsing (crossCheck/). */
export function reference(what: string) {
  return z
    .string({ error: `the id of ${what}` })
    .regex(new RegExp(ID_PATTERN), { error: `the id of ${what}` })
    .describe(`The id of ${what}.`);
}

/**
 * An object whose every key is known: a misspelt key is an error naming the keys it could have
 * been, never a field silently ignored.
 */
export function strictObject<Shape extends z.core.$ZodLooseShape>(shape: Shape, description: string) {
  const known = Object.keys(shape).join(', ');
  return z
    .strictObject(shape, {
      error: (issue) => (issue.code === 'unrecognized_keys' ? `one of the keys ${known}` : undefined),
    })
    .describe(description);
}

/** Parts of one kind, keyed by id: ids are unique by construction and `extends` merges them by key. */
export function partsById<Value extends z.ZodType>(value: Value, description: string) {
  return z.record(idSchema, value).describe(description);
}

/**
 * A quantity written with its unit. The JSON Schema sees the string and its pattern (so editors
 * can flag `90` or `90 secs`); the parsed scenario sees the number in base units.
 */
function unitString(kind: UnitKind, description: string, positive = false) {
  const signed = kind.pattern.includes('-?');
  return z
    .string({ error: kind.expected })
    .regex(new RegExp(kind.pattern), {
      // A negative time or size is a common slip worth naming; the grammar has no sign for them.
      error: (issue) =>
        !signed && typeof issue.input === 'string' && issue.input.trim().startsWith('-')
          ? `a ${kind.name} that is not negative: ${kind.expected}`
          : kind.expected,
    })
    .describe(`${description} (${kind.expected}).`)
    .transform((text, context) => {
      const result = kind.parse(text);
      if (result.ok && (!positive || result.value > 0)) return result.value;
      const expected = result.ok ? `a ${kind.name} above zero: ${kind.expected}` : result.expected;
      context.issues.push({ code: 'custom', message: expected, input: text });
      return z.NEVER;
    });
}

/** Milliseconds. */
export const durationMs = (description: string) => unitString(units.duration, description);
/** Milliseconds, more than zero: an interval, a timeout, a time that must pass. */
export const positiveDurationMs = (description: string) => unitString(units.duration, description, true);
/** Bytes. */
export const sizeBytes = (description: string) => unitString(units.size, description);
/** Bits per second. */
export const bitsPerSecond = (description: string) => unitString(units.bitRate, description);
/** Bits per second, more than zero: a link that carries anything. */
export const positiveBitsPerSecond = (description: string) => unitString(units.bitRate, description, true);
/** Watts. */
export const watts = (description: string) => unitString(units.power, description);
/** Watts, more than zero: a part that draws power. */
export const positiveWatts = (description: string) => unitString(units.power, description, true);
/** Degrees Celsius. */
export const celsius = (description: string) => unitString(units.temperature, description);
/** A temperature difference above zero, in kelvin written as °C (`5C`). */
export const positiveCelsius = (description: string) => unitString(units.temperature, description, true);
/** A fraction from 0 to 1, written as a percentage. */
export const fraction = (description: string) => unitString(units.percentage, description);
/** Events per millisecond, written per second, hour, day, week or year. */
export const eventsPerMs = (description: string) => unitString(units.eventRate, description);

export function wholeNumber(description: string, minimum = 0, maximum = Number.MAX_SAFE_INTEGER) {
  const expected =
    maximum === Number.MAX_SAFE_INTEGER
      ? `a whole number, at least ${minimum}`
      : `a whole number from ${minimum} to ${maximum}`;
  return z
    .int({ error: expected })
    .min(minimum, { error: expected })
    .max(maximum, { error: expected })
    .describe(description);
}

/** Free text, never empty. */
export function text(description: string) {
  return z.string({ error: 'some text' }).min(1, { error: 'some non-empty text' }).describe(description);
}

/** A network address as the site routes it (the seeds' back ends are IPv6-only); not parsed further. */
export const addressSchema = z
  .string({ error: 'an IP address' })
  .regex(/^[0-9A-Fa-f:.]+$/, { error: 'an IP address such as 2a00:1098:0:82:1000::10 or 10.46.189.2' })
  .describe("An IP address (the seeds' back ends are IPv6-only).");

/** Fields of the `enum` kind with the options listed in the error. */
export function oneOf<const Values extends readonly [string, ...string[]]>(
  values: Values,
  description: string,
) {
  const expected = `one of ${values.map((value) => `"${value}"`).join(', ')}`;
  return z.enum(values, { error: expected }).describe(description);
}
