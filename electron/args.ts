// Command-line options, parsed strictly (node:util parseArgs): an unknown or misspelt option is refused
// with a Russian message naming the valid ones, instead of being ignored (`demo --empty` used to build a
// college without a word).
import { parseArgs } from 'node:util';

export type Flags = Record<string, string | true | string[]>;

/**
 * Each option of a command: a value (`--db FILE`), a repeatable value (`--map A=B --map C=D`) or a switch
 * (`--dry-run`).
 */
export type OptionSpec = Record<string, 'string' | 'strings' | 'boolean'>;

/** Options every command takes: the program's data folder and the date the checks use. */
export const COMMON_OPTIONS: OptionSpec = { data: 'string', today: 'string' };

export class OptionsError extends Error {}

export function parseOptions(argv: string[], spec: OptionSpec, what: string): { positional: string[]; flags: Flags } {
  const all = { ...COMMON_OPTIONS, ...spec };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: Object.fromEntries(
        Object.entries(all).map(([name, type]) =>
          type === 'strings' ? [name, { type: 'string', multiple: true }] : [name, { type }],
        ),
      ),
    });
  } catch (error) {
    throw new OptionsError(explain(error, all, what));
  }
  const flags: Flags = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === true || typeof value === 'string') flags[name] = value;
    else if (Array.isArray(value)) flags[name] = value.filter((v): v is string => typeof v === 'string');
  }
  return { positional: parsed.positionals, flags };
}

function explain(error: unknown, spec: OptionSpec, what: string): string {
  const message = (error as Error).message;
  const code = (error as { code?: string }).code;
  const valid = Object.entries(spec)
    .map(([n, t]) => (t === 'boolean' ? `--${n}` : `--${n} …`))
    .join(', ');
  const option = /'(-{1,2}[^'\s]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = option.replace(/^-+/, '').split('=')[0]!;
    const near = nearest(name, Object.keys(spec));
    return (
      `Неизвестный параметр «${option}» ${what}.${near ? ` Возможно, имелось в виду --${near}.` : ''} ` +
      `Допустимые: ${valid}`
    );
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = option.replace(/^-+/, '').split('=')[0]!;
    return spec[name] === 'boolean'
      ? `Параметр --${name} ${what} не принимает значения`
      : `Параметру --${name} ${what} нужно значение: --${name} …`;
  }
  return `Неверные параметры ${what}: ${message}. Допустимые: ${valid}`;
}

/** The valid option closest to a misspelt one (at most two letters off). */
function nearest(name: string, options: string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const option of options) {
    const d = distance(name, option);
    if (d < bestDistance) [best, bestDistance] = [option, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

export function flagString(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}

/** Every value of a repeatable option, in order (none: an empty list). */
export function flagStrings(flags: Flags, name: string): string[] {
  const v = flags[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

export function flagNumber(flags: Flags, name: string): number | undefined {
  const v = flagString(flags, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new OptionsError(`--${name}: ожидается число, получено «${v}»`);
  return n;
}
