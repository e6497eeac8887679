// The passports and thematic plans of the demo centre's programmes (issue 13): every объединение studies a
// programme with its направленность, hours a year, years of study, ages and a plan whose hours add up to the
// hours a year — an introductory lesson, three topics a section, a closing lesson. No randomness: the rest
// of the demo draws the same numbers as before.
import type { LessonKind } from '../schema.js';
import { PROGRAMME_PASSPORTS, type ProgrammePassport } from './catalogue-supplementary.js';
import type { Inserter } from './insert.js';
import type { Catalogue } from './journals.js';

interface TopicDraft {
  section: string | null;
  title: string;
  hours: number;
  kind: LessonKind;
}

const PARTS: Array<[string, LessonKind]> = [
  ['теоретические основы', 'lecture'],
  ['практические занятия', 'practical'],
  ['закрепление и творческое задание', 'practical'],
];

export function programmePlan(p: ProgrammePassport): TopicDraft[] {
  const body = p.sections.flatMap((section) =>
    PARTS.map(([part, kind]) => ({ section, title: `${section}: ${part}`, kind })),
  );
  const rest = p.hoursPerYear - 4;
  const base = Math.floor(rest / body.length);
  const extra = rest - base * body.length;
  return [
    { section: null, title: 'Вводное занятие. Инструктаж по технике безопасности', hours: 2, kind: 'lecture' },
    ...body.map((t, i) => ({ ...t, hours: base + (i < extra ? 1 : 0) })),
    { section: null, title: 'Итоговое занятие. Открытый показ достижений', hours: 2, kind: 'test' },
  ];
}

export function writeProgrammes(out: Inserter, cat: Catalogue): void {
  let programmeId = 0;
  let topicId = 0;
  for (const s of cat.subjects) {
    const p = PROGRAMME_PASSPORTS.get(s.def.key);
    if (!p || s.def.kind !== 'programme') continue;
    out.add('programmes', {
      id: ++programmeId,
      subject_id: s.id,
      focus: p.focus,
      hours_per_year: p.hoursPerYear,
      years: p.years,
      age_from: p.ages[0],
      age_to: p.ages[1],
      version: 1,
    });
    programmePlan(p).forEach((t, i) =>
      out.add('programme_topics', {
        id: ++topicId,
        programme_id: programmeId,
        seq: i + 1,
        section: t.section,
        title: t.title,
        hours: t.hours,
        lesson_kind: t.kind,
      }),
    );
  }
}
