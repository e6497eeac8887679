// The academic year itself: its dates and periods, holidays and vacations, bells, copying the
// previous year forward, and closing it (003 §3.2: the administrator opens the year).
import { z } from 'zod';
import { TIMETABLE_KEEPERS } from '../../domain/enums.js';
import { method } from '../define.js';
import { empty, id, text } from '../schemas.js';
import { day } from './dates.js';
import type { PeriodKind, YearStatus } from '../../../db/schema.js';

export interface PeriodInfo {
  id: number;
  seq: number;
  title: string;
  startsOn: string;
  endsOn: string;
  locked: boolean;
  version: number;
}

export interface YearInfo {
  id: number;
  title: string;
  startsOn: string;
  endsOn: string;
  status: YearStatus;
  closedAt: string | null;
  version: number;
  periodKind: PeriodKind | null;
  periods: PeriodInfo[];
}

/** What the year holds and what still needs doing: the wizard's checklist. */
export interface YearOverview {
  year: YearInfo;
  counts: {
    departments: number;
    groups: number;
    subgroups: number;
    subjects: number;
    journals: number;
    planTopics: number;
    timetable: number;
    students: number;
    holidays: number;
    bells: number;
    teachers: number;
  };
  /** Russian sentences: «Группа ЭС-11: не назначен куратор». Empty when the year is ready. */
  warnings: string[];
  previousYear: { id: number; title: string } | null;
}

export interface HolidayInfo {
  date: string;
  title: string;
}
export interface BellInfo {
  lessonNo: number;
  startsAt: string;
  endsAt: string;
}

export interface CopyProposal {
  fromGroupId: number;
  fromName: string;
  fromCourse: number;
  name: string;
  course: number;
  /** False for the graduating course: it does not carry over. */
  include: boolean;
  graduating: boolean;
  /** Already carried into the new year as this group (then it is not offered again). */
  copiedAs: string | null;
  curatorName: string | null;
  students: number;
  journals: number;
}

export interface CopyResult {
  groups: number;
  journals: number;
  students: number;
  curators: number;
  skipped: string[];
  /** The safety copy taken before the move (its file name), null on PostgreSQL. */
  backup: string | null;
}

/** A closed year, with the file name of the safety copy taken just before (null on PostgreSQL). */
export interface YearClosed extends YearInfo {
  backup: string | null;
}

export const PERIOD_KINDS = ['half_year', 'semester', 'quarter'] as const;
const periodKind = z.enum(PERIOD_KINDS, { error: 'Вид периодов: полугодия, семестры или четверти' });
const yearTitle = z
  .string({ error: 'Учебный год: ожидается текст' })
  .trim()
  .regex(/^\d{4}\/\d{4}$/, 'Учебный год записывается как 2026/2027')
  .refine(
    (t) => Number(t.slice(5)) === Number(t.slice(0, 4)) + 1,
    'Учебный год: второй год должен быть следующим за первым (2026/2027)',
  );
const periodInput = z.object({
  id: id('Период').optional(),
  title: text('Название периода', 60),
  startsOn: day('Начало периода'),
  endsOn: day('Конец периода'),
});
const hhmm = (what: string) =>
  z
    .string({ error: `${what}: ожидается время` })
    .trim()
    .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, `${what}: время в формате ЧЧ:ММ`)
    .transform((t) => t.padStart(5, '0'));

