// The demo supplementary-education centre (seed 000): departments by the programmes' orientation,
// and the additional general-development programmes («объединения» study them by year of study).
import type { DepartmentDef, StreamDef } from './catalogue-college.js';
import type { ProgrammeFocus } from '../../electron/domain/enums.js';
import type { SubjectDef } from './subjects.js';

// One отдел per направленность of the additional general-development programmes (Приказ Минпросвещения
// № 629): the tourist-and-local-history programmes sit with sport and the social-humanitarian ones.
export const CENTRE_DEPARTMENTS: DepartmentDef[] = [
  { key: 'tech', name: 'Отдел технической направленности', short: 'ТН', domain: 'art', family: 'prog' },
  { key: 'science', name: 'Отдел естественнонаучной направленности', short: 'ЕНН', domain: 'art', family: 'prog' },
  { key: 'art', name: 'Отдел художественной направленности', short: 'ХН', domain: 'art', family: 'prog' },
  { key: 'sport', name: 'Отдел физкультурно-спортивной направленности', short: 'ФСН', domain: 'art', family: 'prog' },
  { key: 'soc', name: 'Отдел социально-гуманитарной направленности', short: 'СГН', domain: 'art', family: 'prog' },
];

interface ProgrammeSource {
  key: string;
  name: string;
  label: string;
  dept: number;
  years: number;
  ages: [number, number];
  weekly: number;
  sections: string[];
}

const PROGRAMMES: ProgrammeSource[] = [
  {
    key: 'robot',
    name: 'Робототехника',
    label: 'Робототехника',
    dept: 0,
    years: 2,
    ages: [10, 13],
    weekly: 2,
    sections: [
      'Введение в робототехнику',
      'Конструирование',
      'Датчики и моторы',
      'Программирование роботов',
      'Соревновательная робототехника',
    ],
  },
  {
    key: 'dance',
    name: 'Хореографическая студия «Радуга»',
    label: 'Хореография «Радуга»',
    dept: 2,
    years: 3,
    ages: [7, 11],
    weekly: 3,
    sections: [
      'Партерная гимнастика',
      'Классический танец',
      'Народный танец',
      'Современный танец',
      'Постановка концертных номеров',
    ],
  },
  {
    key: 'chess',
    name: 'Шахматы',
    label: 'Шахматы',
    dept: 3,
    years: 2,
    ages: [7, 12],
    weekly: 2,
    sections: ['Шахматная доска и фигуры', 'Тактика', 'Дебют', 'Эндшпиль', 'Турнирная практика'],
  },
  {
    key: 'english',
    name: 'Английский для малышей',
    label: 'Английский для малышей',
    dept: 4,
    years: 2,
    ages: [7, 8],
    weekly: 2,
    sections: ['Алфавит и звуки', 'Моя семья', 'Игрушки и игры', 'Животные', 'Праздники'],
  },
  {
    key: '3d',
    name: '3D-моделирование и прототипирование',
    label: '3D-моделирование',
    dept: 0,
    years: 2,
    ages: [12, 15],
    weekly: 2,
    sections: ['Основы трёхмерной графики', 'Моделирование в Blender', '3D-печать', 'Проектная работа'],
  },
  {
    key: 'vocal',
    name: 'Вокальная студия «Камертон»',
    label: 'Вокал «Камертон»',
    dept: 2,
    years: 3,
    ages: [8, 13],
    weekly: 2,
    sections: ['Постановка голоса', 'Дыхательная гимнастика', 'Работа над репертуаром', 'Сценическое мастерство'],
  },
  {
    key: 'tourism',
    name: 'Юный турист',
    label: 'Юный турист',
    dept: 3,
    years: 2,
    ages: [10, 14],
    weekly: 2,
    sections: ['Туристское снаряжение', 'Топография и ориентирование', 'Организация похода', 'Первая помощь в походе'],
  },
  {
    key: 'press',
    name: 'Пресс-центр «Юный журналист»',
    label: 'Пресс-центр',
    dept: 4,
    years: 2,
    ages: [12, 15],
    weekly: 2,
    sections: ['Жанры журналистики', 'Интервью', 'Фото- и видеосъёмка', 'Выпуск газеты'],
  },
  {
    key: 'coder',
    name: 'Юный программист',
    label: 'Юный программист',
    dept: 0,
    years: 2,
    ages: [11, 14],
    weekly: 2,
    sections: ['Алгоритмы и исполнители', 'Программирование в Scratch', 'Python для начинающих', 'Итоговый проект'],
  },
  {
    key: 'art',
    name: 'Изостудия «Палитра»',
    label: 'Изостудия «Палитра»',
    dept: 2,
    years: 2,
    ages: [7, 11],
    weekly: 2,
    sections: ['Рисунок', 'Живопись', 'Композиция', 'Декоративное рисование'],
  },
  {
    key: 'tennis',
    name: 'Настольный теннис',
    label: 'Настольный теннис',
    dept: 3,
    years: 2,
    ages: [9, 14],
    weekly: 3,
    sections: ['Хватка ракетки и стойка', 'Подачи', 'Удары', 'Игровая практика'],
  },
  {
    key: 'leaders',
    name: 'Школа вожатых',
    label: 'Школа вожатых',
    dept: 4,
    years: 2,
    ages: [14, 16],
    weekly: 2,
    sections: [
      'Основы вожатской деятельности',
      'Игровые технологии',
      'Коллективные творческие дела',
      'Практика в лагере',
    ],
  },
  {
    key: 'theatre',
    name: 'Театральная студия «Маска»',
    label: 'Театр «Маска»',
    dept: 2,
    years: 2,
    ages: [10, 15],
    weekly: 2,
    sections: ['Актёрское мастерство', 'Сценическая речь', 'Сценическое движение', 'Работа над спектаклем'],
  },
  {
    key: 'lego',
    name: 'Легоконструирование',
    label: 'Легоконструирование',
    dept: 0,
    years: 1,
    ages: [7, 9],
    weekly: 2,
    sections: ['Знакомство с конструктором', 'Простые механизмы', 'Конструирование по схеме', 'Творческий проект'],
  },
  {
    key: 'local',
    name: 'Краеведение «Мой край»',
    label: 'Краеведение',
    dept: 4,
    years: 1,
    ages: [10, 13],
    weekly: 2,
    sections: ['История родного края', 'Природа Кольского края', 'Экскурсии по городу', 'Исследовательский проект'],
  },
  {
    key: 'eco',
    name: 'Юный эколог',
    label: 'Юный эколог',
    dept: 1,
    years: 2,
    ages: [9, 13],
    weekly: 2,
    sections: [
      'Экология вокруг нас',
      'Растения и животные края',
      'Экологический мониторинг',
      'Исследовательский проект',
    ],
  },
  {
    key: 'chem',
    name: 'Занимательная химия',
    label: 'Занимательная химия',
    dept: 1,
    years: 2,
    ages: [12, 15],
    weekly: 2,
    sections: ['Лабораторная посуда и техника безопасности', 'Вещества вокруг нас', 'Химические опыты', 'Проект'],
  },
  {
    key: 'astro',
    name: 'Юный астроном',
    label: 'Юный астроном',
    dept: 1,
    years: 1,
    ages: [10, 14],
    weekly: 2,
    sections: ['Звёздное небо', 'Солнечная система', 'Телескоп и наблюдения', 'Космонавтика'],
  },
  {
    key: 'nature',
    name: 'Юный натуралист',
    label: 'Юный натуралист',
    dept: 1,
    years: 1,
    ages: [8, 11],
    weekly: 2,
    sections: ['Живая природа', 'Наблюдения в природе', 'Уход за растениями и животными', 'Природный календарь'],
  },
  {
    key: 'ceramics',
    name: 'Студия керамики «Глина»',
    label: 'Керамика «Глина»',
    dept: 2,
    years: 2,
    ages: [9, 14],
    weekly: 2,
    sections: ['Свойства глины', 'Лепка из пласта', 'Гончарный круг', 'Роспись и обжиг'],
  },
  {
    key: 'karate',
    name: 'Каратэ',
    label: 'Каратэ',
    dept: 3,
    years: 2,
    ages: [8, 13],
    weekly: 3,
    sections: [
      'Общая физическая подготовка',
      'Стойки и передвижения',
      'Техника ударов и блоков',
      'Ката',
      'Соревнования',
    ],
  },
];

