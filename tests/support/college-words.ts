// The college's own words (DESIGN.md §10) that must not appear in a centre's or a school's documents
// and screens: every case of «группа», «преподаватель», «куратор», «дисциплина», «пара», «студент»,
// and for a centre «отделение» too. «Группа риска» (the at-risk list) is a phrase of every kind and is
// not the college's «группа»; «подгруппа» is not matched either.

/** Word stems with their endings, matched as whole words (Cyrillic has no \b in JS regular expressions). */
const COMMON: Record<string, string> = {
  группа: 'групп(?:а|ы|е|у|ой|ою|ам|ами|ах)?',
  преподаватель: 'преподавател(?:ь|я|ю|ем|е|и|ей|ям|ями|ях)',
  куратор: 'куратор(?:а|у|ом|е|ы|ов|ам|ами|ах)?',
  дисциплина: 'дисциплин(?:а|ы|е|у|ой|ам|ами|ах)?',
  пара: 'пар(?:а|ы|е|у|ой|ам|ами|ах)?',
  студент: 'студент(?:а|у|ом|е|ы|ов|ам|ами|ах|ка|ки|ке|ку|кой|ок)?',
};

export const COLLEGE_WORDS: Record<'supplementary' | 'school', Record<string, string>> = {
  supplementary: { ...COMMON, отделение: 'отделени(?:е|я|ю|ем|и|й|ям|ями|ях)' },
  school: COMMON,
};

/** The words of the list listed, as in the text, each with a little context: [] when none. */
export function collegeWordsIn(text: string, kind: 'supplementary' | 'school'): string[] {
  const clean = text.replace(/групп\S*\s+риска/giu, '');
  const found: string[] = [];
  for (const stem of Object.values(COLLEGE_WORDS[kind])) {
    const re = new RegExp(`(?<![а-яё])${stem}(?![а-яё])`, 'giu');
    for (const m of clean.matchAll(re)) {
      found.push(clean.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30).replace(/\s+/g, ' '));
    }
  }
  return found;
}
