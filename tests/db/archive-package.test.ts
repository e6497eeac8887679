// The year-end archive package (DESIGN.md §7) made from the demo college's closed year, on SQLite
// and on PostgreSQL: its standalone database holds that year and nothing else, its documents read
// back, it verifies — and any flipped byte, missing file or extra file is named.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type JournalDb } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import type { Database } from '../../db/schema.js';
import {
  databaseFileName,
  MANIFEST_FILE,
  parseManifest,
  PUBLIC_KEY_FILE,
  README_FILE,
  SIGNATURE_FILE,
  SUMS_FILE,
  verifyArchive,
} from '../../electron/export/archive/index.js';
import { EXCLUDED, USERS_PLAN, YEAR_PLAN } from '../../electron/services/archive/year-plan.js';
import { createRenderPool } from '../../electron/services/archive/render-pool.js';
import { runRenderTask } from '../../electron/services/archive/render-tasks.js';
import { archivedJournal, archivedJournals, groupsOfYear, yearOf } from '../../electron/services/archive/year-data.js';
import { writeArchivePackage, type PackageResult } from '../../electron/services/archive/writer.js';
import { changedSince } from '../../electron/services/archive/year-unchanged.js';
import { wordsOf } from '../../electron/domain/vocabulary.js';
import { readSheet } from '../../electron/export/xlsx.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { loadFixtures, SMALL_DEMO } from '../support/fixtures.js';

const tools = {
  pdftotext: spawnSync('pdftotext', ['-v']).error === undefined,
  openssl: spawnSync('openssl', ['version']).error === undefined,
  sha256sum: spawnSync('sha256sum', ['--version']).error === undefined,
  sqlite3: spawnSync('sqlite3', ['-version']).error === undefined,
};

/** A copy of the package to spoil, so each spoiling starts from an intact archive. */
function spoilable(pkg: string, scratch: string): string {
  const dir = fs.mkdtempSync(path.join(scratch, 'spoil-'));
  const copy = path.join(dir, path.basename(pkg));
  fs.cpSync(pkg, copy, { recursive: true });
  return copy;
}

function flipByte(file: string, at?: number): void {
  const bytes = fs.readFileSync(file);
  const i = at ?? Math.floor(bytes.length / 2);
  bytes[i] = bytes[i]! ^ 0x01;
  fs.writeFileSync(file, bytes);
}

