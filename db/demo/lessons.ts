// Lessons day by day along the timetable, with their types of work, marks and attendance, streamed
// into the database. Only students on the roster that day (and in the subgroup) appear; a student's
// day is decided once (ill, absent, away on business) so all lessons of the day agree.
import type { AttendanceCode } from '../schema.js';
import { fromDay, toDay } from '../../electron/domain/calendar.js';
import type { Inserter } from './insert.js';
import type { EntryM, Ids, JournalM, StudentM, TeacherM, YearM } from './model.js';
import { hash01, type Rng } from './random.js';
import { entriesByWeekday, fits } from './timetable.js';

export interface LessonContext {
  ids: Ids;
  rng: Rng;
  seed: number;
  out: Inserter;
  year: YearM;
  entries: EntryM[];
  teachers: Map<number, TeacherM>;
  students: StudentM[];
  marksEnabled: boolean;
  /** Local time of each bell's end (minutes after midnight), index = lesson number. */
  bellEnds: number[];
  utcOffsetHours: number;
  progress: (step: string) => void;
}

/** Marks per journal × student × period: weighted sum and weight, for the final marks. */
export type Accumulator = Map<JournalM, Map<number, number[]>>;

export interface LessonStats {
  acc: Accumulator;
  /** Per journal: timetable slots without a lesson, and the last such date. */
  missing: Map<JournalM, { count: number; last: string }>;
  late: Map<JournalM, number>;
  emptyTopics: Array<{ lessonId: number; journal: JournalM; date: string }>;
  /** A lesson id per journal (the latest), for remarks. */
  lastLesson: Map<JournalM, { id: number; date: string }>;
}

type Column = { kind: string; title: string; weight: number; p: number; credit?: boolean };
const COLUMNS: Record<string, Column> = {
  oral: { kind: 'oral', title: 'Устный ответ', weight: 1, p: 0.35 },
  self: { kind: 'self', title: 'Самостоятельная работа', weight: 1, p: 0.8 },
  practical: { kind: 'practical', title: 'Практическая работа', weight: 1, p: 0.75 },
  lab: { kind: 'lab', title: 'Лабораторная работа', weight: 1, p: 0.85 },
  defence: { kind: 'oral', title: 'Защита лабораторной работы', weight: 1, p: 0.45 },
  test: { kind: 'test', title: 'Контрольная работа', weight: 2, p: 0.92 },
  dictation: { kind: 'test', title: 'Диктант', weight: 2, p: 0.92 },
  norms: { kind: 'norms', title: 'Сдача нормативов', weight: 2, p: 0.85 },
  written: { kind: 'written', title: 'Письменная работа', weight: 1, p: 0.7 },
  practice: { kind: 'practice', title: 'Выполнение работ', weight: 1, p: 0.7, credit: true },
  credit: { kind: 'test', title: 'Дифференцированный зачёт', weight: 2, p: 0.95 },
  excursion: { kind: 'oral', title: 'Отчёт по экскурсии', weight: 1, p: 0.3 },
};

const DAY_NONE = 0,
  DAY_ILL = 1,
  DAY_ABSENT = 2,
  DAY_EXCUSED = 3,
  DAY_AWAY = 4;
const VALID_REASONS = ['семейные обстоятельства', 'по заявлению родителей', 'медицинский осмотр', 'донорский день'];
const AWAY_REASONS = [
  'участие в олимпиаде',
  'участие в соревнованиях',
  'научно-практическая конференция',
  'чемпионат «Профессионалы»',
];

