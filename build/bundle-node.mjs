// The Node entry points bundled into CommonJS beside the main process (esbuild): the worker threads
// (`<name>-worker.cjs`, found by electron/platform/worker-script.ts), the command line (`cli.cjs`) and the
// browser host (`demo.cjs`). Tests start the last two as child processes: a bundle starts in 0.3 s where
// `node --import tsx` spends ~4 s compiling the same sources, for every process. Each file is written under
// a temporary name and renamed, so a test run that bundles while another starts a process never reads half a file.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/** What every bundle leaves to node_modules: native modules, and packages too big to gain from bundling. */
export const external = [
  'electron',
  'better-sqlite3',
  'pg',
  'pg-native',
  'exceljs',
  'pdf-lib',
  '@pdf-lib/fontkit',
  'dejavu-fonts-ttf',
];

export const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  // import.meta.url has no meaning in CommonJS: give it the bundle's own file URL.
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__import_meta_url' },
};

/** Bundles `entry` into `outfile` through a temporary file; returns the file's path. */
export async function bundleAtomically(options, outfile) {
  const result = await build({ ...options, outfile, write: false });
  for (const file of result.outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    fs.writeFileSync(tmp, file.contents);
    fs.renameSync(tmp, file.path);
  }
  return outfile;
}

/**
 * The workers, the command line and the browser host into `outdir` (dist-electron by default). Workers are
 * self-contained but for the native module: they run unpacked from the asar (electron-builder.yml), where
 * only better-sqlite3 is on disk beside them.
 */
export async function bundleNode(root, outdir = path.join(root, 'dist-electron')) {
  const workers = fs
    .readdirSync(path.join(root, 'electron', 'workers'))
    .filter((f) => f.endsWith('.worker.ts'))
    .map((f) => f.replace('.worker.ts', ''));
  const jobs = workers.map((name) =>
    bundleAtomically(
      {
        ...common,
        absWorkingDir: root,
        entryPoints: [`electron/workers/${name}.worker.ts`],
        external: ['electron', 'better-sqlite3', 'pg', 'pg-native'],
      },
      path.join(outdir, `${name}-worker.cjs`),
    ),
  );
  for (const [entry, name] of [
    ['electron/cli.ts', 'cli'],
    ['electron/web/demo.ts', 'demo'],
  ])
    jobs.push(
      bundleAtomically(
        { ...common, absWorkingDir: root, entryPoints: [entry], external },
        path.join(outdir, `${name}.cjs`),
      ),
    );
  return (await Promise.all(jobs)).map((f) => path.relative(root, f));
}

// `node build/bundle-node.mjs [--tests]`: what the tests' global set-ups run before any test
// starts a process, so the bundles are never older than the sources.
// `--tests` also bundles the drills' child processes (tests/drills/scripts → dist-electron/tests, not packaged) and
// the archive benchmark's (dist-electron/archive-bench.cjs: beside the workers, so it starts them as the app does).
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(import.meta.dirname, '..');
  const files = await bundleNode(root);
  if (process.argv.includes('--tests')) {
    const scripts = path.join(root, 'tests', 'drills', 'scripts');
    for (const f of fs.readdirSync(scripts).filter((f) => f.endsWith('.ts'))) {
      const out = path.join(root, 'dist-electron', 'tests', f.replace(/\.ts$/, '.cjs'));
      const entry = { ...common, absWorkingDir: root, entryPoints: [path.join(scripts, f)], external };
      files.push(path.relative(root, await bundleAtomically(entry, out)));
    }
    const bench = { ...common, absWorkingDir: root, entryPoints: ['tests/bench/archive-child.ts'], external };
    files.push(
      path.relative(root, await bundleAtomically(bench, path.join(root, 'dist-electron', 'archive-bench.cjs'))),
    );
  }
  console.log(`Собрано: ${files.join(', ')}`);
}
