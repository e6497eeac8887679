// The substitute writes the lesson (issue 14, part 2) on the demo college, on both databases: the deputy
// gives one lesson of another teacher's journal to the demo teacher; on that date the substitute opens the
// journal, records the lesson, its attendance, topic and marks — and nothing else of that journal; the lesson
// records who taught it, the journal page shows it, and so does the journal's own teacher's view.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ReportFiles, TimetableChangeInfo } from '../../electron/api/contract.js';
import type { Slot } from '../../electron/services/schedule.js';
import { describeEachDb } from '../support/databases.js';
import { refused, type TestClient } from '../support/harness.js';
import { count, type JournalWorld } from './journal-support.js';
import { changesWorld, type ChangesWorld } from './timetable-changes-support.js';

/** The weeks after the demo's today: no lesson is recorded in them yet. */
const WEEKS = { from: '2026-11-30', to: '2026-12-25' };

describeEachDb('a substitute writes the lesson', (kind) => {
  let w: JournalWorld;
  let cw: ChangesWorld;
  let substitute: TestClient;
  let change: TimetableChangeInfo;
  let slot: Slot;
  let free: Slot[];
  let journal: number;
  const journalId = () => journal;

  beforeAll(async () => {
    cw = await changesWorld(kind);
    w = cw.w;
    substitute = await w.as('teacher');
    // Lessons of another teacher's journal in the coming weeks when the demo teacher is free.
    const busy = new Set(
      (await cw.slots(WEEKS.from, WEEKS.to, { teacherId: w.fx.userIds.teacher })).map((s) => `${s.date}|${s.lessonNo}`),
    );
    const others = (await cw.slots(WEEKS.from, WEEKS.to)).filter(
      (s) => !s.change && cw.teachers.get(s.journalId) !== w.fx.userIds.teacher && !busy.has(`${s.date}|${s.lessonNo}`),
    );
    journal = others[0]!.journalId;
    free = others.filter((s) => s.journalId === journal);
    expect(free.length).toBeGreaterThan(1);
    slot = free[0]!;
    change = await cw.create({
      kind: 'substitute',
      journalId: journal,
      date: slot.date,
      lessonNo: slot.lessonNo,
      substituteUserId: w.fx.userIds.teacher,
      reason: 'болезнь преподавателя',
    });
    w.clock.set(new Date(`${slot.date}T12:00:00`));
  }, 120_000);
  afterAll(async () => w.close());

  it('opens the journal to write that lesson only, and lists it as a substitution', async () => {
    const page = await substitute.call('journal.open', { journalId: journalId() });
    expect(page.canWrite).toBe(true);
    expect(page.substituteSlots).toEqual([{ date: slot.date, lessonNo: slot.lessonNo }]);
    expect(page.pending).toContainEqual(expect.objectContaining({ date: slot.date, lessonNo: slot.lessonNo }));
    const list = await substitute.call('journal.list', {});
    expect(list.find((j) => j.id === journalId())).toMatchObject({ mine: false, substitute: true });
    // The journal's own teacher sees no substitution of theirs there.
    const own = await w.as(await loginOf(w, cw.teachers.get(journalId())!));
    expect((await own.call('journal.open', { journalId: journalId() })).substituteSlots).toBeNull();
  });

  it('records the lesson, its attendance and marks; the lesson says who taught it', async () => {
    const lesson = await substitute.call('lessons.create', {
      journalId: journalId(),
      date: slot.date,
      lessonNo: slot.lessonNo,
      topic: 'Тема на замене',
      homework: 'Повторить конспект',
    });
    const row = await w.handle.db
      .selectFrom('lessons')
      .select(['taught_by', 'created_by'])
      .where('id', '=', lesson.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ taught_by: w.fx.userIds.teacher, created_by: w.fx.userIds.teacher });
    expect(lesson.taughtBy).toMatch(/^\S+ \S\. \S\.$/);

    const page = await substitute.call('journal.open', { journalId: journalId() });
    const student = page.students.find((s) => s.intervals.some((i) => i.from <= slot.date))!;
    const column = page.lessons.find((l) => l.id === lesson.id)!.columns[0]!;
    const saved = await substitute.call('journal.saveCells', {
      journalId: journalId(),
      cells: [
        { kind: 'attendance', lessonId: lesson.id, studentId: student.id, code: 'н', version: null },
        {
          kind: 'mark',
          columnId: column.id,
          studentId: page.students.find((s) => s.id !== student.id)!.id,
          value: '5',
          version: null,
        },
      ],
    });
    expect(saved).toHaveLength(2);
    const updated = await substitute.call('lessons.update', {
      lessonId: lesson.id,
      version: lesson.version,
      date: slot.date,
      lessonNo: slot.lessonNo,
      hours: lesson.hours,
      kind: lesson.kind,
      planTopicId: null,
      topic: 'Тема на замене, уточнено',
      homework: 'Повторить конспект',
    });
    expect(updated.topic).toBe('Тема на замене, уточнено');

    // The deputy reading the journal sees the lesson held by the substitute.
    const deputyView = await cw.deputy.call('journal.open', { journalId: journalId() });
    expect(deputyView.lessons.find((l) => l.id === lesson.id)?.taughtBy).toBe(lesson.taughtBy);
  });

  it('refuses every other lesson of the journal, its finals and other journals, changing nothing', async () => {
    const page = await substitute.call('journal.open', { journalId: journalId() });
    const earlier = page.lessons.find((l) => l.date < slot.date)!;
    const before = { marks: await count(w.handle, 'marks'), lessons: await count(w.handle, 'lessons') };
    const student = page.students.find((s) => s.intervals.some((i) => i.from <= earlier.date))!;
    const att = await refused(
      substitute.call('journal.saveCells', {
        journalId: journalId(),
        cells: [{ kind: 'attendance', lessonId: earlier.id, studentId: student.id, code: 'н', version: null }],
      }),
      'forbidden',
    );
    expect(att.message).toMatch(/только замену/);
    await refused(
      substitute.call('lessons.update', {
        lessonId: earlier.id,
        version: earlier.version,
        date: earlier.date,
        lessonNo: earlier.lessonNo,
        hours: earlier.hours,
        kind: earlier.kind,
        planTopicId: earlier.planTopicId,
        topic: 'Чужая тема',
        homework: null,
      }),
      'forbidden',
    );
    await refused(substitute.call('lessons.delete', { lessonId: earlier.id, version: earlier.version }), 'forbidden');
    // Another lesson on the substitution's date: a free lesson number of the same day.
    const other = await refused(
      substitute.call('lessons.create', {
        journalId: journalId(),
        date: slot.date,
        lessonNo: slot.lessonNo === 1 ? 2 : 1,
        topic: 'Лишнее',
      }),
      'forbidden',
    );
    expect(other.message).toMatch(/записывает/);
    const finals = await refused(
      substitute.call('finals.set', {
        journalId: journalId(),
        cells: [{ studentId: student.id, periodId: w.fx.currentPeriodId, kind: 'period', value: '5', version: null }],
      }),
      'forbidden',
    );
    expect(finals.message).toMatch(/Итоговые отметки/);
    expect({ marks: await count(w.handle, 'marks'), lessons: await count(w.handle, 'lessons') }).toEqual(before);

    // A journal of the same teacher without a substitution stays closed to the demo teacher.
    const sibling = await w.handle.db
      .selectFrom('journals')
      .select('id')
      .where('teacher_user_id', '=', cw.teachers.get(journalId())!)
      .where('id', '!=', journalId())
      .where('year_id', '=', w.fx.currentYearId)
      .executeTakeFirst();
    if (sibling) await refused(substitute.call('journal.open', { journalId: sibling.id }), 'forbidden');
  });

  it('credits the lesson to the substitute even when the journal’s own teacher records it', async () => {
    // A second substitution, recorded by the journal's teacher (the substitute had no computer that day).
    const second = free.find((s) => s.date > slot.date) ?? free[1]!;
    await cw.create({
      kind: 'substitute',
      journalId: journal,
      date: second.date,
      lessonNo: second.lessonNo,
      substituteUserId: w.fx.userIds.teacher,
      reason: 'курсы',
    });
    w.clock.set(new Date(`${second.date}T15:00:00`));
    const own = await w.as(await loginOf(w, cw.teachers.get(journalId())!));
    const lesson = await own.call('lessons.create', {
      journalId: journalId(),
      date: second.date,
      lessonNo: second.lessonNo,
      topic: 'Записано преподавателем журнала',
    });
    const row = await w.handle.db
      .selectFrom('lessons')
      .select('taught_by')
      .where('id', '=', lesson.id)
      .executeTakeFirstOrThrow();
    expect(row.taught_by).toBe(w.fx.userIds.teacher);
    expect(change.substituteName).toBeTruthy();
  });

  it('the hours sheet credits each lesson to whoever held it, also after the journal changes hands', async () => {
    const month = slot.date.slice(0, 7);
    const owner = cw.teachers.get(journal)!;
    const hoursOf = async (as: TestClient, input: { teacherId?: number } = {}) => {
      const sheet = await as.call('reports.hoursSheet', { month, ...input });
      const day = sheet.columns.findIndex((c) => c.key === slot.date);
      return (id: number) => sheet.rows.find((r) => r.teacherId === id)?.hours[day] ?? 0;
    };
    const heldThatDay = async (teacherId: number) => {
      const rows = await w.handle.db
        .selectFrom('lessons as l')
        .innerJoin('journals as j', 'j.id', 'l.journal_id')
        .select((eb) => eb.fn.sum<number>('l.hours').as('h'))
        .where('l.date', '=', slot.date)
        .where((eb) =>
          eb.or([
            eb('l.taught_by', '=', teacherId),
            eb.and([eb('l.taught_by', 'is', null), eb('j.teacher_user_id', '=', teacherId)]),
          ]),
        )
        .executeTakeFirst();
      return Number(rows?.h ?? 0);
    };
    const substituteHours = await heldThatDay(w.fx.userIds.teacher);
    const substituted = await w.handle.db
      .selectFrom('lessons')
      .select('hours')
      .where('journal_id', '=', journal)
      .where('date', '=', slot.date)
      .where('lesson_no', '=', slot.lessonNo)
      .executeTakeFirstOrThrow();
    expect(substituteHours).toBeGreaterThanOrEqual(substituted.hours);
    const byDeputy = await hoursOf(cw.deputy);
    expect(byDeputy(w.fx.userIds.teacher)).toBe(substituteHours);
    expect(byDeputy(owner)).toBe(await heldThatDay(owner));
    // The substitute's own sheet counts the lesson held in a journal that is not theirs.
    expect((await hoursOf(substitute))(w.fx.userIds.teacher)).toBe(substituteHours);
    // A teacher filter: the substitute's line only, with the same hours.
    const filtered = await cw.deputy.call('reports.hoursSheet', { month, teacherId: w.fx.userIds.teacher });
    expect(filtered.rows.map((r) => r.teacherId)).toEqual([w.fx.userIds.teacher]);

    // The journal handed to another teacher: the lessons held before stay with whoever held them.
    const before = await hoursOf(cw.deputy);
    const ownerTotal = (await cw.deputy.call('reports.hoursSheet', { month })).rows.find((r) => r.teacherId === owner)!;
    const admin = cw.admin;
    const j = await w.handle.db
      .selectFrom('journals')
      .select('version')
      .where('id', '=', journal)
      .executeTakeFirstOrThrow();
    const heir = await w.handle.db
      .selectFrom('users as u')
      .innerJoin('user_roles as r', 'r.user_id', 'u.id')
      .select('u.id')
      .where('r.role', '=', 'teacher')
      .where('u.id', 'not in', [owner, w.fx.userIds.teacher])
      .orderBy('u.id')
      .executeTakeFirstOrThrow();
    await admin.call('users.assignJournal', { journalId: journal, version: j.version, teacherId: heir.id });
    const after = await cw.deputy.call('reports.hoursSheet', { month });
    expect(after.rows.find((r) => r.teacherId === owner)?.total).toBe(ownerTotal.total);
    expect((await hoursOf(cw.deputy))(w.fx.userIds.teacher)).toBe(before(w.fx.userIds.teacher));
  });

  it('the month’s substitutions for payroll: who replaced whom, hours once held, the reason, totals', async () => {
    const month = slot.date.slice(0, 7);
    // One more, on a later date not yet held: listed, no hours.
    const later = free.filter((s) => s.date.slice(0, 7) === month).at(-1)!;
    const changes = await cw.deputy.call('timetableChanges.list', {
      yearId: cw.year.id,
      from: later.date,
      to: later.date,
    });
    if (!changes.some((c) => c.kind === 'substitute' && c.lessonNo === later.lessonNo && c.journalId === journal)) {
      await cw.create({
        kind: 'substitute',
        journalId: journal,
        date: later.date,
        lessonNo: later.lessonNo,
        substituteUserId: w.fx.userIds.teacher,
        reason: 'командировка',
      });
    }
    const report = await cw.deputy.call('reports.substitutions', { month });
    const mine = report.rows.filter((r) => r.substituteId === w.fx.userIds.teacher);
    const first = mine.find((r) => r.date === slot.date && r.lessonNo === slot.lessonNo)!;
    const lesson = await w.handle.db
      .selectFrom('lessons')
      .select('hours')
      .where('journal_id', '=', journal)
      .where('date', '=', slot.date)
      .where('lesson_no', '=', slot.lessonNo)
      .executeTakeFirstOrThrow();
    expect(first).toMatchObject({ held: true, hours: lesson.hours, reason: 'болезнь преподавателя' });
    expect(first.substituteName).toBe(change.substituteName);
    const notYet = mine.filter((r) => !r.held);
    for (const r of notYet) expect(r.hours).toBe(0);
    const held = mine.filter((r) => r.held);
    expect(report.bySubstitute.find((t) => t.substituteId === w.fx.userIds.teacher)).toMatchObject({
      lessons: held.length,
      hours: held.reduce((s, r) => s + r.hours, 0),
    });

    const job = await cw.deputy.call('reports.start', { report: 'substitutions', month, format: 'xlsx' });
    const done = await cw.deputy.deps.jobs.wait(job.id);
    expect(done.state, done.error ?? '').toBe('done');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((done.result as ReportFiles).files[0]!.base64, 'base64') as unknown as ArrayBuffer);
    const lines: unknown[][] = [];
    wb.getWorksheet('Замены')!.eachRow((row) => lines.push((row.values as unknown[]).slice(1)));
    expect(lines.filter((l) => l[5] === change.substituteName && l[8] === 'болезнь преподавателя')).toHaveLength(1);
  });

  it('programme completion counts the substituted lessons as held in the journal', async () => {
    const report = await cw.deputy.call('reports.completion', { journalId: journal, periodId: null });
    const row = report.rows.find((r) => r.journalId === journal)!;
    const held = await w.handle.db
      .selectFrom('lessons')
      .select((eb) => eb.fn.sum<number>('hours').as('h'))
      .where('journal_id', '=', journal)
      .where('date', '<=', w.clock.today())
      .executeTakeFirstOrThrow();
    const bySubstitute = await w.handle.db
      .selectFrom('lessons')
      .select('id')
      .where('journal_id', '=', journal)
      .where('taught_by', '=', w.fx.userIds.teacher)
      .execute();
    expect(bySubstitute.length).toBeGreaterThan(0);
    expect(row.conductedHours).toBe(Number(held.h));
  });

  it('the certified copy of the journal names the substitute beside the topic', async () => {
    const job = await cw.deputy.call('reports.start', {
      report: 'journalCopy',
      recipient: 'по запросу',
      journalId: journal,
      periodId: w.fx.currentPeriodId,
      signer: 'director',
    });
    const done = await cw.deputy.deps.jobs.wait(job.id);
    expect(done.state, done.error ?? '').toBe('done');
    const [pdf] = (done.result as ReportFiles).files;
    const file = path.join(os.tmpdir(), `substitute-copy-${kind}-${process.pid}.pdf`);
    fs.writeFileSync(file, Buffer.from(pdf!.base64, 'base64'));
    try {
      const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain(`Тема на замене, уточнено (замена: ${change.substituteName}`);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});

/** The login of a user (the other journal's teacher is not among the demo logins). */
async function loginOf(w: JournalWorld, userId: number): Promise<string> {
  const u = await w.handle.db.selectFrom('users').select('login').where('id', '=', userId).executeTakeFirstOrThrow();
  return u.login;
}
