// Words for the codes of the year domain, as the screens show them.
import type { PeriodKind, SubjectKind, WeekParity } from '../../../electron/domain/enums';

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

/** A supplementary-education centre (seed 000) says «объединение» and «программа» for group and subject. */
export function kindWords(kind: string | undefined) {
  const centre = kind === 'supplementary';
  return {
    groups: centre ? 'Объединения' : 'Группы',
    group: centre ? 'Объединение' : 'Группа',
    departments: centre ? 'Отделы' : 'Отделения',
    subjects: centre ? 'Программы' : 'Дисциплины',
    deptsAndGroups: centre ? 'Отделы и объединения' : 'Отделения и группы',
  };
}
