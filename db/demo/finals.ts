// The results of finished periods in the demo: final marks, and in a college the exams and credits with their record
// sheets, the resits of failed exams, the practices' details and a closed year's module exams.
import { addDays } from '../../electron/domain/calendar.js';
import type { Inserter } from './insert.js';
import type { LessonStats } from './lessons.js';
import { onRoster, type Ids, type JournalM, type StudentM, type YearM } from './model.js';

/**
 * Final marks of every period that has ended, and the year marks of a closed year. A college's journals take an exam
 * (one in three) or a credit (one in three) in each ended period, with its record sheet; a failed exam is retaken
 * on a direction — passed at the first resit in a closed year, still owed in the current one.
 */
export function writeFinalMarks(
  out: Inserter,
  ids: Ids,
  year: YearM,
  journals: JournalM[],
  stats: LessonStats,
  today: string,
  teachers: Map<number, { last: string; first: string; middle: string | null }>,
): void {
  const lastDay = year.periods.map(
    (_, p) => year.days.filter((d) => d.period === p).at(-1)?.date ?? year.periods[p]!.end,
  );
  const ended = year.periods.map((p) => p.end < today);
  const closed = !year.current;
  // A closed year's module exams: per group and ПМ, whether the practice of the module was passed.
  const modules = new Map<
    string,
    { groupId: number; subjectId: number; examiner: string; passed: Map<number, boolean> }
  >();
  for (const j of journals) {
    if (j.group.year !== year) continue;
    const credit = j.subject.def.flavour === 'practice';
    const assessment = credit ? null : (['exam', 'credit', null] as const)[j.id % 3]!;
    const sums = stats.acc.get(j);
    const on = (s: StudentM, date: string) =>
      j.group.roster.some((e) => e.student === s && onRoster(e, date)) && (!j.subgroup || j.subgroup.members.has(s.id));
    const students = [...new Set(j.group.roster.map((e) => e.student))];
    const teacher = teachers.get(j.teacherId);
    const examiner = teacher
      ? `${teacher.last} ${teacher.first[0]}. ${teacher.middle ? `${teacher.middle[0]}.` : ''}`
      : '';
    if (j.subject.def.kind === 'practice') {
      const industrial = j.subject.def.code?.startsWith('ПП') ?? false;
      const last = year.periods.at(-1)!;
      out.add('practice_details', {
        journal_id: j.id,
        kind: industrial ? 'industrial' : 'educational',
        place: industrial ? 'АО «Южноуральская ГРЭС», электрический цех' : 'Учебные мастерские колледжа',
        starts_on: addDays(last.end, -27),
        ends_on: addDays(last.end, -2),
        college_supervisor: examiner.trim(),
        employer_supervisor: industrial ? 'Сидоров С. С., мастер участка' : '',
        updated_at: `${last.start}T09:00:00.000Z`,
        updated_by: j.teacherId,
        version: 1,
      });
    }
    if (assessment)
      year.periods.forEach((p, index) => {
        if (!ended[index]) return;
        out.add('assessments', {
          id: ids.take('assessments'),
          journal_id: j.id,
          period_id: p.id,
          kind: assessment,
          held_on: lastDay[index]!,
          examiners: examiner.trim(),
          updated_at: `${lastDay[index]}T12:00:00.000Z`,
          updated_by: j.teacherId,
          version: 1,
        });
      });
    for (const s of students) {
      const values: number[] = [];
      year.periods.forEach((p, index) => {
        if (!ended[index] || !on(s, lastDay[index]!)) return;
        const sum = sums?.get(s.id);
        const avg = sum && sum[index * 2 + 1]! > 0 ? sum[index * 2]! / sum[index * 2 + 1]! : s.ability;
        values.push(avg);
        const final = (kind: 'period' | 'exam' | 'credit', value: string) =>
          out.add('final_marks', {
            id: ids.take('final_marks'),
            journal_id: j.id,
            student_id: s.id,
            period_id: p.id,
            kind,
            value,
            updated_at: `${lastDay[index]}T10:00:00.000Z`,
            updated_by: j.teacherId,
            version: 1,
          });
        final('period', markOf(avg, credit));
        if (!assessment) return;
        // The exam is a little better or worse than the semester's average, the same way on every run.
        const value = markOf(avg - 0.4 + ((s.id * 7 + index * 3) % 5) * 0.2, assessment === 'credit');
        final(assessment, value);
        if (value !== '2' && value !== 'незач') return;
        const issuedOn = addDays(lastDay[index]!, 10);
        if (issuedOn >= today) return;
        const later = addDays(lastDay[index]!, 20);
        const heldOn = closed && later <= year.end ? later : null;
        out.add('resits', {
          id: ids.take('resits'),
          journal_id: j.id,
          student_id: s.id,
          period_id: p.id,
          kind: assessment,
          attempt: 1,
          direction_no: `${j.id}-${s.id}`,
          issued_on: issuedOn,
          examiner: examiner.trim(),
          held_on: heldOn,
          // One in four did not come to the resit: the debt stays.
          value: heldOn && s.id % 4 !== 0 ? (assessment === 'credit' ? 'зач' : '3') : null,
          absent: heldOn && s.id % 4 === 0 ? 1 : 0,
          created_by: j.teacherId,
          updated_at: `${issuedOn}T09:00:00.000Z`,
          version: 1,
        });
      });
      if (closed && values.length > 0 && on(s, lastDay.at(-1)!)) {
        const avg = values.reduce((a, b) => a + b, 0) / values.length;
        if (j.subject.def.kind === 'practice' && j.subject.parentId !== null) {
          const key = `${j.group.id}|${j.subject.parentId}`;
          const m = modules.get(key) ?? {
            groupId: j.group.id,
            subjectId: j.subject.parentId,
            examiner: examiner.trim(),
            passed: new Map<number, boolean>(),
          };
          m.passed.set(s.id, markOf(avg, true) === 'зач');
          modules.set(key, m);
        }
        out.add('final_marks', {
          id: ids.take('final_marks'),
          journal_id: j.id,
          student_id: s.id,
          period_id: null,
          kind: 'year',
          value: markOf(avg, credit),
          updated_at: `${lastDay.at(-1)}T11:00:00.000Z`,
          updated_by: j.teacherId,
          version: 1,
        });
      }
    }
  }
  for (const m of modules.values()) {
    const id = ids.take('qualification_exams');
    const heldOn = lastDay.at(-1)!;
    out.add('qualification_exams', {
      id,
      group_id: m.groupId,
      subject_id: m.subjectId,
      held_on: heldOn,
      commission: `${m.examiner}, Сидоров С. С.`,
      updated_at: `${heldOn}T14:00:00.000Z`,
      updated_by: null,
      version: 1,
    });
    for (const [studentId, passed] of m.passed)
      out.add('qualification_results', {
        exam_id: id,
        student_id: studentId,
        mastered: passed ? 1 : 0,
        mark: passed ? (studentId % 3 === 0 ? '5' : '4') : '2',
      });
  }
}

function markOf(avg: number, credit: boolean): string {
  if (credit) return avg >= 3 ? 'зач' : 'незач';
  return String(Math.min(5, Math.max(2, Math.floor(avg + 0.5))));
}
