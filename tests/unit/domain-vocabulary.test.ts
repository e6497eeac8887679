// The words of a college and of a supplementary-education centre (DESIGN.md §10), in the forms the
// screens need: headings, counts, «нет объединений», «в объединении».
import { describe, expect, it } from 'vitest';
import { INSTITUTION_KINDS, type InstitutionKind } from '../../electron/domain/enums.js';
import {
  capitalized,
  counted,
  roleLabelsOf,
  vocabularyOf,
  word,
  wordsOf,
  type Case,
  type Term,
} from '../../electron/domain/vocabulary.js';

const TERMS: Term[] = ['group', 'department', 'teacher', 'curator', 'subject', 'lesson', 'student', 'course'];
const CASES: Case[] = ['nom', 'gen', 'dat', 'acc', 'ins', 'loc'];

describe('vocabulary', () => {
  it('has every form of every term for every kind', () => {
    for (const kind of INSTITUTION_KINDS) {
      const v = vocabularyOf(kind);
      for (const t of TERMS) {
        for (const c of CASES) expect(v[t].one[c] && v[t].many[c], `${kind} ${t} ${c}`).toMatch(/^[а-яё ]+$/);
        expect(v[t].few).toMatch(/^[а-яё ]+$/);
      }
    }
  });

  it('says группа, преподаватель, дисциплина, пара, куратор, студент in a college', () => {
    expect(TERMS.map((t) => word('college', t))).toEqual([
      'группа',
      'отделение',
      'преподаватель',
      'куратор',
      'дисциплина',
      'пара',
      'студент',
      'курс',
    ]);
  });

  it('says класс, учитель, предмет, урок, классный руководитель, ученик in a school', () => {
    expect(TERMS.map((t) => word('school', t))).toEqual([
      'класс',
      'уровень образования',
      'учитель',
      'классный руководитель',
      'предмет',
      'урок',
      'ученик',
      'параллель',
    ]);
    expect(word('school', 'curator', 'ins')).toBe('классным руководителем');
    expect(word('school', 'curator', 'gen', 'many')).toBe('классных руководителей');
    expect(counted('school', 'curator', 2)).toBe('2 классных руководителя');
    expect(counted('school', 'group', 5)).toBe('5 классов');
  });

  it('names the roles in the words of each kind', () => {
    expect(roleLabelsOf('college').curator).toBe('Куратор группы');
    expect(roleLabelsOf('school').curator).toBe('Классный руководитель');
    expect(roleLabelsOf('supplementary').curator).toBe('Руководитель объединения');
    expect(roleLabelsOf('supplementary').teacher).toBe('Педагог дополнительного образования');
    expect(roleLabelsOf('school').teacher).toBe('Учитель');
    expect(wordsOf('supplementary').Term('group', 'nom', 'many')).toBe('Объединения');
    expect(wordsOf('school').count('lesson', 3)).toBe('3 урока');
  });

  it('says объединение, педагог дополнительного образования, программа, занятие in a centre', () => {
    expect(TERMS.map((t) => word('supplementary', t))).toEqual([
      'объединение',
      'отдел',
      'педагог дополнительного образования',
      'руководитель объединения',
      'программа',
      'занятие',
      'обучающийся',
      'год обучения',
    ]);
  });

  it('declines the head of a compound and keeps its tail', () => {
    expect(word('supplementary', 'teacher', 'ins')).toBe('педагогом дополнительного образования');
    expect(word('supplementary', 'teacher', 'gen', 'many')).toBe('педагогов дополнительного образования');
    expect(word('supplementary', 'curator', 'dat')).toBe('руководителю объединения');
    expect(word('supplementary', 'curator', 'nom', 'many')).toBe('руководители объединений');
    expect(word('supplementary', 'group', 'loc')).toBe('объединении');
    expect(word('college', 'group', 'gen', 'many')).toBe('групп');
    expect(word('supplementary', 'student', 'gen', 'many')).toBe('обучающихся');
    expect(word('college', 'subject', 'acc')).toBe('дисциплину');
  });

  it('agrees the term with a count, an adjective-noun taking the genitive plural after 2–4', () => {
    const counts = (kind: InstitutionKind, term: Term, ns: number[]) => ns.map((n) => counted(kind, term, n));
    expect(counts('college', 'group', [1, 2, 5, 21])).toEqual(['1 группа', '2 группы', '5 групп', '21 группа']);
    expect(counts('supplementary', 'group', [1, 3, 11])).toEqual(['1 объединение', '3 объединения', '11 объединений']);
    expect(counts('supplementary', 'student', [1, 2, 5])).toEqual(['1 обучающийся', '2 обучающихся', '5 обучающихся']);
    expect(counted('college', 'student', 2)).toBe('2 студента');
    expect(counted('supplementary', 'teacher', 3)).toBe('3 педагога дополнительного образования');
    expect(counted('college', 'lesson', 4)).toBe('4 пары');
  });

  it('knows the gender for agreement and capitalises for headings', () => {
    expect(vocabularyOf('college').group.gender).toBe('f');
    expect(vocabularyOf('supplementary').group.gender).toBe('n');
    expect(capitalized(word('supplementary', 'group', 'nom', 'many'))).toBe('Объединения');
    expect(capitalized(word('college', 'subject', 'nom', 'many'))).toBe('Дисциплины');
  });
});
