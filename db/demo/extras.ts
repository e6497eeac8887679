// What surrounds the lessons: absence excuses (medical certificates, parent notes),
// the deputy's remarks in every state, and the audit record of the generation (the final marks: finals.ts).
import type { Insertable } from 'kysely';
import type { AbsenceExcuseTable, RemarkStatus } from '../schema.js';
import { addDays, fromDay, toDay, weekStart } from '../../electron/domain/calendar.js';
import { ruDate } from '../../electron/domain/format-dates.js';
import type { Words } from '../../electron/domain/vocabulary.js';
import type { Inserter } from './insert.js';
import type { LessonStats } from './lessons.js';
import { onRoster, type EnrolM, type Ids, type JournalM, type StudentM, type YearM } from './model.js';
import type { Rng } from './random.js';

type ExcuseRow = Insertable<AbsenceExcuseTable> & { id: number };

const CLINICS = [
  'ГБУЗ «Городская больница г. Южноуральск»',
  'ГБУЗ «Районная больница с. Увельский»',
  'ООО «Медицинский центр «Здоровье»»',
];

/**
 * Medical certificates for some illnesses (always for the demo student), confirmed by the curator,
 * and the demo student's parent notes: one confirmed (the day counts as «у»), one still waiting.
 */
export function buildExcuses(
  ids: Ids,
  rng: Rng,
  today: string,
  students: StudentM[],
  enrolments: EnrolM[],
  demo: { student: StudentM; parentUserId: number; year: YearM },
): ExcuseRow[] {
  const rows: ExcuseRow[] = [];
  const byStudent = new Map<number, EnrolM[]>();
  for (const e of enrolments) byStudent.set(e.student.id, [...(byStudent.get(e.student.id) ?? []), e]);
  const todayNum = toDay(today);
  const curatorOn = (s: StudentM, date: string) =>
    byStudent.get(s.id)?.find((e) => onRoster(e, date))?.group.curatorId ?? 0;

  // The demo student's current year: one illness with a certificate and two notes from the parent.
  const s0 = demo.student;
  const past = demo.year.days.filter((d) => d.num < todayNum);
  s0.illnesses = s0.illnesses.filter((i) => i.from < toDay(demo.year.start));
  if (past.length > 30) {
    const from = past[past.length - 22]!.num;
    s0.illnesses.push({ from, to: from + 3, excuseId: null });
  }
  const note = (index: number, confirmed: boolean) => {
    const day = past[past.length - index];
    if (!day || s0.illnesses.some((i) => i.from <= day.num && day.num <= i.to)) return;
    const curator = curatorOn(s0, day.date);
    if (!curator) return;
    const id = ids.take('absence_excuses');
    rows.push({
      id,
      student_id: s0.id,
      from_date: day.date,
      to_date: day.date,
      kind: 'parent_note',
      text: confirmed
        ? 'Прошу считать отсутствие уважительным: сопровождал(а) бабушку в областную больницу.'
        : 'Ребёнок отсутствовал по семейным обстоятельствам, прошу считать причину уважительной.',
      submitted_by: demo.parentUserId,
      status: confirmed ? 'confirmed' : 'submitted',
      decided_by: confirmed ? curator : null,
      decided_at: confirmed ? `${addDays(day.date, 1)}T06:40:00.000Z` : null,
      created_at: `${day.date}T04:15:00.000Z`,
      version: 1,
    });
    s0.overrides.set(
      day.num,
      confirmed
        ? { code: 'у', excuseId: id, reason: 'заявление родителя: семейные обстоятельства', by: demo.parentUserId }
        : { code: 'н', excuseId: null, reason: null, by: demo.parentUserId },
    );
  };
  note(8, true);
  note(2, false);

  for (const s of students) {
    for (const ill of s.illnesses) {
      if (ill.to >= todayNum || !(s === s0 || rng.chance(0.12))) continue;
      const from = fromDay(ill.from);
      const to = fromDay(ill.to);
      const curator = curatorOn(s, from);
      if (!curator) continue;
      ill.excuseId = ids.take('absence_excuses');
      rows.push({
        id: ill.excuseId,
        student_id: s.id,
        from_date: from,
        to_date: to,
        kind: 'medical',
        text:
          `Медицинская справка № ${rng.int(100, 9999)}, ${rng.pick(CLINICS)}: освобождён(а) от занятий с ` +
          `${ruDate(from)} по ${ruDate(to)}`,
        submitted_by: s === s0 ? demo.parentUserId : curator,
        status: 'confirmed',
        decided_by: curator,
        decided_at: `${addDays(to, 2)}T07:10:00.000Z`,
        created_at: `${addDays(to, 1)}T06:30:00.000Z`,
        version: 1,
      });
    }
  }
  return rows;
}

