// Where a worker thread's code is: `<name>-worker.cjs` beside the bundled main process (unpacked from
// the asar so that Node can start it from disk), or — in development and tests — a bootstrap that
// registers tsx in the worker (workers do not inherit the loader) and imports the source,
// `electron/workers/<name>.worker.ts`. The worker files stay there: like main.ts, they are roots.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface WorkerScript {
  code: string;
  eval: boolean;
}

/** The script of the worker `name`, or null when none can be started here (then the work runs inline). */
export function workerScript(name: string): WorkerScript | null {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.cjs')) {
    const bundled = path.join(path.dirname(here), `${name}-worker.cjs`);
    const unpacked = bundled.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    for (const file of [unpacked, bundled]) if (fs.existsSync(file)) return { code: file, eval: false };
    return null;
  }
  const source = new URL(`../workers/${name}.worker.ts`, import.meta.url);
  let tsx: string;
  try {
    const root = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
    tsx = pathToFileURL(path.join(root, 'dist', 'esm', 'api', 'index.mjs')).href;
  } catch {
    return null;
  }
  return {
    code:
      `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return ` +
      `import(${JSON.stringify(source.href)}); });`,
    eval: true,
  };
}
