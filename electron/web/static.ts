// Serves the built renderer. Paths are resolved inside the build folder only. Text files go out compressed
// (brotli, else gzip) to a browser that accepts it: the app's script is ~1.1 MB as built and ~0.3 MB
// compressed, which is what a parent on a phone waits for. Each file is compressed once per process, on its
// first request, and kept while its size and time are unchanged.
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Worth compressing: text. Images and fonts are compressed already. */
const TEXT = new Set(['.html', '.js', '.css', '.svg', '.json', '.map', '.webmanifest']);
/** Smaller files go as they are: the headers would outweigh the saving. */
const MIN_COMPRESS = 1024;

type Encoding = 'br' | 'gzip';
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

// Brotli at quality 5: the 1.1 MB script in 60 ms to 267 KB on first request; 9 takes 0.4 s for 260 KB, 11 five
// seconds for 240 KB — paid by whoever asks first after a start.
/** Compressed bodies by file and encoding, with the size and time of the file they were made from. */
const packed = new Map<string, { stamp: string; body: Promise<Buffer> }>();

function compressed(file: string, stat: fs.Stats, encoding: Encoding): Promise<Buffer> {
  const key = `${encoding}:${file}`;
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const kept = packed.get(key);
  if (kept?.stamp === stamp) return kept.body;
  const body = fs.promises.readFile(file).then((raw) =>
    encoding === 'br'
      ? brotli(raw, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
        })
      : gzip(raw, { level: 9 }),
  );
  packed.set(key, { stamp, body });
  body.catch(() => packed.delete(key));
  return body;
}

/** The encoding to send: brotli when the browser takes it, else gzip, else none (a q=0 refuses one). */
function chosenEncoding(accept: string | undefined): Encoding | null {
  const offered = new Map<string, number>();
  for (const part of (accept ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name) offered.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const takes = (e: string) => (offered.get(e) ?? offered.get('*') ?? 0) > 0;
  return takes('br') ? 'br' : takes('gzip') ? 'gzip' : null;
}

export function serveStatic(
  root: string,
  urlPath: string,
  req: Pick<IncomingMessage, 'headers'>,
  res: ServerResponse,
  headers: Record<string, string> = {},
): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    decoded = '/';
  }
  // Resolve within the build folder only: prevents directory traversal.
  let file = path.resolve(root, '.' + path.posix.normalize(decoded));
  if (!file.startsWith(path.resolve(root) + path.sep) && file !== path.resolve(root))
    file = path.join(root, 'index.html');
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Интерфейс не собран: выполните npm run build:renderer');
    return;
  }
  const ext = path.extname(file);
  const stat = fs.statSync(file);
  const hashed = path.dirname(path.relative(root, file)) === 'assets';
  const head: Record<string, string> = {
    ...headers,
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Built assets carry a hash of their content in their name: never fetched twice. The page itself, which
    // names them, is always fetched anew; the icons and the manifest are kept an hour.
    'Cache-Control':
      ext === '.html' ? 'no-store' : hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
  };
  const encoding = TEXT.has(ext) && stat.size >= MIN_COMPRESS ? chosenEncoding(req.headers['accept-encoding']) : null;
  if (TEXT.has(ext)) head['Vary'] = 'Accept-Encoding';
  if (!encoding) {
    res.writeHead(200, { ...head, 'Content-Length': String(stat.size) });
    fs.createReadStream(file).pipe(res);
    return;
  }
  compressed(file, stat, encoding).then(
    (body) => {
      res.writeHead(200, { ...head, 'Content-Encoding': encoding, 'Content-Length': String(body.length) });
      res.end(body);
    },
    () => {
      res.writeHead(200, { ...head, 'Content-Length': String(stat.size) });
      fs.createReadStream(file).pipe(res);
    },
  );
}
