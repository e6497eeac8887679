// The family page online (DESIGN §8, §9): 50 families, each with its own kept-alive connection,
// asking for their child's page over and over for a bounded time — (a) on SQLite through one `serve`
// over plain HTTP, (b) on PostgreSQL through nginx with TLS in front of two `serve` processes — with
// pages per second, p50/p95/p99, errors, and the ratio to the same calls made in-process. Loopback only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JournalDb } from '../../../db/connect.js';
import { hashPassword } from '../../../db/passwords.js';
import { makeDeps, TestClient } from '../../support/harness.js';
import {
  cookieOf,
  destroyAgents,
  makeCertificate,
  nginxMissing,
  request,
  startNginx,
  startServe,
  type ServeProcess,
} from '../../support/serve-cluster.js';
import { BENCH_TODAY } from '../college.js';
import type { BenchResult } from '../harness.js';
import { wrkLoad, wrkMissing, type WrkLoad } from '../wrk.js';

const FAMILIES = 50;
const PASSWORD = 'Semya2026bench';
const SECONDS = Number(process.env.BENCH_ONLINE_SECONDS ?? 20);
/** The lighter load measured after the full one. */
const LIGHT = 10;

export interface Family {
  login: string;
  studentId: number;
}

/** Fifty parent accounts of students enrolled today, made once per database (their password is known). */
export async function benchFamilies(handle: JournalDb): Promise<Family[]> {
  const db = handle.db;
  const existing = await db
    .selectFrom('users as u')
    .innerJoin('guardians as g', 'g.user_id', 'u.id')
    .select(['u.login', 'g.student_id'])
    .where('u.login', 'like', 'bench.parent.%')
    .orderBy('u.login')
    .execute();
  if (existing.length >= FAMILIES)
    return existing.slice(0, FAMILIES).map((r) => ({ login: r.login, studentId: r.student_id }));
  const guardians = await db
    .selectFrom('guardians as g')
    .innerJoin('enrolments as e', 'e.student_id', 'g.student_id')
    .select(['g.id', 'g.student_id'])
    .where('g.user_id', 'is', null)
    .where('e.from_date', '<=', BENCH_TODAY)
    .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', BENCH_TODAY)]))
    .orderBy('g.student_id')
    .execute();
  const picked = new Map<number, number>();
  const step = Math.max(1, Math.floor(guardians.length / FAMILIES));
  for (let i = 0; i < guardians.length && picked.size < FAMILIES; i += step) {
    if (!picked.has(guardians[i]!.student_id)) picked.set(guardians[i]!.student_id, guardians[i]!.id);
  }
  const hash = await hashPassword(PASSWORD);
  const at = new Date().toISOString();
  const families: Family[] = [];
  let n = 0;
  for (const [studentId, guardianId] of picked) {
    const login = `bench.parent.${String(++n).padStart(2, '0')}`;
    const user = await db
      .insertInto('users')
      .values({
        login,
        login_key: login,
        password_hash: hash,
        last_name: 'Родитель',
        first_name: `№${n}`,
        active: 1,
        must_change_password: 0,
        failed_attempts: 0,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('user_roles').values({ user_id: user.id, role: 'parent' }).execute();
    await db.updateTable('guardians').set({ user_id: user.id }).where('id', '=', guardianId).execute();
    families.push({ login, studentId });
  }
  return families;
}

interface Load {
  pages: number;
  errors: number;
  seconds: number;
  times: number[];
}
type Figures = WrkLoad;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function figuresOf(load: Load): Figures {
  const t = [...load.times].sort((a, b) => a - b);
  return {
    pages: load.pages,
    errors: load.errors,
    seconds: load.seconds,
    p50: quantile(t, 0.5),
    p95: quantile(t, 0.95),
    p99: quantile(t, 0.99),
  };
}

function rows(
  name: string,
  load: Figures,
  ref: Figures | null,
  targets: { p95?: number; rate?: number },
  client: string,
): BenchResult[] {
  const rate = load.pages / load.seconds;
  const refRate = ref ? ref.pages / ref.seconds : null;
  const note = `${load.pages} pages in ${load.seconds.toFixed(1)} s, ${load.errors} errors; ${client}`;
  const ms = (label: 'p50' | 'p95' | 'p99', target?: number): BenchResult => ({
    name: `${name} ${label}`,
    value: load[label],
    unit: 'ms',
    target: target ?? null,
    floor_ratio: ref ? load[label] / ref[label] : null,
    note: label === 'p50' ? note : '',
  });
  return [
    {
      name: `${name} pages/s`,
      value: rate,
      unit: 'pages/s',
      target: targets.rate ?? null,
      floor_ratio: refRate ? rate / refRate : null,
      note: refRate ? `in-process ${refRate.toFixed(0)} pages/s` : '',
    },
    ms('p50'),
    ms('p95', targets.p95),
    ms('p99'),
    { name: `${name} errors`, value: load.errors, unit: 'errors', target: 0, floor_ratio: null, note: '' },
  ];
}

/** Every family asks for its page, one after another on its own connection, until the time is up. */
async function drive(families: Array<Family & { page: () => Promise<boolean> }>, seconds: number): Promise<Load> {
  const end = performance.now() + seconds * 1000;
  const times: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    families.map(async (f) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const ok = await f.page().catch(() => false);
        times.push(performance.now() - t0);
        if (!ok) errors++;
      }
    }),
  );
  return { pages: times.length, errors, seconds: (performance.now() - started) / 1000, times };
}

