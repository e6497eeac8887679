// The command line and the browser host as the tests start them: the CommonJS bundles in dist-electron
// (build/bundle-node.mjs), which each run's global set-up bundles afresh (bundleForTests), so they are never older
// than the sources. A bundle starts in 0.3 s; `node --import tsx` compiles the same sources in ~4 s per process.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `node` arguments that run the command line with `args`. */
export function cliArgs(...args: string[]): string[] {
  return [path.join(ROOT, 'dist-electron', 'cli.cjs'), ...args];
}

/** `node` arguments that run the browser host (`npm run demo`) with `args`. */
export function demoArgs(...args: string[]): string[] {
  return [path.join(ROOT, 'dist-electron', 'demo.cjs'), ...args];
}

/** `node` arguments that run a drill's child process (tests/drills/scripts/`name`.ts) with `args`. */
export function drillScriptArgs(name: string, ...args: string[]): string[] {
  return [path.join(ROOT, 'dist-electron', 'tests', `${name}.cjs`), ...args];
}

/** Bundles the command line, the browser host and the workers; for the global set-ups. */
export function bundleForTests(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'build', 'bundle-node.mjs'), '--tests'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
}
