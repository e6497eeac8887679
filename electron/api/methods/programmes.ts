// The «дополнительная общеразвивающая программа» of a centre's объединение (issue 13): its passport —
// направленность, hours a year, years of study, ages — and its thematic plan, kept by the administrator or
// the deputy; the plan is copied into the plan of each journal that studies the programme.
import { z } from 'zod';
import { LESSON_KINDS, PROGRAMME_FOCUSES, type LessonKind, type ProgrammeFocus } from '../../domain/enums.js';
import { PROGRAMME_FOCUS_LABELS } from '../../domain/labels.js';
import { method, STAFF } from '../define.js';
import { id, optionalText, text } from '../schemas.js';

export interface ProgrammeTopicInfo {
  id: number;
  seq: number;
  section: string | null;
  title: string;
  hours: number;
  lessonKind: LessonKind;
}

/** A short account of a group's programme where the group is shown (groups screen, journal header). */
export interface ProgrammeBrief {
  subjectId: number;
  name: string;
  /** Null while the programme's passport is not filled in. */
  focus: ProgrammeFocus | null;
  hoursPerYear: number | null;
  years: number | null;
  ageFrom: number | null;
  ageTo: number | null;
}

export interface ProgrammeInfo extends ProgrammeBrief {
  /** Null for a subject of kind programme whose passport is not filled in yet. */
  programmeId: number | null;
  version: number | null;
  topics: ProgrammeTopicInfo[];
  /** The topics' hours, to hold against hours a year. */
  topicHours: number;
  /** The объединения of the asked year (or of every open year) that study it. */
  groups: Array<{ id: number; name: string; yearId: number }>;
}

export interface ProgrammeSaved extends ProgrammeInfo {
  /** Journals whose empty thematic plan was filled from the programme's. */
  plansFilled: number;
}

const whole = (what: string, min: number, max: number, low = `${what}: от ${min}`) =>
  z
    .number({ error: `${what}: ожидается число` })
    .int(`${what}: целое число`)
    .min(min, low)
    .max(max, `${what}: не больше ${max}`);

const focusList = PROGRAMME_FOCUSES.map((f) => PROGRAMME_FOCUS_LABELS[f]).join(', ');

const programmeTopic = z.object({
  id: id('Тема').optional(),
  section: optionalText('Раздел', 300),
  title: text('Тема', 500),
  hours: whole('Часы темы', 1, 200),
  lessonKind: z.enum(LESSON_KINDS, {
    error: 'Вид занятия: лекция, практическое, лабораторное, контрольная, экскурсия или самостоятельная работа',
  }),
});

export const programmeMethods = {
  'programmes.list': method<ProgrammeInfo[]>()({
    summary: 'Дополнительные общеразвивающие программы: направленность, часы, срок, возраст, тематический план',
    access: STAFF,
    input: z.object({ yearId: id('Учебный год').optional() }),
  }),
  'programmes.save': method<ProgrammeSaved>()({
    summary:
      'Создать или изменить программу (паспорт и тематический план); план переносится в пустые планы её журналов',
    access: ['admin', 'deputy'],
    input: z.object({
      subjectId: id('Программа').optional(),
      version: z.number().int().optional(),
      name: text('Название программы', 300),
      focus: z.enum(PROGRAMME_FOCUSES, { error: `Направленность: выберите одну из шести (${focusList})` }),
      hoursPerYear: whole('Часов в год', 1, 2000, 'Часов в год: больше 0'),
      years: whole('Срок реализации', 1, 10, 'Срок реализации: от 1 года'),
      ageFrom: whole('Возраст от', 3, 18, 'Возраст от: не меньше 3 лет'),
      ageTo: whole('Возраст до', 3, 18, 'Возраст до: не меньше 3 лет'),
      topics: z.array(programmeTopic).max(600, 'Не больше 600 тем'),
    }),
  }),
};
