/**
 * Text from a scenario file (its name, description, step and check names) reaches the terminal.
 * Control characters there could move the cursor, recolour or hide what follows, or retitle the
 * window (ANSI escapes), so every one is shown escaped, as `\x1b` or `\u202e`, never raw.
 */

/** C0 controls, DEL, C1 controls, and the bidirectional overrides that reorder what is shown. */
// Matching control characters is this expression's whole purpose.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

function escaped(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text with its control characters escaped; line breaks kept when it is a whole report. */
export function safeText(text: string, options: { keepNewlines?: boolean } = {}): string {
  return text.replace(CONTROL, (character) =>
    options.keepNewlines === true && character === '\n' ? character : escaped(character),
  );
}