export async function writeLessons(ctx: LessonContext): Promise<LessonStats> {
  const { ids, rng, out, year, teachers, seed } = ctx;
  const stats: LessonStats = {
    acc: new Map(),
    missing: new Map(),
    late: new Map(),
    emptyTopics: [],
    lastLesson: new Map(),
  };
  const byDay = entriesByWeekday(ctx.entries);
  const counter = new Map<JournalM, number>();
  const maxId = ctx.students.reduce((m, s) => Math.max(m, s.id), 0);
  const stamp = new Int32Array(maxId + 1).fill(-1);
  const dayState = new Int8Array(maxId + 1);
  const dayExcuse = new Int32Array(maxId + 1);
  const supplementary = !ctx.marksEnabled;
  const recentFrom = fromDay(toDay(year.lessonsUntil) - 7);
  let month = '';

  const state = (s: StudentM, day: number): number => {
    if (stamp[s.id] === day) return dayState[s.id]!;
    stamp[s.id] = day;
    let st = DAY_NONE;
    let excuse = 0;
    const override = s.overrides.get(day);
    const ill = s.illnesses.find((i) => i.from <= day && day <= i.to);
    if (override) {
      st = override.code === 'у' ? DAY_EXCUSED : DAY_ABSENT;
      excuse = override.excuseId ?? 0;
    } else if (ill) {
      st = DAY_ILL;
      excuse = ill.excuseId ?? 0;
    } else {
      const r = hash01(seed, s.id, day);
      const truancy = supplementary ? s.truancy * 2 + 0.03 : s.truancy;
      if (r < truancy) st = DAY_ABSENT;
      else if (!supplementary && r < truancy + 0.006) st = DAY_EXCUSED;
      else if (!supplementary && r < truancy + 0.009) st = DAY_AWAY;
    }
    dayState[s.id] = st;
    dayExcuse[s.id] = excuse;
    return st;
  };

  for (const day of year.days) {
    if (day.date >= year.lessonsUntil) break;
    if (day.date.slice(0, 7) !== month) {
      month = day.date.slice(0, 7);
      ctx.progress(`Занятия ${year.title}: ${month}`);
    }
    for (const e of byDay[day.weekday]!) {
      if (!fits(e, day.parity)) continue;
      const j = e.journal;
      const index = counter.get(j) ?? 0;
      counter.set(j, index + 1);
      const topic = j.topics[index]!;
      const teacher = teachers.get(j.teacherId)!;
      const delay = rng.chance(teacher.lazy ? 0.3 : 0.08) ? rng.int(1, 5) : 0;
      const entered = delay ? fromDay(day.num + delay) : day.date;
      const skipped =
        rng.chance(teacher.lazy ? 0.03 : 0.006) || (day.date >= recentFrom && year.current && rng.chance(0.04));
      if (skipped || entered >= year.lessonsUntil) {
        const m = stats.missing.get(j);
        stats.missing.set(j, { count: (m?.count ?? 0) + 1, last: day.date });
        continue;
      }
      if (delay) stats.late.set(j, (stats.late.get(j) ?? 0) + 1);
      const lessonId = ids.take('lessons');
      const emptyTopic = rng.chance(0.006);
      if (emptyTopic && year.current) stats.emptyTopics.push({ lessonId, journal: j, date: day.date });
      stats.lastLesson.set(j, { id: lessonId, date: day.date });
      const local = delay
        ? rng.int(15 * 60, 21 * 60 + 50)
        : Math.min(23 * 60 + 30, ctx.bellEnds[e.lessonNo]! + rng.int(3, 90));
      const at = moment(entered, local - ctx.utcOffsetHours * 60, rng.int(0, 59));
      // A lazy teacher now and then never takes the roll: no attendance rows, nothing confirmed.
      // Decided by a hash, not the generator's stream, so every other row stays as it was.
      const rollSkipped = teacher.lazy && hash01(seed ^ 0x2c1b3c6d, lessonId, j.id) < 0.06;
      out.add('lessons', {
        id: lessonId,
        journal_id: j.id,
        date: day.date,
        lesson_no: e.lessonNo,
        hours: 2,
        plan_topic_id: emptyTopic ? null : topic.id,
        topic: emptyTopic ? '' : topic.title,
        kind: topic.kind,
        homework: !emptyTopic && topic.homework && rng.chance(0.9) ? topic.homework : null,
        entered_on: entered,
        attendance_taken: rollSkipped ? 0 : 1,
        created_at: at,
        taught_by: teacher.id,
        created_by: teacher.id,
        updated_at: at,
        version: 1,
      });

      // Who is there: the roster of the day (and of the subgroup), each with their attendance.
      const present: StudentM[] = [];
      for (const en of j.group.roster) {
        if (en.from > day.date || (en.until !== null && day.date >= en.until)) continue;
        const s = en.student;
        if (j.subgroup && !j.subgroup.members.has(s.id)) continue;
        const st = state(s, day.num);
        let code: AttendanceCode | null = null;
        let late: number | null = null;
        if (st === DAY_ILL) code = 'б';
        else if (st === DAY_ABSENT) code = 'н';
        else if (st === DAY_EXCUSED) code = 'у';
        else if (st === DAY_AWAY) code = 'уч';
        else {
          const r = rng.next();
          if (r < (supplementary ? 0.01 : 0.015)) code = 'н';
          else if (!supplementary && r < 0.015 + (e.lessonNo === 1 ? 0.035 : 0.006)) {
            code = 'оп';
            late = rng.int(5, 20);
          }
        }
        if (code !== 'н' && code !== 'б' && code !== 'у' && code !== 'уч') present.push(s);
        if (!code) continue;
        const override = s.overrides.get(day.num);
        const excuse = dayExcuse[s.id]! || null;
        const reason =
          override?.reason ??
          (code === 'б'
            ? excuse
              ? 'справка медицинской организации'
              : rng.chance(0.4)
                ? 'болезнь'
                : null
            : code === 'у'
              ? rng.pick(VALID_REASONS)
              : code === 'уч'
                ? rng.pick(AWAY_REASONS)
                : null);
        if (rollSkipped) continue;
        out.add('attendance', {
          id: ids.take('attendance'),
          lesson_id: lessonId,
          student_id: s.id,
          code,
          late_minutes: late,
          reason,
          reason_by: reason ? (override ? override.by : j.group.curatorId) : null,
          excuse_id: excuse,
          updated_at: at,
          updated_by: teacher.id,
          version: 1,
        });
      }
      if (ctx.marksEnabled) writeMarks(ctx, stats, j, lessonId, topic.kind, day.period, present, at, teacher.id);
      if (out.full) await out.flush();
    }
  }
  return stats;
}

