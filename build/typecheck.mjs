// `npm run typecheck`: the three TypeScript projects (Node side and tests, the renderer, the browser tests), checked
// by TypeScript 7, the native compiler: a third of the time TypeScript 5.9 takes here, on both cores. TypeScript 5.9
// stays installed for typescript-eslint, whose parser needs the JavaScript API that TypeScript 7 no longer has.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript7/package.json')), 'bin', 'tsc');
for (const project of ['tsconfig.json', 'tsconfig.web.json', 'tsconfig.e2e.json']) {
  const run = spawnSync(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
