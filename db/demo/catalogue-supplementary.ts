// The demo supplementary-education centre (seed 000): departments by the programmes' orientation,
// and the additional general-development programmes («объединения» study them by year of study).
import type { DepartmentDef, StreamDef } from './catalogue-college.js';
import type { SubjectDef } from './subjects.js';

export const CENTRE_DEPARTMENTS: DepartmentDef[] = [
  { key: 'tech', name: 'Отдел технического творчества', short: 'ОТТ', domain: 'art', family: 'prog' },
  { key: 'art', name: 'Отдел художественного творчества', short: 'ОХТ', domain: 'art', family: 'prog' },
  {
    key: 'sport',
    name: 'Отдел физкультурно-спортивной и туристско-краеведческой работы',
    short: 'ОФСТК',
    domain: 'art',
    family: 'prog',
  },
  { key: 'soc', name: 'Социально-гуманитарный отдел', short: 'СГО', domain: 'art', family: 'prog' },
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
    dept: 1,
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
    dept: 2,
    years: 2,
    ages: [7, 12],
    weekly: 2,
    sections: ['Шахматная доска и фигуры', 'Тактика', 'Дебют', 'Эндшпиль', 'Турнирная практика'],
  },
  {
    key: 'english',
    name: 'Английский для малышей',
    label: 'Английский для малышей',
    dept: 3,
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
    dept: 1,
    years: 3,
    ages: [8, 13],
    weekly: 2,
    sections: ['Постановка голоса', 'Дыхательная гимнастика', 'Работа над репертуаром', 'Сценическое мастерство'],
  },
  {
    key: 'tourism',
    name: 'Юный турист',
    label: 'Юный турист',
    dept: 2,
    years: 2,
    ages: [10, 14],
    weekly: 2,
    sections: ['Туристское снаряжение', 'Топография и ориентирование', 'Организация похода', 'Первая помощь в походе'],
  },
  {
    key: 'press',
    name: 'Пресс-центр «Юный журналист»',
    label: 'Пресс-центр',
    dept: 3,
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
    dept: 1,
    years: 2,
    ages: [7, 11],
    weekly: 2,
    sections: ['Рисунок', 'Живопись', 'Композиция', 'Декоративное рисование'],
  },
  {
    key: 'tennis',
    name: 'Настольный теннис',
    label: 'Настольный теннис',
    dept: 2,
    years: 2,
    ages: [9, 14],
    weekly: 3,
    sections: ['Хватка ракетки и стойка', 'Подачи', 'Удары', 'Игровая практика'],
  },
  {
    key: 'leaders',
    name: 'Школа вожатых',
    label: 'Школа вожатых',
    dept: 3,
    years: 1,
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
    dept: 1,
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
    dept: 2,
    years: 1,
    ages: [10, 13],
    weekly: 2,
    sections: ['История родного края', 'Природа Кольского края', 'Экскурсии по городу', 'Исследовательский проект'],
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
