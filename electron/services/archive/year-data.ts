// Reads of a year's standalone database (or of the live one, scoped to the year) that the package's
// documents and the read-only archive viewer share: groups and journals, the students' general
// information (000 §3.2.2), one journal's page — roster × lessons with attendance and marks — and a
// journal as its certified copy shows it. The documents are written from what these return
// (export/archive/package-data.ts), with names already formatted.
import type { Kysely } from 'kysely';
import type { Database, LessonKind } from '../../../db/schema.js';
import type { ArchivedJournal, FinalMarks } from '../../export/archive/journal-pdf.js';
import type { GroupInfo, JournalInfo, StudentInfo, YearRow } from '../../export/archive/package-data.js';
import { loadJournalsPages } from '../reports/journal-copy.js';
import { enrolledOn, rosterBetween, subgroupMembers } from '../rosters.js';
import { fullName } from '../session.js';
import { withJournalNames } from '../journal-names.js';
import type { FinalMarkKind } from '../../domain/enums.js';
import { FINAL_KIND_TITLES } from '../../domain/labels.js';

type Db = Kysely<Database>;

export async function yearOf(db: Db, yearId?: number): Promise<YearRow> {
  let q = db.selectFrom('academic_years').select(['id', 'title', 'starts_on', 'ends_on', 'status']);
  if (yearId !== undefined) q = q.where('id', '=', yearId);
  const y = await q.orderBy('starts_on', 'desc').executeTakeFirst();
  if (!y) throw new Error('В базе нет учебного года');
  return { id: y.id, title: y.title, startsOn: y.starts_on, endsOn: y.ends_on, status: y.status };
}

/** The year's groups by name, each with its journals by subject. */
export async function groupsOfYear(db: Db, yearId: number): Promise<GroupInfo[]> {
  const groups = await db
    .selectFrom('groups as g')
    .leftJoin('departments as d', 'd.id', 'g.department_id')
    .leftJoin('users as c', 'c.id', 'g.curator_user_id')
    .select([
      'g.id',
      'g.name',
      'g.course',
      'g.speciality',
      'd.name as department',
      'c.last_name',
      'c.first_name',
      'c.middle_name',
    ])
    .where('g.year_id', '=', yearId)
    .orderBy('g.course')
    .orderBy('g.name')
    .execute();
  const journals = await db
    .selectFrom('journals as j')
    .$call(withJournalNames)
    .select([
      'j.id',
      'j.group_id',
      'g.name as group',
      's.name as subject',
      's.code',
      'sg.number as subgroup',
      't.last_name',
      't.first_name',
      't.middle_name',
    ])
    .where('j.year_id', '=', yearId)
    .orderBy('s.code')
    .orderBy('s.name')
    .orderBy('sg.number')
    .orderBy('j.id')
    .execute();
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    course: g.course,
    department: g.department,
    speciality: g.speciality,
    curator: g.last_name
      ? fullName({ last_name: g.last_name, first_name: g.first_name!, middle_name: g.middle_name })
      : null,
    journals: journals
      .filter((j) => j.group_id === g.id)
      .map((j) => ({
        id: j.id,
        groupId: j.group_id,
        groupName: j.group,
        subjectName: j.subject,
        subjectCode: j.code,
        subgroup: j.subgroup,
        teacher: fullName(j),
      })),
  }));
}

