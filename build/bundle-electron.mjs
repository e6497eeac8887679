// Bundles the main process and the preload into CommonJS for Electron (esbuild).
// Native and heavy runtime packages stay external and ship in node_modules.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const external = [
  'electron',
  'better-sqlite3',
  'pg',
  'pg-native',
  'exceljs',
  'pdf-lib',
  '@pdf-lib/fontkit',
  'dejavu-fonts-ttf',
];
const common = {
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

await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist-electron/main.cjs', external });
// Worker threads (electron/workers/<name>.worker.ts: the archive's PDF pages, the full check and the
// online copy of a journal); platform/worker-script.ts finds `<name>-worker.cjs` beside main.cjs. Self-contained
// but for the native module: they run unpacked from the asar (electron-builder.yml), where only
// better-sqlite3 is on disk beside them.
const workers = fs
  .readdirSync('electron/workers')
  .filter((f) => f.endsWith('.worker.ts'))
  .map((f) => f.replace('.worker.ts', ''));
for (const name of workers) {
  await build({
    ...common,
    entryPoints: [`electron/workers/${name}.worker.ts`],
    outfile: `dist-electron/${name}-worker.cjs`,
    external: ['electron', 'better-sqlite3', 'pg', 'pg-native'],
  });
}
// The sandboxed preload may require only `electron`. It needs the contract's method names only, not
// its schemas: evaluate the contract once here and hand the preload a module with just the names.
const names = await contractMethodNames();
const namesOnly = {
  name: 'contract-names-only',
  setup(b) {
    b.onResolve({ filter: /\/api\/contract\.js$/ }, () => ({ path: 'contract-names', namespace: 'names' }));
    b.onLoad({ filter: /.*/, namespace: 'names' }, () => ({
      contents: `export const methodNames = ${JSON.stringify(names)};`,
      loader: 'js',
    }));
  },
};
await build({
  ...common,
  banner: {},
  define: {},
  entryPoints: ['electron/preload.ts'],
  outfile: 'dist-electron/preload.cjs',
  external: ['electron'],
  plugins: [namesOnly],
});

async function contractMethodNames() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-contract-'));
  const out = path.join(dir, 'contract.cjs');
  await build({ ...common, entryPoints: ['electron/api/contract.ts'], outfile: out, sourcemap: false });
  const list = createRequire(import.meta.url)(out).methodNames;
  fs.rmSync(dir, { recursive: true, force: true });
  return list;
}
console.log(
  `dist-electron/main.cjs, ${workers.map((w) => `dist-electron/${w}-worker.cjs`).join(', ')}, ` +
    `dist-electron/preload.cjs`,
);
