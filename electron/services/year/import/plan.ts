// A journal's thematic plan (КТП) from Excel: topics in order with section, hours, lesson kind and
// homework. The file replaces the plan; a topic whose title is unchanged keeps its lessons' links.
import type { LessonKind } from '../../../../db/schema.js';
import { AppError } from '../../../api/errors.js';
import { LESSON_KIND_NAMES } from '../../../domain/labels.js';
import { loadJournal, type JournalRow } from '../../access.js';
import { writePlan, type TopicDraft } from '../plans.js';
import type { Row } from './cells.js';
import type { Importer } from './framework.js';

type PlanRow = TopicDraft & { seq: number | null };

interface Context {
  journal: JournalRow;
  plannedHours: number;
  existing: Array<{ id: number; title: string }>;
}

export const LESSON_KIND_WORDS: Array<[RegExp, LessonKind]> = [
  [/^(лек|теор|урок|комб)/, 'lecture'],
  [/^(пр|сем)/, 'practical'],
  [/^(лаб|л\.?р)/, 'lab'],
  [/^(контр|зач|экз|тест|к\.?р|провер)/, 'test'],
  [/^(экск)/, 'excursion'],
  [/^(сам|срс|с\.?р)/, 'self_study'],
];

export const planImporter: Importer<Context, PlanRow> = {
  list: 'plan',
  genitive: 'тем плана',
  columns: [
    {
      key: 'seq',
      header: '№',
      hint: 'порядок; если пусто — как в файле',
      example: 1,
      type: 'integer',
      width: 6,
    },
    {
      key: 'section',
      header: 'Раздел',
      hint: 'раздел программы',
      example: 'Раздел 1. Электрические машины',
      width: 30,
    },
    {
      key: 'title',
      header: 'Тема',
      required: true,
      hint: 'обязательно',
      example: 'Синхронные генераторы: устройство и принцип действия',
      width: 50,
    },
    {
      key: 'hours',
      header: 'Часы',
      required: true,
      hint: 'целое число, обычно 2',
      example: 2,
      type: 'integer',
      width: 8,
    },
    {
      key: 'kind',
      header: 'Вид занятия',
      hint: 'лекция, практическое, лабораторная, контрольная, экскурсия, самостоятельная',
      example: 'лекция',
      width: 18,
    },
    {
      key: 'homework',
      header: 'Домашнее задание',
      hint: 'если задаётся',
      example: '§ 1.2, вопросы 1–5',
      width: 30,
    },
  ],

  async prepare(env, options) {
    if (options.journalId === undefined)
      throw new AppError('bad_request', 'Укажите журнал, в который загружается тематический план');
    const journal = await loadJournal(env.db, options.journalId);
    if (journal.year_status !== 'open')
      throw new AppError('locked', 'Учебный год закрыт: тематический план доступен только для просмотра');
    const planned = await env.db
      .selectFrom('journal_period_hours')
      .select((eb) => eb.fn.sum<number>('hours').as('h'))
      .where('journal_id', '=', journal.id)
      .executeTakeFirst();
    const existing = await env.db
      .selectFrom('plan_topics')
      .select(['id', 'title'])
      .where('journal_id', '=', journal.id)
      .execute();
    return { journal, plannedHours: Number(planned?.h ?? 0), existing };
  },

  check(row: Row, _c, earlier) {
    const seq = row.integer('seq', { min: 1, max: 1000 });
    const section = row.text('section', { max: 300 });
    const title = row.text('title', { required: 'не указана тема', max: 500 });
    const hours = row.integer('hours', { required: 'не указано число часов', min: 1, max: 200 });
    const kindText = row.text('kind', { max: 60 });
    let lessonKind: LessonKind = 'lecture';
    if (kindText) {
      const hit = LESSON_KIND_WORDS.find(([re]) => re.test(kindText.toLowerCase()));
      if (!hit) {
        row.problem('kind', `вид занятия «${kindText}» неизвестен: ${Object.values(LESSON_KIND_NAMES).join(', ')}`);
      } else lessonKind = hit[1];
    }
    const homework = row.text('homework', { max: 1000 });
    if (seq !== null) {
      const twin = earlier.find((e) => e.value.seq === seq);
      if (twin) row.problem('seq', `номер ${seq} уже есть в строке ${twin.row}`);
    }
    if (!title || hours === null || row.problems.length > 0) return null;
    return { section: section ?? earlier.at(-1)?.value.section ?? null, title, hours, lessonKind, homework, seq };
  },

  remark(c, items) {
    const sum = items.reduce((s, i) => s + i.value.hours, 0);
    if (c.plannedHours > 0 && sum !== c.plannedHours)
      return `Внимание: в плане ${sum} ч, а по нагрузке ${c.plannedHours} ч.`;
    return null;
  },

  async write(trx, _env, c, items) {
    const ordered = [...items].sort((a, b) => (a.value.seq ?? a.row) - (b.value.seq ?? b.row) || a.row - b.row);
    const byTitle = new Map(c.existing.map((e) => [e.title.toLowerCase(), e.id]));
    const used = new Set<number>();
    const topics: TopicDraft[] = ordered.map(({ value: t }) => {
      const id = byTitle.get(t.title.toLowerCase());
      const keep = id !== undefined && !used.has(id) ? id : undefined;
      if (keep !== undefined) used.add(keep);
      return {
        id: keep,
        section: t.section,
        title: t.title,
        hours: t.hours,
        lessonKind: t.lessonKind,
        homework: t.homework,
      };
    });
    const fresh = await trx
      .selectFrom('journals')
      .select('version')
      .where('id', '=', c.journal.id)
      .executeTakeFirstOrThrow();
    await writePlan(trx, { ...c.journal, version: fresh.version }, fresh.version, topics);
    return {
      created: topics.filter((t) => t.id === undefined).length,
      updated: topics.filter((t) => t.id !== undefined).length,
    };
  },
};
