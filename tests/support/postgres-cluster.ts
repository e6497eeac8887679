// A throwaway PostgreSQL cluster on 127.0.0.1 for the test run, when the server binaries exist.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Cluster {
  url: string;
  stop(): void;
}

function findBin(): string | null {
  if (process.env.PG_BIN && fs.existsSync(path.join(process.env.PG_BIN, 'pg_ctl'))) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

/** Why PostgreSQL tests cannot run here, or null when they can. */
export function postgresUnavailableReason(): string | null {
  if (process.env.ZHURNAL_PG_URL) return null;
  if (!findBin())
    return (
      'PostgreSQL server binaries not found (apt-get install postgresql); PostgreSQL half of the database ' +
      'tests skipped'
    );
  return null;
}

/** Ports tried for a cluster: below Linux's ephemeral range (32768–60999), where any connection may hold one. */
const FIRST_PORT = 20000;
const PORTS = 12000;

/**
 * A cluster on a random free port: a port taken by some other program makes the start fail with «Address already in
 * use», and another port is tried (five in all). `durable`: keep the server's default fsync and synchronous commit
 * (the benchmark measures saves as a real server makes them); the tests' cluster turns them off for speed.
 */
export function startCluster(options: { durable?: boolean } = {}): Cluster {
  for (let attempt = 1; ; attempt++) {
    try {
      return startClusterOn(FIRST_PORT + Math.floor(Math.random() * PORTS), options);
    } catch (error) {
      if (attempt === 5 || !(error instanceof PortTaken)) throw error;
    }
  }
}

class PortTaken extends Error {}

function startClusterOn(port: number, options: { durable?: boolean }): Cluster {
  const bin = findBin();
  if (!bin) throw new Error(postgresUnavailableReason()!);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const full = asRoot ? ['-u', 'postgres', '--', path.join(bin, cmd), ...args] : args;
    const res = spawnSync(asRoot ? 'runuser' : path.join(bin, cmd), full, { encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`${cmd} failed: ${res.stderr || res.stdout}`);
  };
  if (asRoot) execFileSync('chown', ['postgres:', dir]);
  try {
    run('initdb', ['-D', dir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    run('pg_ctl', [
      '-D',
      dir,
      '-l',
      path.join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300` +
        (options.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off'),
      '-w',
      'start',
    ]);
  } catch (error) {
    const log = fs.existsSync(path.join(dir, 'log')) ? fs.readFileSync(path.join(dir, 'log'), 'utf8') : '';
    fs.rmSync(dir, { recursive: true, force: true });
    if (/Address already in use/.test(log)) throw new PortTaken(`port ${port} is taken`);
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', dir, '-m', 'fast', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
