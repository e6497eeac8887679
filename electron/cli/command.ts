// A command of `npm run cli -- <command> …`. Returns the process exit code.
import type { Flags, OptionSpec } from '../args.js';

export interface CliCommand {
  name: string;
  /** Every option the command takes (besides --data and --today); anything else is refused. */
  options: OptionSpec;
  usage: string;
  summary: string;
  run(positional: string[], flags: Flags): Promise<number>;
}

export class CliError extends Error {}

export function requireFlag(flags: Flags, name: string, what: string): string {
  const v = flags[name];
  if (typeof v !== 'string' || !v) throw new CliError(`Укажите ${what}: --${name} …`);
  return v;
}