function columnsFor(j: JournalM, kind: string, rng: Rng): Column[] {
  const flavour = j.subject.def.flavour;
  if (flavour === 'practice') return kind === 'test' ? [COLUMNS.credit!] : [COLUMNS.practice!];
  if (flavour === 'pe') return kind === 'test' ? [COLUMNS.norms!] : [COLUMNS.practical!];
  switch (kind) {
    case 'test':
      return [j.subject.def.key === 'rus' && rng.chance(0.4) ? COLUMNS.dictation! : COLUMNS.test!];
    case 'lab':
      return rng.chance(0.4) ? [COLUMNS.lab!, COLUMNS.defence!] : [COLUMNS.lab!];
    case 'excursion':
      return [COLUMNS.excursion!];
    case 'practical':
      if (flavour === 'language') return rng.chance(0.5) ? [COLUMNS.oral!, COLUMNS.written!] : [COLUMNS.oral!];
      return rng.chance(0.5) ? [COLUMNS.practical!, COLUMNS.oral!] : [COLUMNS.practical!];
    default:
      return rng.chance(0.4) ? [COLUMNS.oral!, COLUMNS.self!] : [COLUMNS.oral!];
  }
}

function writeMarks(
  ctx: LessonContext,
  stats: LessonStats,
  j: JournalM,
  lessonId: number,
  kind: string,
  period: number,
  present: StudentM[],
  at: string,
  teacherId: number,
): void {
  const { ids, rng, out, seed } = ctx;
  let perJournal = stats.acc.get(j);
  if (!perJournal) {
    perJournal = new Map();
    stats.acc.set(j, perJournal);
  }
  columnsFor(j, kind, rng).forEach((col, i) => {
    const columnId = ids.take('work_columns');
    out.add('work_columns', {
      id: columnId,
      lesson_id: lessonId,
      seq: i + 1,
      kind: col.kind,
      title: col.title,
      weight: col.weight,
      release_on: null,
      version: 1,
    });
    for (const s of present) {
      if (!rng.chance(col.p)) continue;
      const bias = (hash01(seed ^ 0x5bd1e995, s.id, j.subject.id) - 0.5) * 0.9;
      const mean = s.ability + bias - (col.weight > 1 ? 0.15 : 0);
      const raw = Math.min(5, Math.max(2, Math.round(mean + rng.normal() * 0.7)));
      const value = col.credit ? (mean + rng.normal() * 0.5 >= 2.8 ? 'зач' : 'незач') : String(raw);
      out.add('marks', {
        id: ids.take('marks'),
        column_id: columnId,
        student_id: s.id,
        value,
        comment: raw === 2 && col.weight > 1 && rng.chance(0.3) ? 'Работа не выполнена в полном объёме' : null,
        updated_at: at,
        updated_by: teacherId,
        version: 1,
      });
      if (raw === 2 && col.weight > 1 && !col.credit && rng.chance(0.3)) {
        out.add('homework_individual', {
          id: ids.take('homework_individual'),
          lesson_id: lessonId,
          student_id: s.id,
          text: 'Работа над ошибками: выполнить задания, в которых допущены ошибки',
        });
      }
      let sums = perJournal!.get(s.id);
      if (!sums) {
        sums = [0, 0, 0, 0];
        perJournal!.set(s.id, sums);
      }
      const numeric = col.credit ? (value === 'зач' ? 5 : 2) : raw;
      sums[period * 2] = sums[period * 2]! + numeric * col.weight;
      sums[period * 2 + 1] = sums[period * 2 + 1]! + col.weight;
    }
  });
}

/** `YYYY-MM-DDThh:mm:ss.000Z` from a date and minutes after its UTC midnight. */
function moment(date: string, minutes: number, seconds: number): string {
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${date}T${hh}:${mm}:${String(seconds).padStart(2, '0')}.000Z`;
}
