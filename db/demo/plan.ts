// The thematic plan of one journal: exactly `n` lessons of 2 hours built from the subject's sections
// and topics — «Тема 2.3. …» lectures, numbered practical and laboratory works, a test closing each
// section — each with a homework suggestion.
import type { LessonKind } from '../schema.js';
import type { Rng } from './random.js';
import type { Flavour, SubjectDef } from './subjects.js';

export interface PlanItem {
  section: string;
  title: string;
  kind: LessonKind;
  homework: string | null;
}

const SUFFIXES: Record<string, string[]> = {
  tech: [
    'основные понятия и определения',
    'устройство и принцип действия',
    'схемы и характеристики',
    'методы расчёта',
    'эксплуатация и техническое обслуживание',
    'нормативные документы и требования охраны труда',
  ],
  it: [
    'основные понятия',
    'проектирование',
    'реализация',
    'тестирование и отладка',
    'инструментальные средства',
    'документирование',
  ],
  econ: [
    'сущность и содержание',
    'нормативное регулирование',
    'документальное оформление и учёт',
    'анализ и расчёт показателей',
    'отражение в отчётности',
  ],
  art: [
    'теоретические основы',
    'приёмы и упражнения',
    'отработка навыков',
    'творческое задание',
    'подготовка к показу',
  ],
};
const LANGUAGE = [
  'Введение лексики',
  'Грамматика',
  'Чтение и перевод текста',
  'Аудирование',
  'Диалогическая речь',
  'Письмо',
];
const PRACTICE = [
  'Инструктаж по охране труда, ознакомление с рабочим местом',
  'Выполнение работ по заданию',
  'Выполнение работ по заданию (продолжение)',
  'Контроль качества выполненных работ, оформление отчёта',
];
const PE = ['Обучение технике', 'Совершенствование техники', 'Учебная игра', 'Развитие физических качеств'];

/** Sections with concrete topics: professional subjects get sub-topics from their domain's wording. */
function expand(def: SubjectDef, n: number): Array<[string, string[]]> {
  const empty = def.sections.filter(([, t]) => t.length === 0).length;
  const suffixes = SUFFIXES[def.domain ?? 'tech']!;
  const perSection = Math.max(2, Math.min(suffixes.length, Math.ceil(n / Math.max(1, def.sections.length) / 2.6)));
  return def.sections.map(([title, topics]) => {
    if (topics.length > 0 || empty === 0) return [title, topics];
    return [title, suffixes.slice(0, perSection).map((sfx) => `${title}: ${sfx}`)];
  });
}

export function buildPlan(def: SubjectDef, n: number, rng: Rng): PlanItem[] {
  if (n <= 0) return [];
  const sections = expand(def, n);
  const topicCount = sections.reduce((sum, [, t]) => sum + t.length, 0);
  const withTests = def.flavour !== 'practice' && n >= topicCount + sections.length;
  const testCount = def.flavour === 'practice' ? 1 : withTests ? sections.length : 0;
  const rest = n - testCount;
  const usable = Math.min(topicCount, rest);
  const items: PlanItem[] = [];
  const counters = { practical: 0, lab: 0, test: 0, paragraph: 0 };
  let k = 0;
  sections.forEach(([sectionTitle, topics], si) => {
    const section = `Раздел ${si + 1}. ${sectionTitle}`;
    topics.forEach((topic, ti) => {
      if (k >= usable) return;
      const m = Math.floor(((k + 1) * rest) / usable) - Math.floor((k * rest) / usable);
      k++;
      counters.paragraph++;
      for (let j = 0; j < m; j++)
        items.push(lesson(def.flavour, section, `${si + 1}.${ti + 1}`, topic, j, counters, rng));
    });
    if (withTests && k <= usable && topics.length > 0)
      items.push(test(def.flavour, section, sectionTitle, counters, rng));
  });
  if (def.flavour === 'practice') {
    items.push({
      section: items.at(-1)?.section ?? 'Раздел 1',
      title: 'Дифференцированный зачёт по практике',
      kind: 'test',
      homework: 'Оформить отчёт и дневник практики',
    });
  }
  // Rounding can leave the plan a lesson short or long; fix the length exactly.
  while (items.length < n)
    items.push(
      lesson(
        def.flavour,
        items.at(-1)?.section ?? 'Раздел 1',
        'повт',
        'Повторение и обобщение',
        items.length,
        counters,
        rng,
      ),
    );
  return items.slice(0, n);
}

/** The j-th aspect of a topic; past the list, the aspects come round again as revision. */
const again = (list: string[], j: number) => (j < list.length ? list[j]! : `${list[j % list.length]} (повторение)`);