export const yearMethods = {
  'years.list': method<YearInfo[]>()({
    summary:
      'Учебные годы с периодами (открытый, закрытые и архивные): даты не секретны, нужны и семьям для расписания',
    access: 'any',
    input: empty,
  }),
  'years.overview': method<YearOverview>()({
    summary: 'Что уже заведено в учебном году и что осталось сделать (мастер открытия года)',
    access: ['admin', 'director', 'deputy'],
    input: z.object({ yearId: id('Учебный год') }),
  }),
  'years.create': method<YearInfo>()({
    summary: 'Открыть учебный год: даты и периоды (полугодия, семестры или четверти)',
    access: ['admin'],
    input: z.object({
      title: yearTitle,
      startsOn: day('Начало учебного года'),
      endsOn: day('Конец учебного года'),
      periodKind,
      /** Omitted: the usual periods of the kind are proposed. */
      periods: z.array(periodInput).max(6, 'Не больше 6 периодов').optional(),
    }),
  }),
  'years.update': method<YearInfo>()({
    summary: 'Изменить даты учебного года и его периоды',
    access: ['admin'],
    input: z.object({
      id: id('Учебный год'),
      version: z.number().int(),
      startsOn: day('Начало учебного года'),
      endsOn: day('Конец учебного года'),
      periodKind,
      periods: z.array(periodInput).min(1, 'Нужен хотя бы один период').max(6, 'Не больше 6 периодов'),
    }),
  }),
  'years.close': method<YearClosed>()({
    summary: 'Закрыть учебный год: журналы становятся доступны только для просмотра',
    access: ['admin'],
    input: z.object({ id: id('Учебный год'), version: z.number().int() }),
  }),
  'years.reopen': method<YearInfo>()({
    summary: 'Вновь открыть закрытый (не архивный) учебный год, с указанием причины',
    access: ['admin'],
    input: z.object({ id: id('Учебный год'), version: z.number().int(), reason: text('Причина', 300) }),
  }),
  'years.copyPreview': method<CopyProposal[]>()({
    summary: 'Что перейдёт из прошлого года: группы курсом выше, кураторы и нагрузка; выпускной курс не переходит',
    access: ['admin'],
    input: z.object({ fromYearId: id('Прошлый год'), toYearId: id('Новый год') }),
  }),
  'years.copyApply': method<CopyResult>()({
    summary: 'Перенести группы из прошлого года (курсом выше), кураторов, нагрузку и студентов приказом о переводе',
    access: ['admin'],
    input: z.object({
      fromYearId: id('Прошлый год'),
      toYearId: id('Новый год'),
      groups: z
        .array(
          z.object({
            fromGroupId: id('Группа'),
            name: text('Название группы', 40),
            course: z.number().int().min(1, 'Курс: от 1').max(6, 'Курс: не больше 6'),
            include: z.boolean(),
          }),
        )
        .min(1, 'Ничего не выбрано для переноса'),
      carryLoads: z.boolean(),
      /** Students of carried groups continue by one transfer order. Null: groups only. */
      transferOrder: z.object({ orderNo: text('Номер приказа', 40), orderDate: day('Дата приказа') }).nullable(),
    }),
  }),
  'periods.setLocked': method<PeriodInfo>()({
    summary: 'Закрыть период для записей (или открыть снова)',
    access: ['admin', 'deputy'],
    input: z.object({ id: id('Период'), version: z.number().int(), locked: z.boolean() }),
  }),
  'holidays.list': method<HolidayInfo[]>()({
    summary: 'Праздничные дни и каникулы учебного года',
    access: 'any',
    input: z.object({ yearId: id('Учебный год') }),
  }),
  'holidays.add': method<HolidayInfo[]>()({
    summary: 'Добавить праздник или каникулы (диапазон дат): занятия в эти дни не ожидаются',
    access: ['admin'],
    input: z.object({
      yearId: id('Учебный год'),
      from: day('Первый день'),
      to: day('Последний день'),
      title: text('Название', 100),
    }),
  }),
  'holidays.remove': method<HolidayInfo[]>()({
    summary: 'Убрать нерабочие дни',
    access: ['admin'],
    input: z.object({ yearId: id('Учебный год'), dates: z.array(day('Дата')).min(1, 'Не выбраны дни').max(400) }),
  }),
  'bells.list': method<BellInfo[]>()({
    summary: 'Расписание звонков',
    access: 'any',
    input: empty,
  }),
  'bells.save': method<BellInfo[]>()({
    summary: 'Сохранить расписание звонков',
    access: TIMETABLE_KEEPERS,
    input: z.object({
      bells: z
        .array(z.object({ lessonNo: z.number().int(), startsAt: hhmm('Начало'), endsAt: hhmm('Конец') }))
        .max(12, 'Не больше 12 занятий в день'),
      lessonsPerDay: z.number().int().min(1, 'Занятий в день: от 1').max(12, 'Занятий в день: не больше 12').optional(),
    }),
  }),
};
