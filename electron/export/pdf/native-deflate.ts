// pdf-lib compresses what it writes itself — the embedded font subsets, their ToUnicode maps and the
// object streams — with pako, zlib ported to JavaScript and several times slower than Node's own
// (a tenth of an archive's page work). pdf-lib's pako is given Node's deflate instead: the same zlib
// format at the same default level. Only pako.deflate() changes, which pdf-lib alone calls (jszip,
// the other user of pako here, streams through pako's classes).
import { createRequire } from 'node:module';
import zlib from 'node:zlib';

type Deflate = (data: Uint8Array, options?: Record<string, unknown>) => Uint8Array;

/** Gives pdf-lib's pako Node's deflate; called once pdf-lib is loaded (lazy-modules.ts). */
export function useNativeDeflate(): void {
  const here = createRequire(import.meta.url);
  // The pako pdf-lib itself requires (pdf-lib stays outside the bundles, in node_modules).
  const pako = createRequire(here.resolve('pdf-lib'))('pako') as { deflate: Deflate; nativeDeflate?: true };
  if (pako.nativeDeflate) return;
  const original = pako.deflate;
  pako.deflate = (data, options) =>
    options === undefined || Object.keys(options).every((k) => k === 'level')
      ? zlib.deflateSync(data, { level: typeof options?.level === 'number' ? options.level : 6 })
      : original(data, options);
  pako.nativeDeflate = true;
}
