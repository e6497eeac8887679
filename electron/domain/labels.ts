// Russian words for the domain's codes, one table each, as the screens and the printed pages show them.
import { plural } from './format-numbers.js';
import { roleLabelsOf } from './vocabulary.js';
import type {
  AttendanceCode,
  FinalMarkKind,
  InstitutionKind,
  LessonKind,
  ProgrammeFocus,
  RemarkStatus,
  Role,
  TimetableChangeKind,
  YearStatus,
} from './enums.js';

/** The college's role titles; where the institution's kind is known, take `roleLabelsOf(kind)` from vocabulary.ts. */
export const ROLE_LABELS: Record<Role, string> = roleLabelsOf('college');

/** «Учебный год 2025/2026 закрыт». */
export const YEAR_STATUS_LABELS: Record<YearStatus, string> = {
  open: 'открыт',
  closed: 'закрыт',
  archived: 'в архиве',
};

export const REMARK_STATUS_LABELS: Record<RemarkStatus, string> = {
  draft: 'черновик',
  open: 'ждёт ответа',
  answered: 'ответ получен',
  accepted: 'устранено',
  reopened: 'возвращено',
};

/** A dated timetable change as the week's timetable marks it: «замена», «перенос», «отмена». */
export const TIMETABLE_CHANGE_LABELS: Record<TimetableChangeKind, string> = {
  cancel: 'отмена',
  move: 'перенос',
  substitute: 'замена',
  extra: 'дополнительное занятие',
};

/** The lesson panel's choice: «Практическое занятие». */
export const LESSON_KIND_TITLES: Record<LessonKind, string> = {
  lecture: 'Лекция',
  practical: 'Практическое занятие',
  lab: 'Лабораторное занятие',
  test: 'Контрольное занятие',
  excursion: 'Экскурсия',
  self_study: 'Самостоятельная работа',
};

/** Printed pages, lists and import messages: «практическое занятие». */
export const LESSON_KIND_NAMES: Record<LessonKind, string> = {
  lecture: 'лекция',
  practical: 'практическое занятие',
  lab: 'лабораторная работа',
  test: 'контрольная работа',
  excursion: 'экскурсия',
  self_study: 'самостоятельная работа',
};

/** The thematic plan's narrow column: «практическое». */
export const LESSON_KIND_SHORT: Record<LessonKind, string> = {
  lecture: 'лекция',
  practical: 'практическое',
  lab: 'лабораторная',
  test: 'контрольная',
  excursion: 'экскурсия',
  self_study: 'самостоятельная',
};

/** Types of work a column can be: the title, the grid's short header and the default weight in the average. */
export const WORK_KINDS: Record<string, { title: string; short: string; weight: number }> = {
  oral: { title: 'Устный ответ', short: 'УО', weight: 1 },
  written: { title: 'Письменная работа', short: 'ПисР', weight: 1 },
  self: { title: 'Самостоятельная работа', short: 'СР', weight: 1 },
  practical: { title: 'Практическая работа', short: 'ПР', weight: 1 },
  lab: { title: 'Лабораторная работа', short: 'ЛР', weight: 1 },
  homework: { title: 'Домашняя работа', short: 'ДЗ', weight: 1 },
  project: { title: 'Реферат, проект', short: 'Реф', weight: 1 },
  test: { title: 'Контрольная работа', short: 'КР', weight: 2 },
  norms: { title: 'Сдача нормативов', short: 'Норм', weight: 2 },
  practice: { title: 'Выполнение работ', short: 'ВР', weight: 1 },
};

export const ATTENDANCE_LABELS: Record<AttendanceCode, string> = {
  н: 'отсутствовал(а)',
  у: 'отсутствовал(а) по уважительной причине',
  б: 'болел(а)',
  оп: 'опоздал(а)',
  уч: 'по делам учреждения',
};

/** The final marks' kinds in full: the grid's column titles, the archive's final-marks tables. */
export const FINAL_KIND_TITLES = {
  period: 'Итог за период',
  exam: 'Экзамен',
  credit: 'Зачёт',
  year: 'Год',
} as const satisfies Record<FinalMarkKind, string>;

/** The final marks' column headers in the grid (short). */
export const FINAL_KIND_LABELS = {
  period: 'Итог',
  exam: 'Экз.',
  credit: 'Зачёт',
  year: 'Год',
} as const satisfies Record<FinalMarkKind, string>;

/** The kinds of institution, as the first run offers them. */
export const INSTITUTION_KIND_LABELS = {
  college: 'Колледж или техникум',
  school: 'Школа',
  supplementary: 'Центр дополнительного образования',
} as const satisfies Record<InstitutionKind, string>;

/** The направленность of an additional general-development programme, as the programme's card names it. */
export const PROGRAMME_FOCUS_LABELS = {
  technical: 'техническая',
  science: 'естественнонаучная',
  sport: 'физкультурно-спортивная',
  art: 'художественная',
  tourism: 'туристско-краеведческая',
  social: 'социально-гуманитарная',
} as const satisfies Record<ProgrammeFocus, string>;

/**
 * A programme's passport in one line, where its объединение is shown:
 * «техническая направленность · 72 ч в год · 2 года · 10–13 лет»; «паспорт не заполнен» while it is not.
 */
export function programmeSummary(p: {
  focus: ProgrammeFocus | null;
  hoursPerYear: number | null;
  years: number | null;
  ageFrom: number | null;
  ageTo: number | null;
}): string {
  if (p.focus === null || p.hoursPerYear === null || p.years === null || p.ageFrom === null || p.ageTo === null)
    return 'паспорт программы не заполнен';
  return [
    `${PROGRAMME_FOCUS_LABELS[p.focus]} направленность`,
    `${p.hoursPerYear} ч в год`,
    `${p.years} ${plural(p.years, 'год', 'года', 'лет')}`,
    `${p.ageFrom}–${p.ageTo} ${plural(p.ageTo, 'год', 'года', 'лет')}`,
  ].join(' · ');
}

/** The document behind an absence excuse (the curator records it; the stipend sheet notes it). */
export const EXCUSE_KIND_LABELS = {
  parent_note: 'заявление родителя',
  medical: 'медицинская справка',
  order: 'приказ',
  other: 'другое',
} as const;

/**
 * Why a mark or an attendance mark is corrected late (issue 14): the short list the teacher picks from; «Другое»
 * asks for the reason in words.
 */
export const CORRECTION_REASONS = [
  'Ошибка при вводе',
  'Пересдача или доработка',
  'Подтверждена уважительная причина отсутствия',
  'По распоряжению заместителя директора',
  'Другое',
] as const;
