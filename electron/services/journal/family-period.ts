// The family page's period: marks by subject with the weighted average, final marks and absences
// counted per subject, and the list of absences with the state of their reasons.
import type { ExcuseInfo, FamilyAbsence, FamilySubject } from '../../api/contract.js';
import type { JournalLabel } from './family-catalogue.js';
import type { StudentLessons } from './family-data.js';
import { groupBy } from './family-week.js';
import { weightedAverage } from '../../domain/average.js';

interface PeriodInput {
  period: { id: number; startsOn: string; endsOn: string };
  journals: Map<number, JournalLabel>;
  lessons: StudentLessons;
  periodTitles: Map<number, string>;
  hidden: (releaseOn: string | null) => boolean;
}

export function periodSubjects(input: PeriodInput): FamilySubject[] {
  const { period, lessons } = input;
  const inPeriod = (date: string) => date >= period.startsOn && date <= period.endsOn;
  const marks = groupBy(
    lessons.marks.filter((m) => inPeriod(m.date)),
    (m) => m.journal_id,
  );
  const attendance = groupBy(
    lessons.attendance.filter((a) => inPeriod(a.date)),
    (a) => a.journal_id,
  );
  const finals = groupBy(
    lessons.finals.filter((f) => f.period_id === null || f.period_id === period.id),
    (f) => f.journal_id,
  );
  const subjects: FamilySubject[] = [];
  for (const j of input.journals.values()) {
    const fin = finals.get(j.id) ?? [];
    if (!lessons.journalsWithLessons.has(j.id) && fin.length === 0) continue;
    const all = marks.get(j.id) ?? [];
    const visible = all.filter((m) => !input.hidden(m.release_on));
    const att = attendance.get(j.id) ?? [];
    subjects.push({
      journalId: j.id,
      subject: j.subject,
      teacher: j.teacher,
      marks: visible.map((m) => ({ date: m.date, title: m.title, weight: Number(m.weight), value: m.value })),
      average: weightedAverage(visible.map((m) => ({ value: m.value, weight: Number(m.weight) }))),
      finals: fin.map((f) => ({
        kind: f.kind,
        periodTitle: f.period_id === null ? null : (input.periodTitles.get(f.period_id) ?? null),
        value: f.value,
      })),
      absences: {
        missed: att.filter((a) => a.code === 'н').length,
        excused: att.filter((a) => a.code === 'у' || a.code === 'б').length,
        late: att.filter((a) => a.code === 'оп').length,
      },
      hidden: all.length - visible.length,
    });
  }
  return subjects;
}

/** Absences of the period (not «уч»), latest day first; a reason sent and not yet decided shows as «submitted». */
export function periodAbsences(input: PeriodInput, excuses: ExcuseInfo[]): FamilyAbsence[] {
  const { period } = input;
  const pending = excuses.filter((x) => x.status === 'submitted');
  const status = new Map(excuses.map((x) => [x.id, x.status]));
  return input.lessons.attendance
    .filter((a) => a.date >= period.startsOn && a.date <= period.endsOn && a.code !== 'уч')
    .map((a): FamilyAbsence => ({
      date: a.date,
      lessonNo: a.lesson_no,
      subject: input.journals.get(a.journal_id)!.subject,
      code: a.code,
      lateMinutes: a.late_minutes,
      reason: a.reason,
      excuseStatus:
        a.excuse_id !== null
          ? (status.get(a.excuse_id) ?? 'confirmed')
          : pending.some((x) => x.fromDate <= a.date && a.date <= x.toDate)
            ? 'submitted'
            : null,
    }))
    .sort((x, y) => (x.date < y.date ? 1 : x.date > y.date ? -1 : x.lessonNo - y.lessonNo));
}
