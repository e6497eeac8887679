// One vocabulary per kind of institution (DESIGN.md §10): a supplementary-education centre (seed 000)
// says «объединение», «педагог дополнительного образования», «программа», «занятие», «руководитель
// объединения», «обучающийся» where a college (seed 003) says «группа», «преподаватель», «дисциплина»,
// «пара», «куратор», «студент». A school takes the college's words for now. Screens, PDFs, Excel files
// and CLI messages are to take their words from here.
import type { InstitutionKind } from './enums.js';
import { plural } from './format-numbers.js';

export type Term = 'group' | 'department' | 'teacher' | 'curator' | 'subject' | 'lesson' | 'student';
/** именительный, родительный, дательный, винительный, творительный, предложный. */
export type Case = 'nom' | 'gen' | 'dat' | 'acc' | 'ins' | 'loc';
export type GrammaticalNumber = 'one' | 'many';

export interface Noun {
  /** For agreement: «новая группа», «новое объединение», «новый отдел». */
  gender: 'm' | 'f' | 'n';
  one: Record<Case, string>;
  many: Record<Case, string>;
  /** After 2, 3, 4: «две группы», «два обучающихся» (an adjective-noun takes the genitive plural). */
  few: string;
}

export type Vocabulary = Record<Term, Noun>;

const CASES: readonly Case[] = ['nom', 'gen', 'dat', 'acc', 'ins', 'loc'];

/**
 * Six case forms, nominative to prepositional, separated by spaces; in a compound («педагог дополнительного
 * образования») only the head declines and the tail follows each form. `few` is given whole.
 */
function noun(gender: Noun['gender'], one: string, many: string, few: string, tail = { one: '', many: '' }): Noun {
  const forms = (list: string, end: string) => {
    const words = list.split(' ');
    return Object.fromEntries(CASES.map((c, i) => [c, `${words[i]}${end}`])) as Record<Case, string>;
  };
  return { gender, one: forms(one, tail.one), many: forms(many, tail.many), few };
}

const COLLEGE: Vocabulary = {
  group: noun(
    'f',
    'группа группы группе группу группой группе',
    'группы групп группам группы группами группах',
    'группы',
  ),
  department: noun(
    'n',
    'отделение отделения отделению отделение отделением отделении',
    'отделения отделений отделениям отделения отделениями отделениях',
    'отделения',
  ),
  teacher: noun(
    'm',
    'преподаватель преподавателя преподавателю преподавателя преподавателем преподавателе',
    'преподаватели преподавателей преподавателям преподавателей преподавателями преподавателях',
    'преподавателя',
  ),
  curator: noun(
    'm',
    'куратор куратора куратору куратора куратором кураторе',
    'кураторы кураторов кураторам кураторов кураторами кураторах',
    'куратора',
  ),
  subject: noun(
    'f',
    'дисциплина дисциплины дисциплине дисциплину дисциплиной дисциплине',
    'дисциплины дисциплин дисциплинам дисциплины дисциплинами дисциплинах',
    'дисциплины',
  ),
  lesson: noun('f', 'пара пары паре пару парой паре', 'пары пар парам пары парами парах', 'пары'),
  student: noun(
    'm',
    'студент студента студенту студента студентом студенте',
    'студенты студентов студентам студентов студентами студентах',
    'студента',
  ),
};

const CENTRE: Vocabulary = {
  group: noun(
    'n',
    'объединение объединения объединению объединение объединением объединении',
    'объединения объединений объединениям объединения объединениями объединениях',
    'объединения',
  ),
  department: noun(
    'm',
    'отдел отдела отделу отдел отделом отделе',
    'отделы отделов отделам отделы отделами отделах',
    'отдела',
  ),
  teacher: noun(
    'm',
    'педагог педагога педагогу педагога педагогом педагоге',
    'педагоги педагогов педагогам педагогов педагогами педагогах',
    'педагога дополнительного образования',
    { one: ' дополнительного образования', many: ' дополнительного образования' },
  ),
  curator: noun(
    'm',
    'руководитель руководителя руководителю руководителя руководителем руководителе',
    'руководители руководителей руководителям руководителей руководителями руководителях',
    'руководителя объединений',
    { one: ' объединения', many: ' объединений' },
  ),
  subject: noun(
    'f',
    'программа программы программе программу программой программе',
    'программы программ программам программы программами программах',
    'программы',
  ),
  lesson: noun(
    'n',
    'занятие занятия занятию занятие занятием занятии',
    'занятия занятий занятиям занятия занятиями занятиях',
    'занятия',
  ),
  student: noun(
    'm',
    'обучающийся обучающегося обучающемуся обучающегося обучающимся обучающемся',
    'обучающиеся обучающихся обучающимся обучающихся обучающимися обучающихся',
    'обучающихся',
  ),
};

/** The words of an institution of this kind. */
export function vocabularyOf(kind: InstitutionKind): Vocabulary {
  return kind === 'supplementary' ? CENTRE : COLLEGE;
}

/** One form of a term: word('supplementary', 'group', 'gen', 'many') → «объединений». */
export function word(
  kind: InstitutionKind,
  term: Term,
  grammaticalCase: Case = 'nom',
  number: GrammaticalNumber = 'one',
): string {
  return vocabularyOf(kind)[term][number][grammaticalCase];
}

/** A count with the term agreeing: counted('college', 'group', 5) → «5 групп», 2 centre students → «2 обучающихся». */
export function counted(kind: InstitutionKind, term: Term, n: number): string {
  const w = vocabularyOf(kind)[term];
  return `${n} ${plural(n, w.one.nom, w.few, w.many.gen)}`;
}

/** The first letter in capitals, for headings and buttons: «Объединения». */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
