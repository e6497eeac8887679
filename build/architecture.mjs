// Draws the layers of the code from its imports: every .ts/.tsx file is put in a layer by its folder, every
// import between two layers becomes an arrow (with how many imports it stands for), and the picture goes
// into docs/ARCHITECTURE.md between the two «architecture-graph» markers as a Mermaid diagram.
// `node build/architecture.mjs` rewrites it; `--check` exits 1 when the picture is out of date.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const DOC = path.join(ROOT, 'docs', 'ARCHITECTURE.md');

/** Layer of a file, by the first rule that matches its path (top to bottom = top to bottom of the picture). */
const LAYERS = [
  ['renderer', 'renderer/ — экраны (React)', /^renderer\//],
  [
    'hosts',
    'хосты: main, preload, ipc, web, cli',
    /^electron\/(main|preload|ipc|security|lifecycle|scheduler|core|settings-\w+|cli)(\.ts|\/)|^electron\/web\//,
  ],
  ['workers', 'electron/workers/ — потоки', /^electron\/workers\//],
  [
    'dispatch',
    'api/dispatch, registry — вызов метода',
    /^electron\/api\/(dispatch|registry)\.ts$|^electron\/services\/(dispatch|registry)\.ts$/,
  ],
  ['services', 'electron/services/', /^electron\/services\//],
  ['export', 'electron/export/ — PDF, xlsx, архив', /^electron\/export\//],
  ['platform', 'electron/platform/', /^electron\/platform\//],
  ['contract', 'electron/api/ — контракт, ошибки', /^electron\/api\//],
  ['demo', 'db/demo/ — демо-данные', /^db\/demo\//],
  ['db', 'db/ — схема, миграции', /^db\//],
  ['domain', 'electron/domain/ — правила', /^electron\/domain\//],
];

function layerOf(file) {
  for (const [id, , re] of LAYERS) if (re.test(file)) return id;
  return null;
}

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) walk(rel, out);
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

const files = ['electron', 'db', 'renderer'].filter((d) => fs.existsSync(path.join(ROOT, d))).flatMap((d) => walk(d));
const edges = new Map();
for (const file of files) {
  const from = layerOf(file);
  if (!from) continue;
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^'";]*?from\s+['"](\.[^'"]+)['"]/gm)) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[2])).replace(/\.js$/, '');
    const to = layerOf(`${target}.ts`);
    if (!to || to === from) continue;
    const key = `${from}>${to}${m[1] ? ':type' : ''}`;
    edges.set(key, (edges.get(key) ?? 0) + 1);
  }
}

const lines = ['```mermaid', 'flowchart TD'];
for (const [id, label] of LAYERS)
  if ([...edges.keys()].some((k) => k.startsWith(`${id}>`) || k.includes(`>${id}`))) lines.push(`  ${id}["${label}"]`);
for (const [key, n] of [...edges.entries()].sort()) {
  const [pair, kind] = key.split(':');
  const [from, to] = pair.split('>');
  lines.push(kind === 'type' ? `  ${from} -. "${n} (типы)" .-> ${to}` : `  ${from} -- "${n}" --> ${to}`);
}
lines.push('```');
const graph = lines.join('\n');

const doc = fs.readFileSync(DOC, 'utf8');
const start = '<!-- architecture-graph:start -->';
const end = '<!-- architecture-graph:end -->';
const i = doc.indexOf(start);
const j = doc.indexOf(end);
if (i < 0 || j < 0) throw new Error(`${DOC}: нет меток ${start} … ${end}`);
const next = `${doc.slice(0, i + start.length)}\n${graph}\n${doc.slice(j)}`;
if (process.argv.includes('--check')) {
  if (next !== doc) {
    console.error('docs/ARCHITECTURE.md: схема слоёв устарела — выполните node build/architecture.mjs');
    process.exit(1);
  }
} else {
  fs.writeFileSync(DOC, next);
  console.log(`docs/ARCHITECTURE.md: ${edges.size} связей между слоями`);
}
