// Benchmark of the journal's hot paths on the generated college (DESIGN.md §8):
//   open one journal page < 10 ms in the service layer, save a mark < 5 ms.
// Usage: npx tsx tests/bench/journal.ts [--db FILE] [--students 2000] [--groups 80]
// Without --db a college is generated into a temporary file first (~40 s).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import type { AuthedContext } from '../../electron/services/context.js';
import { loadSession } from '../../electron/services/session.js';
import { open as openPage } from '../../electron/services/journal/page.js';
import { saveCells } from '../../electron/services/journal/cells.js';
import { makeDeps, TestClient } from '../support/harness.js';

const TODAY = '2026-11-25';
const args = process.argv.slice(2);
const flag = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p95: at(0.95), max: s.at(-1)! };
}
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function time<T>(runs: number, fn: (i: number) => Promise<T>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

async function main() {
  let file = flag('db');
  if (!file) {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-bench-')), 'bench.sqlite');
    const h = await openDatabase(file);
    console.log('Генерация колледжа…');
    await generateDemo(h.db, { seed: 1, students: Number(flag('students') ?? 2000), groups: Number(flag('groups') ?? 80), today: TODAY });
    await h.close();
  } else {
    // Work on a copy: the benchmark writes marks.
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-bench-')), 'bench.sqlite');
    fs.copyFileSync(file, copy);
    for (const ext of ['-wal', '-shm']) if (fs.existsSync(file + ext)) fs.copyFileSync(file + ext, copy + ext);
    file = copy;
  }
  const handle = await openDatabase(file);
  const deps = makeDeps(handle, { today: TODAY });
  const db = handle.db;
  const students = await db.selectFrom('students').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const marks = await db.selectFrom('marks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  console.log(`База: ${file} — обучающихся ${students.n}, отметок ${marks.n}`);

  const teacher = await db.selectFrom('users').select('id').where('login', '=', 'teacher').executeTakeFirstOrThrow();
  // The demo teacher's journal with the most marks this semester, and the biggest journal of the college.
  const journal = await db.selectFrom('journals as j').innerJoin('lessons as l', 'l.journal_id', 'j.id')
    .select(['j.id', (eb) => eb.fn.countAll<number>().as('n')]).where('j.teacher_user_id', '=', teacher.id)
    .where('l.date', '>=', '2026-09-01').groupBy('j.id').orderBy('n', 'desc').executeTakeFirstOrThrow();
  const session = (await loadSession(db, teacher.id, false))!;
  const ctx: AuthedContext = { ...deps, session, host: new TestClient(deps).host };

  const first = await openPage(ctx, { journalId: journal.id });
  console.log(`Журнал ${journal.id}: ${first.students.length} обучающихся × ${first.lessons.length} занятий, отметок ${first.marks.length}, посещаемость ${first.attendance.length}`);
  await time(30, () => openPage(ctx, { journalId: journal.id }));
  const open = stats(await time(300, () => openPage(ctx, { journalId: journal.id })));
  console.log(`journal.open (сервис, семестр):        медиана ${ms(open.median)}, p95 ${ms(open.p95)}, макс ${ms(open.max)}  (цель < 10 ms)`);
  const year = stats(await time(100, () => openPage(ctx, { journalId: journal.id, from: '2026-09-01', to: '2027-08-31' })));
  console.log(`journal.open (сервис, весь год):       медиана ${ms(year.median)}, p95 ${ms(year.p95)}`);

  const client = await new TestClient(deps).login('teacher');
  const viaDispatch = stats(await time(100, () => client.call('journal.open', { journalId: journal.id })));
  console.log(`journal.open (через dispatch, с сессией и проверкой входа): медиана ${ms(viaDispatch.median)}, p95 ${ms(viaDispatch.p95)}`);

  // Save a mark: the same cell, alternating values, each save naming the version it saw.
  const lesson = first.lessons.at(-1)!;
  const column = lesson.columns[0]!;
  const absent = new Set(first.attendance.filter((a) => a.lessonId === lesson.id && ['н', 'у', 'б'].includes(a.code)).map((a) => a.studentId));
  const student = first.students.find((s) => !absent.has(s.id) && s.intervals.some((i) => i.from <= lesson.date && (i.until === null || lesson.date < i.until)))!;
  let version: number | null = first.marks.find((m) => m.columnId === column.id && m.studentId === student.id)?.version ?? null;
  const save = stats(await time(300, async (i) => {
    const [saved] = await saveCells(ctx, { journalId: journal.id, cells: [{ kind: 'mark', columnId: column.id, studentId: student.id, value: i % 2 ? '4' : '5', version }] });
    version = saved!.kind === 'mark' ? saved!.cell?.version ?? null : null;
  }));
  console.log(`marks.set (сервис, транзакция + аудит, synchronous=FULL): медиана ${ms(save.median)}, p95 ${ms(save.p95)}  (цель < 5 ms)`);

  const roster = first.students.filter((s) => !absent.has(s.id) && s.intervals.some((i) => i.from <= lesson.date && (i.until === null || lesson.date < i.until)));
  const fresh = await openPage(ctx, { journalId: journal.id });
  const versions = new Map(fresh.marks.filter((m) => m.columnId === column.id).map((m) => [m.studentId, m.version]));
  const paste = stats(await time(30, async (i) => {
    const saved = await saveCells(ctx, { journalId: journal.id, cells: roster.map((s) => ({ kind: 'mark' as const, columnId: column.id, studentId: s.id, value: i % 2 ? '3' : '4', version: versions.get(s.id) ?? null })) });
    for (const c of saved) if (c.kind === 'mark' && c.cell) versions.set(c.studentId, c.cell.version);
  }));
  console.log(`journal.saveCells (вставка столбца из ${roster.length} отметок): медиана ${ms(paste.median)}, p95 ${ms(paste.p95)}`);
  await handle.close();
}

main().catch((error) => { console.error(error); process.exit(1); });