type Counters = { practical: number; lab: number; test: number; paragraph: number };

function lesson(
  flavour: Flavour,
  section: string,
  num: string,
  topic: string,
  j: number,
  c: Counters,
  rng: Rng,
): PlanItem {
  const head = num === 'повт' ? topic : `Тема ${num}. ${topic}`;
  const cont = `${head} (продолжение)`;
  switch (flavour) {
    case 'language':
      return {
        section,
        title: `${head}. ${again(LANGUAGE, j)}`,
        kind: 'practical',
        homework: homework('language', c, rng, topic),
      };
    case 'pe':
      return {
        section,
        title: `${head}. ${again(PE, j)}`,
        kind: 'practical',
        homework: rng.chance(0.3) ? 'Комплекс упражнений для утренней гимнастики' : null,
      };
    case 'practice':
      return {
        section,
        title: `${head}. ${PRACTICE[j < 3 ? j : j % 4 === 3 ? 3 : 2]}`,
        kind: 'practical',
        homework: 'Заполнить дневник практики',
      };
    case 'programme':
      if (j === 0) return { section, title: `${head}. Теория`, kind: 'lecture', homework: null };
      if (rng.chance(0.04)) return { section, title: `${head}. Выездное занятие`, kind: 'excursion', homework: null };
      return {
        section,
        title: `${head}. Практическое занятие`,
        kind: 'practical',
        homework: rng.chance(0.15) ? 'Подготовить материалы к следующему занятию' : null,
      };
    default: {
      if (j === 0) return { section, title: head, kind: 'lecture', homework: homework('lecture', c, rng, topic) };
      const labTurn = (flavour === 'lab' && j % 2 === 1) || (flavour === 'prof' && j % 4 === 3 && rng.chance(0.3));
      if (labTurn) {
        c.lab++;
        return {
          section,
          title: `Лабораторная работа №${c.lab}. ${topic}`,
          kind: 'lab',
          homework: homework('lab', c, rng, topic),
        };
      }
      if (j === 2) return { section, title: cont, kind: 'lecture', homework: homework('lecture', c, rng, topic) };
      c.practical++;
      return {
        section,
        title: `Практическое занятие №${c.practical}. ${topic}`,
        kind: 'practical',
        homework: homework('practical', c, rng, topic),
      };
    }
  }
}

function test(flavour: Flavour, section: string, title: string, c: Counters, rng: Rng): PlanItem {
  c.test++;
  switch (flavour) {
    case 'pe':
      return { section, title: `Сдача контрольных нормативов: ${title}`, kind: 'test', homework: null };
    case 'programme':
      return { section, title: `Итоговое занятие по разделу «${title}»`, kind: 'test', homework: null };
    case 'language':
      return {
        section,
        title: `Контрольная работа №${c.test}. ${title}`,
        kind: 'test',
        homework: rng.chance(0.5) ? 'Повторить лексику раздела' : null,
      };
    default:
      return {
        section,
        title: `Контрольная работа №${c.test} по разделу «${title}»`,
        kind: 'test',
        homework: rng.chance(0.5) ? `Повторить материал раздела «${title}»` : null,
      };
  }
}

function homework(
  kind: 'lecture' | 'practical' | 'lab' | 'language',
  c: Counters,
  rng: Rng,
  topic: string,
): string | null {
  const p = c.paragraph;
  switch (kind) {
    case 'lecture':
      return rng.pick([
        `Конспект лекции, учебник § ${p}`,
        'Выучить основные понятия по теме',
        `Ответить на контрольные вопросы к § ${p}`,
        `Подготовить сообщение по теме «${topic}»`,
        'Составить опорный конспект',
        `Учебник § ${p}, вопросы 1–${rng.int(3, 7)}`,
      ]);
    case 'practical': {
      const a = rng.int(1, 40);
      return rng.pick([
        `Оформить отчёт по практическому занятию №${c.practical}`,
        `Решить задачи № ${a}–${a + rng.int(2, 5)}`,
        'Завершить практическую работу',
        'Выполнить индивидуальное задание по карточке',
      ]);
    }
    case 'lab':
      return `Оформить отчёт по лабораторной работе №${c.lab}, ответить на контрольные вопросы`;
    case 'language':
      return rng.pick([
        'Выучить новые слова по теме',
        `Упр. ${rng.int(1, 12)}, стр. ${rng.int(10, 180)}`,
        `Перевести текст, стр. ${rng.int(10, 180)}`,
        `Составить рассказ по теме «${topic}»`,
      ]);
  }
}
