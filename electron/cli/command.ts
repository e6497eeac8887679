// A command of `npm run cli -- <command> …`. Returns the process exit code.
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(positional: string[], flags: Record<string, string | true>): Promise<number>;
}

export class CliError extends Error {}

export function requireFlag(flags: Record<string, string | true>, name: string, what: string): string {
  const v = flags[name];
  if (typeof v !== 'string' || !v) throw new CliError(`Укажите ${what}: --${name} …`);
  return v;
}
