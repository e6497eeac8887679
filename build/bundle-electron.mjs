// Bundles the main process and the preload into CommonJS for Electron (esbuild), and the Node entry points
// beside them (bundle-node.mjs). Native and heavy runtime packages stay external and ship in node_modules.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { bundleNode, common, external } from './bundle-node.mjs';

await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist-electron/main.cjs', external });
// The worker threads, the command line and the browser host (build/bundle-node.mjs).
const nodeFiles = await bundleNode(process.cwd());
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
console.log(`dist-electron/main.cjs, ${nodeFiles.join(', ')}, dist-electron/preload.cjs`);
