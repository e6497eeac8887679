// Attendance per student, group and week (000 §3.2.1 «посещаемость обучающихся занятий»): hours
// missed, for a valid reason and not, against the hours the lessons offered each student.
import type {
  AttendanceReport,
  AttendanceWeek,
  GroupAttendance,
  Parsed,
  StudentAttendance,
} from '../../api/contract.js';
import { weekStart } from '../../domain/calendar.js';
import type { AuthedContext, Db } from '../context.js';
import {
  absencesByDay,
  absencesByJournal,
  absencesByStudent,
  addTotals,
  emptyTotals,
  lessonDays,
  type AbsenceTotals,
} from './attendance-data.js';
import { publicRange } from './completion.js';
import { loadRosters, type Rosters } from './rosters.js';
import { ratio, resolveRange, scopeJournals, type JournalMeta, type Range } from './scope.js';

/** Below this many journals a query names them; above it, the year is read and filtered in memory. */
const NAMED_LIMIT = 400;

export async function attendance(ctx: AuthedContext, input: Parsed<'reports.attendance'>): Promise<AttendanceReport> {
  const range = await resolveRange(ctx.db, ctx.clock.today(), input.yearId, input.periodId);
  const journals = await scopeJournals(ctx, 'attendance', range, input);
  return attendanceReport(ctx.db, range, journals);
}

export async function attendanceReport(db: Db, range: Range, journals: JournalMeta[]): Promise<AttendanceReport> {
  const ids = journals.length <= NAMED_LIMIT ? journals.map((j) => j.journalId) : undefined;
  const byId = new Map(journals.map((j) => [j.journalId, j]));
  const rosters = await loadRosters(db, range.yearId, range.from, range.to);
  const days = (await lessonDays(db, range)).filter((d) => byId.has(d.journalId));
  const missedByStudent = await absencesByStudent(db, range, ids);
  const missedByDay = await absencesByDay(db, range, ids);

  interface Acc {
    group: JournalMeta;
    students: Map<number, StudentAttendance>;
    possible: number;
    totals: AbsenceTotals;
  }
  const groups = new Map<number, Acc>();
  const weeks = new Map<string, AttendanceWeek>();
  const groupOf = (j: JournalMeta) => {
    let acc = groups.get(j.groupId);
    if (!acc) {
      acc = { group: j, students: new Map(), possible: 0, totals: emptyTotals() };
      for (const s of rosters.students(j.groupId, null))
        acc.students.set(s.studentId, blankStudent(s.studentId, s.name));
      groups.set(j.groupId, acc);
    }
    return acc;
  };
  const weekOf = (date: string) => {
    const key = weekStart(date);
    let w = weeks.get(key);
    if (!w) {
      w = { weekStart: key, possibleHours: 0, missedHours: 0, validHours: 0, invalidHours: 0, presence: null };
      weeks.set(key, w);
    }
    return w;
  };

  for (const d of days) {
    const j = byId.get(d.journalId)!;
    const acc = groupOf(j);
    const on = rosters.on(j.groupId, j.subgroupId, d.date);
    for (const studentId of on) {
      const s = acc.students.get(studentId);
      if (s) s.possibleHours += d.hours;
    }
    acc.possible += on.length * d.hours;
    const w = weekOf(d.date);
    w.possibleHours += on.length * d.hours;
    const missed = missedByDay.get(`${d.journalId}|${d.date}`);
    if (missed) {
      w.missedHours += missed.missed;
      w.validHours += missed.valid;
      w.invalidHours += missed.invalid;
    }
  }
  for (const [key, t] of missedByStudent) {
    const [journalId, studentId] = key.split('|').map(Number) as [number, number];
    const j = byId.get(journalId);
    if (!j) continue;
    const acc = groupOf(j);
    const s = acc.students.get(studentId);
    if (s) {
      s.missedHours += t.missed;
      s.validHours += t.valid;
      s.invalidHours += t.invalid;
      s.lateCount += t.late;
    }
    addTotals(acc.totals, t);
  }

  const result: AttendanceReport['groups'] = [...groups.values()]
    .map((acc) => {
      const studentRows = [...acc.students.values()]
        .filter((s) => s.possibleHours > 0 || s.missedHours > 0)
        .map((s) => ({ ...s, presence: presence(s.missedHours, s.possibleHours) }));
      return { ...groupRow(acc.group, studentRows.length, acc.possible, acc.totals), studentRows };
    })
    .sort((a, b) => a.groupName.localeCompare(b.groupName, 'ru'));

  const totals = {
    students: 0,
    possibleHours: 0,
    missedHours: 0,
    validHours: 0,
    invalidHours: 0,
    lateCount: 0,
    presence: null as number | null,
  };
  for (const g of result) {
    totals.students += g.students;
    totals.possibleHours += g.possibleHours;
    totals.missedHours += g.missedHours;
    totals.validHours += g.validHours;
    totals.invalidHours += g.invalidHours;
    totals.lateCount += g.lateCount;
  }
  totals.presence = presence(totals.missedHours, totals.possibleHours);
  const weekRows = [...weeks.values()]
    .sort((a, b) => a.weekStart.localeCompare(b.weekStart))
    .map((w) => ({ ...w, presence: presence(w.missedHours, w.possibleHours) }));
  return { range: publicRange(range), groups: result, weeks: weekRows, totals };
}

function blankStudent(studentId: number, name: string): StudentAttendance {
  return {
    studentId,
    name,
    possibleHours: 0,
    missedHours: 0,
    validHours: 0,
    invalidHours: 0,
    lateCount: 0,
    presence: null,
  };
}

export function presence(missed: number, possible: number): number | null {
  const r = ratio(missed, possible);
  return r === null ? null : 1 - r;
}

function groupRow(j: JournalMeta, students: number, possible: number, t: AbsenceTotals): GroupAttendance {
  return {
    groupId: j.groupId,
    groupName: j.groupName,
    departmentName: j.departmentName,
    students,
    possibleHours: possible,
    missedHours: t.missed,
    validHours: t.valid,
    invalidHours: t.invalid,
    lateCount: t.late,
    presence: presence(t.missed, possible),
  };
}

/** Per group only (the keeping report's section): no per-student or per-week detail. */
export async function groupAttendance(
  db: Db,
  range: Range,
  journals: JournalMeta[],
  rosters: Rosters,
  days: Array<{ journalId: number; date: string; hours: number }>,
): Promise<GroupAttendance[]> {
  const byId = new Map(journals.map((j) => [j.journalId, j]));
  const missed = await absencesByJournal(db, range);
  const groups = new Map<number, { j: JournalMeta; possible: number; totals: AbsenceTotals; students: Set<number> }>();
  const accOf = (j: JournalMeta) => {
    let acc = groups.get(j.groupId);
    if (!acc) {
      acc = { j, possible: 0, totals: emptyTotals(), students: new Set() };
      groups.set(j.groupId, acc);
    }
    return acc;
  };
  for (const d of days) {
    const j = byId.get(d.journalId);
    if (!j) continue;
    const on = rosters.on(j.groupId, j.subgroupId, d.date);
    const acc = accOf(j);
    acc.possible += on.length * d.hours;
    for (const id of on) acc.students.add(id);
  }
  for (const [journalId, t] of missed) {
    const j = byId.get(journalId);
    if (j) addTotals(accOf(j).totals, t);
  }
  return [...groups.values()]
    .map((g) => groupRow(g.j, g.students.size, g.possible, g.totals))
    .sort((a, b) => a.groupName.localeCompare(b.groupName, 'ru'));
}
