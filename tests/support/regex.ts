// A long expected message written as several regular expressions, one per line of the test.

/** The parts' patterns joined in order into one expression. */
export function joined(...parts: RegExp[]): RegExp {
  return new RegExp(parts.map((p) => p.source).join(''));
}