/** Everyone enrolled in a group of the year, by name, with their orders and guardians. */
export async function studentsOfYear(db: Db, yearId: number): Promise<StudentInfo[]> {
  const enrolments = await db
    .selectFrom('enrolments as e')
    .innerJoin('groups as g', 'g.id', 'e.group_id')
    .select([
      'e.student_id',
      'g.name',
      'e.from_date',
      'e.until_date',
      'e.reason',
      'e.order_no',
      'e.order_date',
      'e.end_reason',
      'e.end_order_no',
      'e.end_order_date',
    ])
    .where('g.year_id', '=', yearId)
    .orderBy('e.from_date')
    .execute();
  const byStudent = new Map<number, typeof enrolments>();
  for (const e of enrolments) byStudent.set(e.student_id, [...(byStudent.get(e.student_id) ?? []), e]);
  const ids = [...byStudent.keys()];
  const students: StudentInfo[] = [];
  for (let i = 0; i < ids.length; i += 2000) {
    const chunk = ids.slice(i, i + 2000);
    const rows = await db.selectFrom('students').selectAll().where('id', 'in', chunk).execute();
    const guardians = await db
      .selectFrom('guardians')
      .select(['student_id', 'full_name', 'relation', 'phone'])
      .where('student_id', 'in', chunk)
      .orderBy('id')
      .execute();
    for (const s of rows) {
      students.push({
        id: s.id,
        fullName: fullName(s),
        birthDate: s.birth_date,
        personalFileNo: s.personal_file_no,
        phone: s.phone,
        email: s.email,
        address: s.address,
        enrolments: (byStudent.get(s.id) ?? []).map((e) => ({
          group: e.name,
          fromDate: e.from_date,
          untilDate: e.until_date,
          reason: e.reason,
          orderNo: e.order_no,
          orderDate: e.order_date,
          endReason: e.end_reason,
          endOrderNo: e.end_order_no,
          endOrderDate: e.end_order_date,
        })),
        guardians: guardians
          .filter((g) => g.student_id === s.id)
          .map((g) => ({ fullName: g.full_name, relation: g.relation, phone: g.phone })),
      });
    }
  }
  return students.sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru'));
}

export interface PageLesson {
  id: number;
  date: string;
  lessonNo: number;
  hours: number;
  topic: string;
  kind: LessonKind;
  homework: string | null;
}

export interface PageStudent {
  id: number;
  fullName: string;
  /** Enrolled in the group on the lesson's date, per lesson (grey cells otherwise). */
  onRoster: boolean[];
  /** Per lesson: the attendance code and the marks of its columns, e.g. «5», «н», «4/5», «оп 4». */
  cells: string[];
  finals: Record<string, string>;
}

export interface JournalPage {
  journal: JournalInfo;
  year: YearRow;
  lessons: PageLesson[];
  students: PageStudent[];
  /** Titles of the final-mark columns in order, e.g. «1 семестр», «Год», «Экзамен». */
  finalColumns: string[];
  plannedHours: number;
}

/** A journal's final marks: the columns in use («1 семестр», «Экзамен», «Год»…) and each student's values. */
export async function finalMarks(db: Db, journalId: number, yearId: number): Promise<FinalMarks> {
  return (await finalMarksOf(db, [journalId], yearId)).get(journalId)!;
}

/** Final marks of several journals of the year, read together. */
export async function finalMarksOf(
  db: Db,
  journalIds: readonly number[],
  yearId: number,
): Promise<Map<number, FinalMarks>> {
  const periods = await db
    .selectFrom('periods')
    .select(['id', 'title'])
    .where('year_id', '=', yearId)
    .orderBy('seq')
    .execute();
  const rows =
    journalIds.length === 0
      ? []
      : await db
          .selectFrom('final_marks')
          .select(['journal_id', 'student_id', 'period_id', 'kind', 'value'])
          .where('journal_id', 'in', [...journalIds])
          .execute();
  const finalTitle = (f: { period_id: number | null; kind: string }) =>
    f.kind === 'period'
      ? (periods.find((p) => p.id === f.period_id)?.title ?? 'Период')
      : (FINAL_KIND_TITLES[f.kind as FinalMarkKind] ?? f.kind);
  const order = [
    ...periods.map((p) => p.title),
    FINAL_KIND_TITLES.exam,
    FINAL_KIND_TITLES.credit,
    FINAL_KIND_TITLES.year,
  ];
  const byJournal = new Map<number, typeof rows>(journalIds.map((id) => [id, []]));
  for (const f of rows) byJournal.get(f.journal_id)!.push(f);
  const result = new Map<number, FinalMarks>();
  for (const [journalId, finals] of byJournal) {
    const titles = finals.map(finalTitle);
    const finalColumns = order.filter((t) => titles.includes(t));
    const byStudent = new Map<number, Record<string, string>>();
    finals.forEach((f, i) => {
      const marks = byStudent.get(f.student_id);
      if (marks) marks[titles[i]!] = f.value;
      else byStudent.set(f.student_id, { [titles[i]!]: f.value });
    });
    result.set(journalId, { finalColumns, byStudent });
  }
  return result;
}

