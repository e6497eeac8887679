// Words for the codes of the year domain, as the screens show them.
import type { InstitutionKind, PeriodKind, SubjectKind, WeekParity } from '../../../electron/domain/enums';
import { wordsOf } from '../../../electron/domain/vocabulary';

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  semester: 'семестры',
  half_year: 'полугодия',
  quarter: 'четверти',
};
export const SUBJECT_KIND_LABELS: Record<SubjectKind, string> = {
  discipline: 'дисциплина',
  mdk: 'МДК',
  pm: 'проф. модуль (ПМ)',
  practice: 'практика (УП/ПП)',
  programme: 'программа (доп. образование)',
};
export const PARITY_LABELS: Record<WeekParity, string> = { all: 'каждая неделя', odd: 'нечётная', even: 'чётная' };
export const WEEKDAY_SHORT = ['', 'Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'];
export const WEEKDAY_LONG = ['', 'Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'];

/** The year wizard's headings in the institution's words (electron/domain/vocabulary.ts). */
export function kindWords(kind: InstitutionKind | undefined) {
  const w = wordsOf(kind ?? 'college');
  return {
    groups: w.Term('group', 'nom', 'many'),
    group: w.Term('group'),
    departments: w.Term('department', 'nom', 'many'),
    subjects: w.Term('subject', 'nom', 'many'),
    deptsAndGroups: `${w.Term('department', 'nom', 'many')} и ${w.term('group', 'nom', 'many')}`,
  };
}