const TEXTS = [
  'Недостаточная накопляемость отметок: у части обучающихся менее трёх отметок за месяц.',
  'Не на всех занятиях указано домашнее задание.',
  'Не указаны виды работ на части занятий.',
  'Отставание от тематического плана. Представить план ликвидации отставания.',
  'Не отмечена посещаемость обучающихся на части занятий.',
];
const ANSWERS = [
  'Замечание устранено.',
  'Записи внесены, журнал заполнен.',
  'Учтено, журнал заполняется в день занятия.',
  'Темы и домашние задания внесены.',
];

/** About ten remarks of the deputy in every state, a few drafts of the weekly check, and last year's. */
export function writeRemarks(
  out: Inserter,
  ids: Ids,
  rng: Rng,
  today: string,
  years: { current: YearM; previous: YearM },
  journals: JournalM[],
  stats: { current: LessonStats; previous: LessonStats },
  deputyId: number,
  demoTeacherId: number,
): void {
  const current = journals.filter((j) => j.group.year === years.current && stats.current.lastLesson.has(j));
  if (current.length === 0) return;
  const notBefore = years.current.start;
  const day = (offset: number) => {
    const d = addDays(today, offset);
    return d < notBefore ? notBefore : d;
  };
  const add = (
    j: JournalM,
    text: string,
    created: string,
    status: RemarkStatus,
    lessonId: number | null = null,
    auto = 0,
  ) => {
    const answered = status === 'answered' || status === 'accepted' || status === 'reopened';
    const answeredOn = addDays(created, rng.int(1, 3));
    out.add('remarks', {
      id: ids.take('remarks'),
      journal_id: j.id,
      lesson_id: lessonId,
      author_id: deputyId,
      text,
      due_on: addDays(created, 7),
      status,
      answer: answered ? rng.pick(ANSWERS) : null,
      answered_by: answered ? j.teacherId : null,
      answered_at: answered ? `${answeredOn}T09:20:00.000Z` : null,
      decided_at: status === 'accepted' || status === 'reopened' ? `${addDays(answeredOn, 1)}T08:05:00.000Z` : null,
      auto,
      created_at: `${created}T07:30:00.000Z`,
      version: 1,
      // The weekly check's drafts name the week they checked (the one before today's).
      auto_week: auto ? weekStart(addDays(today, -7)) : null,
    });
  };
  const missingText = (j: JournalM, data: LessonStats) => {
    const m = data.missing.get(j);
    return m ? `Не заполнены занятия: ${m.count}, последнее — ${ruDate(m.last)}. Заполнить журнал.` : rng.pick(TEXTS);
  };
  const gaps = (j: JournalM) => stats.current.missing.get(j)?.count ?? 0;
  const mine = current.filter((j) => j.teacherId === demoTeacherId).sort((a, b) => gaps(b) - gaps(a) || a.id - b.id);
  const others = rng.shuffle(current.filter((j) => j.teacherId !== demoTeacherId));
  const pick = (i: number) => others[i % Math.max(1, others.length)] ?? current[0]!;
  if (mine.length > 0) {
    add(mine[0]!, missingText(mine[0]!, stats.current), day(-10), 'open');
    add(mine[mine.length > 1 ? 1 : 0]!, rng.pick(TEXTS), day(-2), 'open');
    add(mine[0]!, rng.pick(TEXTS), day(-20), 'answered');
  }
  const plan: RemarkStatus[] = ['open', 'open', 'open', 'answered', 'answered', 'accepted', 'accepted', 'reopened'];
  plan.forEach((status, i) =>
    add(
      pick(i),
      i === 0 ? missingText(pick(i), stats.current) : rng.pick(TEXTS),
      day(status === 'open' ? -rng.int(2, 14) : -rng.int(12, 40)),
      status,
    ),
  );
  // The weekly check drafts one remark per journal and week (remarks.auto_week is unique per journal).
  const drafted = new Set<JournalM>();
  const draft = (j: JournalM, text: string, lessonId: number | null) => {
    if (drafted.has(j)) return;
    drafted.add(j);
    add(j, text, day(-1), 'draft', lessonId, 1);
  };
  for (const e of stats.current.emptyTopics.slice(0, 2))
    draft(e.journal, `Не указана тема занятия ${ruDate(e.date)}.`, e.lessonId);
  const behind = [...stats.current.missing.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[0].id - b[0].id)
    .slice(0, 2);
  for (const [j] of behind) draft(j, missingText(j, stats.current), null);
  const previous = journals.filter((j) => j.group.year === years.previous && stats.previous.lastLesson.has(j));
  for (let i = 0; i < Math.min(3, previous.length); i++) {
    const j = rng.pick(previous);
    const created = addDays(years.previous.start, rng.int(40, 200));
    add(j, rng.pick(TEXTS), created, 'accepted');
  }
}