/** One journal as the paper journal shows it: roster × lessons, topics, final marks. */
export async function journalPage(db: Db, journalId: number, known?: JournalInfo): Promise<JournalPage> {
  const j = await db
    .selectFrom('journals')
    .select(['id', 'year_id', 'group_id', 'subgroup_id'])
    .where('id', '=', journalId)
    .executeTakeFirst();
  if (!j) throw new Error(`Журнал ${journalId} не найден в архиве`);
  const year = await yearOf(db, j.year_id);
  const info = known ?? (await groupsOfYear(db, j.year_id)).flatMap((g) => g.journals).find((x) => x.id === journalId)!;
  const lessons = (
    await db
      .selectFrom('lessons')
      .select(['id', 'date', 'lesson_no', 'hours', 'topic', 'kind', 'homework'])
      .where('journal_id', '=', journalId)
      .orderBy('date')
      .orderBy('lesson_no')
      .execute()
  ).map((l) => ({
    id: l.id,
    date: l.date,
    lessonNo: l.lesson_no,
    hours: l.hours,
    topic: l.topic,
    kind: l.kind,
    homework: l.homework,
  }));
  const members = await subgroupMembers(db, j.subgroup_id);
  const roster = (await rosterBetween(db, j.group_id, year.startsOn, year.endsOn)).filter(
    (r) => !members || members.has(r.studentId),
  );
  const byStudent = new Map<number, typeof roster>();
  for (const r of roster) byStudent.set(r.studentId, [...(byStudent.get(r.studentId) ?? []), r]);
  const codes = new Map<string, string>();
  const marksOf = new Map<string, string[]>();
  const attendance = await db
    .selectFrom('attendance as a')
    .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
    .select(['a.lesson_id', 'a.student_id', 'a.code'])
    .where('l.journal_id', '=', journalId)
    .execute();
  for (const a of attendance) codes.set(`${a.lesson_id}|${a.student_id}`, a.code);
  const marks = await db
    .selectFrom('marks as m')
    .innerJoin('work_columns as c', 'c.id', 'm.column_id')
    .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
    .select(['c.lesson_id', 'm.student_id', 'm.value'])
    .where('l.journal_id', '=', journalId)
    .orderBy('c.lesson_id')
    .orderBy('c.seq')
    .execute();
  for (const m of marks) {
    const key = `${m.lesson_id}|${m.student_id}`;
    marksOf.set(key, [...(marksOf.get(key) ?? []), m.value]);
  }
  // The attendance code, then the marks: «н», «5», «4/5», «оп 4» — as the printed pages show them.
  const cellText = (lessonId: number, studentId: number) => {
    const key = `${lessonId}|${studentId}`;
    return [codes.get(key), (marksOf.get(key) ?? []).join('/')].filter(Boolean).join(' ');
  };
  const { finalColumns, byStudent: finalsOf } = await finalMarks(db, journalId, j.year_id);
  const hours = await db
    .selectFrom('journal_period_hours')
    .select((eb) => eb.fn.sum<number>('hours').as('h'))
    .where('journal_id', '=', journalId)
    .executeTakeFirst();
  const students: PageStudent[] = [...byStudent.entries()].map(([id, entries]) => ({
    id,
    fullName: fullName({
      last_name: entries[0]!.lastName,
      first_name: entries[0]!.firstName,
      middle_name: entries[0]!.middleName,
    }),
    onRoster: lessons.map((l) => enrolledOn(entries, l.date)),
    cells: lessons.map((l) => cellText(l.id, id)),
    finals: finalsOf.get(id) ?? {},
  }));
  return { journal: info, year, lessons, students, finalColumns, plannedHours: Number(hours?.h ?? 0) };
}

/** A journal as its certified copy shows it: its pages for the whole year, then its final marks. */
export async function archivedJournal(db: Db, journalId: number): Promise<ArchivedJournal> {
  const journal = await db
    .selectFrom('journals')
    .select('year_id')
    .where('id', '=', journalId)
    .executeTakeFirstOrThrow();
  return (await archivedJournals(db, await yearOf(db, journal.year_id), [journalId])).get(journalId)!;
}

/** Journals of the year as their certified copies show them, read together (a group's, in the archive). */
export async function archivedJournals(
  db: Db,
  year: YearRow,
  journalIds: readonly number[],
): Promise<Map<number, ArchivedJournal>> {
  const pages = await loadJournalsPages(db, journalIds, year.startsOn, year.endsOn, `${year.title} учебный год`);
  const finals = await finalMarksOf(db, journalIds, year.id);
  return new Map(journalIds.map((id) => [id, { pages: pages.get(id)!, finals: finals.get(id)! }]));
}
