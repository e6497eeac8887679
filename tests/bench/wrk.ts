// The load of the online figures driven by wrk (Debian package `wrk`), a load generator written in C:
// the machine has two cores, and a Node client spent about as much CPU per page as the server it
// measured, so the figures said more about the client than about `serve`. Each of the 50 connections
// is kept alive and sends family pages with a family's own cookie (round robin over the families).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface WrkLoad {
  pages: number;
  errors: number;
  seconds: number;
  /** Milliseconds. */
  p50: number;
  p95: number;
  p99: number;
}

export interface WrkFamily {
  cookie: string;
  body: string;
}

export function wrkMissing(): string | null {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return null;
  } catch (error) {
    // wrk prints its usage and exits with 1 on --version: only a missing binary is a failure.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'wrk не установлен (apt-get install wrk)' : null;
  }
}

const lua = (families: WrkFamily[], method: string) => `
local families = {
${families.map((f) => `  { ${JSON.stringify(f.cookie)}, ${JSON.stringify(f.body)} },`).join('\n')}
}
local i = 0
request = function()
  i = i % #families + 1
  local f = families[i]
  return wrk.format("POST", "/api/${method}", { ["Content-Type"] = "application/json", ["Cookie"] = f[1] }, f[2])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.status + e.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99)))
end
`;

/** `connections` kept-alive connections on two threads for `seconds`, calling `method` in turn for each family. */
export async function wrkLoad(
  base: string,
  method: string,
  families: WrkFamily[],
  seconds: number,
  connections: number,
): Promise<WrkLoad> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-wrk-'));
  const script = path.join(dir, 'family.lua');
  fs.writeFileSync(script, lua(families, method));
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        'wrk',
        ['-t', '2', '-c', String(connections), '-d', `${seconds}s`, '--timeout', '10s', '-s', script, base],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let text = '';
      child.stdout.on('data', (d: Buffer) => {
        text += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        text += d.toString();
      });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk: код ${code}\n${text}`))));
    });
    const m = /RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(out);
    if (!m) throw new Error(`wrk: нет итога\n${out}`);
    const [pages, us, errors, p50, p95, p99] = m.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    return { pages, errors, seconds: us / 1e6, p50: p50 / 1000, p95: p95 / 1000, p99: p99 / 1000 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