describeEachDb('year-end archive package', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let yearId: number;
  let scratch: string;
  let result: PackageResult;
  const formedAt = new Date(2026, 10, 25, 14, 5);

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await generateDemo(handle.db, SMALL_DEMO);
    yearId = (await loadFixtures(handle.db)).previousYearId;
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-archive-'));
    fs.mkdirSync(path.join(scratch, 'out'));
    result = await writePackage(path.join(scratch, 'out'), kind === 'sqlite' ? 1 : 0);
  });
  /** The year's package into `target` by this test's secretary, with `workers` render threads. */
  const writePackage = (target: string, workers: number) =>
    writeArchivePackage({
      source: handle,
      yearId,
      target,
      keysDir: path.join(scratch, 'keys'),
      createdBy: { login: 'secretary', fullName: 'Секретарь Учебной Части' },
      madeBy: { position: 'Секретарь учебной части', name: 'Смирнова О. В.' },
      certifier: { position: 'Директор', name: 'Тучин В. М.' },
      appVersion: '0.1.0',
      formedAt,
      workers,
    });
  afterAll(async () => {
    await handle?.close();
    await fresh?.drop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('is written under its final name with nothing left half-done beside it', async () => {
    const entries = fs.readdirSync(path.join(scratch, 'out'));
    expect(entries).toEqual(['Журнал_2025-2026_ГБПОУ_ЮЭТ']);
    expect(result.path).toBe(path.join(scratch, 'out', entries[0]!));
    const files = fs.readdirSync(result.path).sort();
    expect(files).toEqual(
      [
        SUMS_FILE,
        'groups',
        databaseFileName('2025/2026'),
        MANIFEST_FILE,
        SIGNATURE_FILE,
        PUBLIC_KEY_FILE,
        'students.pdf',
        'students.xlsx',
        README_FILE,
        'лист-заверения.pdf',
      ].sort(),
    );
    // The private key stays in the keys folder and nowhere in the package.
    const keys = fs.readdirSync(path.join(scratch, 'keys'));
    expect(keys.some((k) => k.includes('key.pem'))).toBe(true);
    for (const rel of fs.readdirSync(result.path, { recursive: true, encoding: 'utf8' })) {
      const full = path.join(result.path, rel);
      if (fs.statSync(full).isFile()) expect(fs.readFileSync(full).includes('PRIVATE KEY'), rel).toBe(false);
    }
  });

  it('verifies: every hash and the signature', async () => {
    const v = await verifyArchive(result.path);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.filesChecked).toBe(result.manifest.files.length);
    expect(v.fingerprint).toBe(result.manifest.publicKey.fingerprint);
  });

  it('lists every file with its size and SHA-256, the counts, year, who, when, app and schema', async () => {
    const m = parseManifest(fs.readFileSync(path.join(result.path, MANIFEST_FILE), 'utf8'));
    expect(m.year).toEqual({ title: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-08-31' });
    expect(m.createdBy).toEqual({ login: 'secretary', fullName: 'Секретарь Учебной Части' });
    expect(m.createdAt).toBe(formedAt.toISOString());
    expect(m.app).toMatchObject({ name: 'Журнал', version: '0.1.0' });
    expect(m.app.schema).toMatch(/^\d{4}_/);
    const journals = await handle.db.selectFrom('journals').select('id').where('year_id', '=', yearId).execute();
    expect(m.counts.journals).toBe(journals.length);
    const pdfs = m.files.filter((f) => /^groups\/[^/]+\/[^/]+\.pdf$/.test(f.path));
    expect(pdfs).toHaveLength(journals.length);
    expect(m.files.filter((f) => f.path.endsWith('.xlsx') && f.path.startsWith('groups/'))).toHaveLength(
      m.counts.groups,
    );
    for (const f of m.files) {
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(fs.statSync(path.join(result.path, f.path)).size).toBe(f.size);
    }
    expect(m.files.map((f) => f.path)).not.toContain(MANIFEST_FILE);
  });

  it("holds that year's data only, as a journal database that opens read-only", async () => {
    const archived = await openDatabase(`sqlite:${path.join(result.path, databaseFileName('2025/2026'))}`, {
      readonly: true,
      migrate: false,
    });
    try {
      const years = await archived.db.selectFrom('academic_years').select(['id', 'title']).execute();
      expect(years).toEqual([{ id: yearId, title: '2025/2026' }]);
      const count = async (db: JournalDb, table: keyof Database, where?: (q: any) => any) => {
        let q: any = db.db.selectFrom(table).select((eb: any) => eb.fn.countAll().as('n'));
        if (where) q = where(q);
        return Number((await q.executeTakeFirstOrThrow()).n);
      };
      const inYear = (q: any) =>
        q.where('journal_id', 'in', handle.db.selectFrom('journals').select('id').where('year_id', '=', yearId));
      expect(await count(archived, 'journals')).toBe(
        await count(handle, 'journals', (q) => q.where('year_id', '=', yearId)),
      );
      expect(await count(archived, 'lessons')).toBe(await count(handle, 'lessons', inYear));
      expect(await count(archived, 'final_marks')).toBe(await count(handle, 'final_marks', inYear));
      const marks = await handle.db
        .selectFrom('marks as m')
        .innerJoin('work_columns as c', 'c.id', 'm.column_id')
        .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
        .innerJoin('journals as j', 'j.id', 'l.journal_id')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('j.year_id', '=', yearId)
        .executeTakeFirstOrThrow();
      expect(await count(archived, 'marks')).toBe(Number(marks.n));
      expect(await count(archived, 'groups')).toBe(
        await count(handle, 'groups', (q) => q.where('year_id', '=', yearId)),
      );
      // No one can log in with an archive: the password hashes are gone.
      const hashes = await archived.db.selectFrom('users').select('password_hash').distinct().execute();
      expect(hashes).toEqual([{ password_hash: '-' }]);
      expect(await count(archived, 'user_roles')).toBe(0);
      const meta = Object.fromEntries(
        (await archived.db.selectFrom('app_meta').selectAll().execute()).map((r) => [r.key, r.value]),
      );
      expect(meta).toMatchObject({
        app: 'zhurnal',
        archive_year: '2025/2026',
        archive_key_fingerprint: result.manifest.publicKey.fingerprint,
      });
    } finally {
      await archived.close();
    }
  });

  it('accounts for every table of the schema: copied, or left out for a stated reason', async () => {
    const tables = (await handle.db.introspection.getTables())
      .map((t) => t.name)
      .filter((t) => !t.startsWith('kysely_'));
    const covered = new Set<string>([...YEAR_PLAN.map((p) => p.table), USERS_PLAN.table, ...Object.keys(EXCLUDED)]);
    expect(tables.filter((t) => !covered.has(t))).toEqual([]);
  });

  if (kind === 'sqlite')
    it.runIf(tools.sqlite3)('opens in the sqlite3 command line', () => {
      const out = execFileSync(
        'sqlite3',
        [
          '-readonly',
          path.join(result.path, databaseFileName('2025/2026')),
          'select title from academic_years; pragma integrity_check;',
        ],
        { encoding: 'utf8' },
      );
      expect(out.trim().split('\n')).toEqual(['2025/2026', 'ok']);
    });

  it.runIf(tools.pdftotext)('students.pdf, a journal copy and the certification sheet read back', async () => {
    const text = (rel: string) =>
      execFileSync('pdftotext', ['-layout', path.join(result.path, rel), '-'], { encoding: 'utf8' });
    const students = await handle.db
      .selectFrom('enrolments as e')
      .innerJoin('groups as g', 'g.id', 'e.group_id')
      .innerJoin('students as s', 's.id', 'e.student_id')
      .select(['s.last_name', 's.first_name', 's.personal_file_no'])
      .where('g.year_id', '=', yearId)
      .orderBy('s.id')
      .execute();
    const studentsText = text('students.pdf');
    expect(studentsText).toContain('Общие сведения об обучающихся');
    for (const s of students.slice(0, 10)) expect(studentsText).toContain(`${s.last_name} ${s.first_name}`);
    const journalPdf = result.manifest.files.find((f) => f.path.endsWith('.pdf') && f.path.startsWith('groups/'))!;
    const journalText = text(journalPdf.path);
    expect(journalText).toContain('Копия страниц электронного журнала учебных занятий');
    expect(journalText).toContain('Итоговые отметки');
    expect(journalText).toContain('Копия верна');
    expect(journalText).toContain('Тучин В. М.');
    const sheet = text('лист-заверения.pdf');
    expect(sheet).toContain('Лист заверения');
    expect(sheet.replace(/\s+/g, '')).toContain(result.manifest.publicKey.fingerprint);
    expect(sheet).toContain('Опись файлов архива');
  });

  it('students.xlsx and a group workbook read back with exceljs', async () => {
    const students = await readSheet(path.join(result.path, 'students.xlsx'));
    const enrolments = await handle.db
      .selectFrom('enrolments as e')
      .innerJoin('groups as g', 'g.id', 'e.group_id')
      .select('e.id')
      .where('g.year_id', '=', yearId)
      .execute();
    expect(students.name).toBe('Обучающиеся');
    expect(students.rows).toHaveLength(enrolments.length);
    expect(students.headers).toContain('№ личного дела');
    const book = result.manifest.files.find((f) => f.path.endsWith('.xlsx') && f.path.startsWith('groups/'))!;
    const first = await readSheet(path.join(result.path, book.path));
    expect(first.headers.slice(0, 2)).toEqual(['№', 'Фамилия, имя, отчество']);
    expect(first.rows.length).toBeGreaterThan(0);
  });

  if (kind === 'sqlite')
    it.runIf(tools.openssl && tools.sha256sum)('verifies without the app by the exact commands of ПРОВЕРКА.txt', () => {
      const readme = fs.readFileSync(path.join(result.path, README_FILE), 'utf8');
      expect(readme.charCodeAt(0)).toBe(0xfeff);
      const commands = [
        `openssl pkeyutl -verify -pubin -inkey ${PUBLIC_KEY_FILE} -rawin -in ${MANIFEST_FILE} -sigfile ` +
          `${SIGNATURE_FILE}`,
        `sha256sum -c --quiet ${SUMS_FILE} && echo "Все файлы целы"`,
        `openssl pkey -pubin -in ${PUBLIC_KEY_FILE} -outform DER | sha256sum`,
        'find . -type f | wc -l',
      ];
      for (const c of commands) expect(readme).toContain(c);
      const run = (c: string) => execFileSync('bash', ['-c', c], { cwd: result.path, encoding: 'utf8' });
      expect(run(commands[0]!)).toContain('Signature Verified Successfully');
      expect(run(commands[1]!).trim()).toBe('Все файлы целы');
      expect(run(commands[2]!)).toContain(result.manifest.publicKey.fingerprint);
      const total = Number(run(commands[3]!).trim());
      expect(readme).toContain(`Должно быть ${total}.`);
      // A spoiled file fails the same commands.
      const copy = spoilable(result.path, scratch);
      flipByte(path.join(copy, 'students.pdf'));
      const check = spawnSync('bash', ['-c', commands[1]!], { cwd: copy, encoding: 'utf8' });
      expect(check.status).not.toBe(0);
      expect(check.stdout + check.stderr).toContain('students.pdf');
    });

  it('names a file with one byte flipped — any file, the manifest and the signature included', async () => {
    const listed = result.manifest.files.map((f) => f.path);
    const samples = [
      databaseFileName('2025/2026'),
      'students.xlsx',
      listed.find((p) => p.endsWith('.pdf') && p.startsWith('groups/'))!,
      README_FILE,
      SUMS_FILE,
      'лист-заверения.pdf',
    ];
    for (const rel of samples) {
      const copy = spoilable(result.path, scratch);
      flipByte(path.join(copy, rel));
      const v = await verifyArchive(copy);
      expect(v.ok, rel).toBe(false);
      expect(v.problems[0]).toMatchObject({ kind: 'changed', path: rel });
      expect(v.problems[0]!.message).toContain(rel);
    }
    for (const rel of [MANIFEST_FILE, SIGNATURE_FILE]) {
      const copy = spoilable(result.path, scratch);
      flipByte(path.join(copy, rel), rel === MANIFEST_FILE ? 40 : 10);
      const v = await verifyArchive(copy);
      expect(v.ok, rel).toBe(false);
      expect(v.problems[0]).toMatchObject({ kind: 'signature', path: MANIFEST_FILE });
    }
  });

  it('names a missing file and an extra one', async () => {
    const pdf = result.manifest.files.find((f) => f.path.endsWith('.pdf') && f.path.startsWith('groups/'))!.path;
    let copy = spoilable(result.path, scratch);
    fs.rmSync(path.join(copy, pdf));
    let v = await verifyArchive(copy);
    expect(v.problems).toEqual([expect.objectContaining({ kind: 'missing', path: pdf })]);
    copy = spoilable(result.path, scratch);
    fs.writeFileSync(path.join(copy, 'groups', 'лишний.txt'), 'не из архива');
    v = await verifyArchive(copy);
    expect(v.problems).toEqual([expect.objectContaining({ kind: 'extra', path: 'groups/лишний.txt' })]);
  });

  if (kind === 'sqlite')
    it('renders on this thread when a worker cannot start, so the archive still completes', async () => {
      const file = path.join(result.path, databaseFileName('2025/2026'));
      const raw = new SQLite(file, { readonly: true });
      const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
      try {
        const year = await yearOf(db);
        const group = (await groupsOfYear(db, year.id)).find((g) => g.journals.length > 0)!;
        const pool = createRenderPool(1);
        // The worker is pointed at a database that is not there: it fails when it opens it.
        pool.open(path.join(scratch, 'нет-такой-базы.sqlite'), db);
        const context = {
          institution: 'ГБПОУ ЮЭТ',
          kind: 'college' as const,
          formedAt,
          certification: { position: 'Директор', name: 'Тучин В. М.' },
        };
        // Three at once: the worker holds two of them (the one it makes and the next) when it fails.
        const all = await Promise.all([0, 1, 2].map(() => pool.run({ kind: 'group', year, group, context })));
        for (const made of all) {
          expect(made.pdfs).toHaveLength(group.journals.length);
          for (const pdf of made.pdfs) expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
          expect(Buffer.from(made.xlsx).subarray(0, 2).toString()).toBe('PK');
        }
        await pool.close();
      } finally {
        await db.destroy();
      }
    });

  if (kind === 'sqlite')
    it("makes the same documents from the journal's own file (workers) as from the year's database", async () => {
      // With workers, an SQLite journal's documents are read from its own file while the year's database is
      // built; on this thread, from the year's database. Byte for byte the same files either way.
      const inline = await writePackage(fs.mkdtempSync(path.join(scratch, 'inline-')), 0);
      const documents = (r: PackageResult) =>
        r.manifest.files.filter((f) => f.path.startsWith('groups/') || f.path.startsWith('students.'));
      expect(documents(result).length).toBeGreaterThan(10);
      expect(documents(inline)).toEqual(documents(result));
    });

  if (kind === 'sqlite')
    it("notices a student's or a teacher's details edited since the year's database was copied", async () => {
      const yearFile = path.join(result.path, databaseFileName('2025/2026'));
      const words = wordsOf('college');
      expect(changedSince(yearFile, handle.file!, words)).toEqual([]);
      // A student of the archived year (the year's database holds only those).
      const archived = new SQLite(yearFile, { readonly: true });
      const studentId = archived.prepare('SELECT min(student_id) FROM enrolments').pluck().get() as number;
      archived.close();
      const student = await handle.db
        .selectFrom('students')
        .select(['id', 'last_name'])
        .where('id', '=', studentId)
        .executeTakeFirstOrThrow();
      const teacher = await handle.db
        .selectFrom('journals')
        .innerJoin('users', 'users.id', 'journals.teacher_user_id')
        .select(['users.id', 'users.last_name'])
        .where('journals.year_id', '=', yearId)
        .executeTakeFirstOrThrow();
      try {
        await handle.db.updateTable('students').set({ last_name: 'Изменённая' }).where('id', '=', student.id).execute();
        expect(changedSince(yearFile, handle.file!, words)).toEqual(['обучающиеся']);
        await handle.db.updateTable('users').set({ last_name: 'Другая' }).where('id', '=', teacher.id).execute();
        expect(changedSince(yearFile, handle.file!, words)).toEqual(['обучающиеся', 'пользователи']);
      } finally {
        await handle.db
          .updateTable('students')
          .set({ last_name: student.last_name })
          .where('id', '=', student.id)
          .execute();
        await handle.db
          .updateTable('users')
          .set({ last_name: teacher.last_name })
          .where('id', '=', teacher.id)
          .execute();
      }
      expect(changedSince(yearFile, handle.file!, words)).toEqual([]);
    });

  if (kind === 'sqlite')
    it("reads a group's journals together exactly as each one alone", async () => {
      const raw = new SQLite(path.join(result.path, databaseFileName('2025/2026')), { readonly: true });
      const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
      try {
        const year = await yearOf(db);
        let compared = 0;
        for (const group of await groupsOfYear(db, year.id)) {
          const together = await archivedJournals(
            db,
            year,
            group.journals.map((j) => j.id),
          );
          for (const j of group.journals) {
            expect(together.get(j.id), `${group.name} ${j.subjectName}`).toEqual(await archivedJournal(db, j.id));
            compared++;
          }
        }
        expect(compared).toBeGreaterThan(10);
      } finally {
        await db.destroy();
      }
    });

  if (kind === 'sqlite')
    it('refuses a year database with a reference to a row it does not hold', async () => {
      const file = path.join(scratch, 'broken.sqlite');
      fs.copyFileSync(path.join(result.path, databaseFileName('2025/2026')), file);
      const raw = new SQLite(file);
      raw.pragma('foreign_keys = OFF');
      raw.prepare('DELETE FROM students WHERE id = (SELECT min(student_id) FROM marks)').run();
      const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
      try {
        await expect(runRenderTask(db, { kind: 'keys', file })).rejects.toThrow(
          /^Архив года неполон: в таблице \S+ есть ссылки на отсутствующие записи students/,
        );
      } finally {
        await db.destroy();
      }
    });

  it('notices a package re-signed with another key when the institution key is expected', async () => {
    const v = await verifyArchive(result.path, { expectedFingerprint: '0'.repeat(64) });
    expect(v.ok).toBe(false);
    expect(v.keyMatches).toBe(false);
    expect(v.problems[0]!.kind).toBe('key');
  });
});