const CORRECTIONS: Array<{
  kind: 'move' | 'merge' | 'extra_hours' | 'reduce_hours';
  delta: number;
  /** What the teacher typed, in the institution's words. */
  reason: string | ((w: Words) => string);
  status: 'approved' | 'requested' | 'refused';
}> = [
  {
    kind: 'move',
    delta: 0,
    reason: (w) =>
      `Занятие перенесено из-за участия ${w.term('group', 'gen')} в областной олимпиаде (приказ № 214 от 14.10)`,
    status: 'approved',
  },
  {
    kind: 'extra_hours',
    delta: 4,
    reason: 'Дополнительные часы на подготовку к демонстрационному экзамену',
    status: 'requested',
  },
  {
    kind: 'merge',
    delta: 0,
    reason: 'Темы 2.3 и 2.4 объединены в одно занятие: праздничный день 04.11',
    status: 'approved',
  },
  {
    kind: 'reduce_hours',
    delta: -2,
    reason: (w) => `Сокращение часов: карантин в ${w.term('group', 'loc')}`,
    status: 'approved',
  },
  { kind: 'extra_hours', delta: 2, reason: 'Повторение раздела перед контрольной работой', status: 'refused' },
];

/** A handful of plan corrections of the current year in every state: the demo teacher's first. */
export function writeCorrections(
  out: Inserter,
  ids: Ids,
  today: string,
  year: YearM,
  journals: JournalM[],
  deputyId: number,
  demoTeacherId: number,
  w: Words,
): void {
  const current = journals.filter((j) => j.group.year === year && j.topics.length > 4);
  const mine = current.filter((j) => j.teacherId === demoTeacherId);
  const others = current.filter((j) => j.teacherId !== demoTeacherId);
  const period = year.periods.find((p) => p.start <= today && today <= p.end) ?? year.periods[0]!;
  CORRECTIONS.forEach((c, i) => {
    const j = (i < 2 ? mine[i] : others[i * 3]) ?? current[i % Math.max(1, current.length)];
    if (!j) return;
    const created = addDays(today, -30 + i * 5);
    const decided = c.status !== 'requested';
    out.add('plan_corrections', {
      id: ids.take('plan_corrections'),
      journal_id: j.id,
      kind: c.kind,
      hours_delta: c.delta,
      reason: typeof c.reason === 'string' ? c.reason : c.reason(w),
      requested_by: j.teacherId,
      approved_by: decided ? deputyId : null,
      approved_at: decided ? `${addDays(created, 2)}T08:00:00.000Z` : null,
      created_at: `${created}T10:00:00.000Z`,
      status: c.status,
      period_id: period.id,
      plan_topic_id: c.kind === 'move' || c.kind === 'merge' ? j.topics[3]!.id : null,
      decision_note: c.status === 'refused' ? 'Часы на повторение предусмотрены планом' : null,
      version: 1,
    });
  });
}