/** Log every family in (from addresses of their own), then load the server: with wrk when installed, else from Node. */
async function overHttp(
  base: string,
  families: Family[],
  seconds: number,
  light?: number,
): Promise<{ load: Figures; client: string; lightLoad?: Figures }> {
  const loggedIn = await Promise.all(
    families.map(async (f, i) => {
      const from = `127.0.${10 + (i >> 8)}.${(i & 255) + 1}`;
      const login = await request(`${base}api/auth.login`, { body: { login: f.login, password: PASSWORD }, from });
      if (login.status !== 200) throw new Error(`вход ${f.login}: ${login.status} ${login.text}`);
      const cookie = cookieOf(login)!;
      return {
        ...f,
        cookie,
        page: async () =>
          (await request(`${base}api/family.page`, { body: { studentId: f.studentId }, cookie, from })).status === 200,
      };
    }),
  );
  if (!wrkMissing()) {
    const wrkFamilies = loggedIn.map((f) => ({ cookie: f.cookie, body: JSON.stringify({ studentId: f.studentId }) }));
    // warm up: JIT, caches, connections
    await wrkLoad(base, 'family.page', wrkFamilies, Math.min(2, seconds), FAMILIES);
    const load = await wrkLoad(base, 'family.page', wrkFamilies, seconds, FAMILIES);
    // The same pages with fewer families at once: the wait a family sees when the server is not saturated.
    const lightLoad = light
      ? await wrkLoad(base, 'family.page', wrkFamilies.slice(0, light), Math.min(10, seconds), light)
      : undefined;
    return { load, client: 'wrk', lightLoad };
  }
  await drive(loggedIn, Math.min(2, seconds));
  return { load: figuresOf(await drive(loggedIn, seconds)), client: 'Node client (wrk not installed)' };
}

async function inProcess(handle: JournalDb, families: Family[], seconds: number): Promise<Figures> {
  const deps = makeDeps(handle, { today: BENCH_TODAY });
  const clients = await Promise.all(
    families.map(async (f) => {
      const c = await new TestClient(deps).login(f.login, PASSWORD);
      return { ...f, page: async () => (await c.raw('family.page', { studentId: f.studentId })).ok };
    }),
  );
  await drive(clients, Math.min(2, seconds));
  return figuresOf(await drive(clients, seconds));
}

/** (a): SQLite through one `serve` over plain HTTP. */
export async function onlineSqlite(file: string, handle: JournalDb): Promise<BenchResult[]> {
  const families = await benchFamilies(handle);
  const local = await inProcess(handle, families, Math.min(SECONDS, 8));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-bench-online-'));
  const server = await startServe({
    db: `sqlite:${file}`,
    port: 0,
    dataDir: dir,
    args: ['--quiet', '--today', BENCH_TODAY],
  });
  try {
    const { load, client } = await overHttp(server.url, families, SECONDS);
    return rows(`family.page, ${FAMILIES} families, http+1 server (sqlite)`, load, local, {}, client);
  } finally {
    destroyAgents();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** (b): PostgreSQL through nginx with TLS in front of two `serve` processes. */
export async function onlinePostgres(url: string, handle: JournalDb): Promise<BenchResult[]> {
  const missing = nginxMissing();
  if (missing) {
    console.log(`Нагрузка через nginx: пропущено — ${missing}`);
    return [];
  }
  const families = await benchFamilies(handle);
  const local = await inProcess(handle, families, Math.min(SECONDS, 8));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-bench-online-'));
  const base = 23_000 + Math.floor(Math.random() * 20_000);
  const servers: ServeProcess[] = [];
  try {
    for (const port of [base, base + 1]) {
      servers.push(
        await startServe({
          db: url,
          port,
          dataDir: dir,
          args: ['--quiet', '--trust-proxy', '127.0.0.1', '--today', BENCH_TODAY],
        }),
      );
    }
    const { cert, key } = makeCertificate(dir);
    const nginx = await startNginx({ dir, port: base + 2, upstreams: [base, base + 1], cert, key });
    try {
      const { load, client, lightLoad } = await overHttp(nginx.url, families, SECONDS, LIGHT);
      return [
        ...rows(`family.page, ${FAMILIES} families, https+2 servers (pg)`, load, local, { p95: 50, rate: 500 }, client),
        ...(lightLoad ? rows(`family.page, ${LIGHT} families, https+2 servers (pg)`, lightLoad, null, {}, client) : []),
      ];
    } finally {
      destroyAgents();
      await nginx.stop();
    }
  } finally {
    for (const s of servers) await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