export const PROGRAMME_SUBJECTS: SubjectDef[] = PROGRAMMES.map((p) => ({
  key: `prog.${p.key}`,
  code: null,
  name: p.name,
  kind: 'programme',
  family: `prog:${p.key}`,
  flavour: 'programme',
  domain: 'art',
  weekly: p.weekly,
  sections: p.sections.map((t) => [t, []]),
}));

export const CENTRE_STREAMS: StreamDef[] = PROGRAMMES.map((p) => ({
  key: p.key,
  code: null,
  name: p.name,
  abbr: p.label,
  courses: p.years,
  dept: p.dept,
  curriculum: Array.from({ length: p.years }, () => [`prog.${p.key}`]),
  ages: p.ages,
}));

/** The направленность of each отдел above, in order: a programme's is its отдел's. */
const DEPT_FOCUS: ProgrammeFocus[] = ['technical', 'science', 'art', 'sport', 'social'];

/** A programme's passport: what its approved text says on the title page, and its sections. */
export interface ProgrammePassport {
  focus: ProgrammeFocus;
  hoursPerYear: number;
  years: number;
  ages: [number, number];
  sections: string[];
}

/** By the programme's subject key (`prog.robot`): 36 weeks of study a year at the programme's weekly hours. */
export const PROGRAMME_PASSPORTS: ReadonlyMap<string, ProgrammePassport> = new Map(
  PROGRAMMES.map((p) => [
    `prog.${p.key}`,
    { focus: DEPT_FOCUS[p.dept]!, hoursPerYear: p.weekly * 36, years: p.years, ages: p.ages, sections: p.sections },
  ]),
);
