// One vocabulary per kind of institution (DESIGN.md §10): a supplementary-education centre (seed 000)
// says «объединение», «педагог дополнительного образования», «программа», «занятие», «руководитель
// объединения», «обучающийся» where a college (seed 003) says «группа», «преподаватель», «дисциплина»,
// «пара», «куратор», «студент»; a school says «класс», «учитель», «предмет», «урок», «классный
// руководитель», «ученик». Screens, PDFs, Excel files and CLI messages take their words from here.
import type { InstitutionKind, Role } from './enums.js';
import { plural } from './format-numbers.js';

export type Term =
  | 'group'
  | 'department'
  | 'teacher'
  | 'curator'
  | 'subject'
  | 'lesson'
  | 'student'
  /** A group's year of study: «курс» in a college, «параллель» in a school, «год обучения» in a centre. */
  | 'course';
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
  /** The words after the declining head of a compound («дополнительного образования»), dropped where space is short. */
  tail: { one: string; many: string };
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
  return { gender, one: forms(one, tail.one), many: forms(many, tail.many), few, tail };
}

/**
 * Every form given whole, six per number separated by «|»: for an adjective with its noun («классный руководитель»).
 */
function phrase(gender: Noun['gender'], one: string, many: string, few: string): Noun {
  const forms = (list: string) =>
    Object.fromEntries(list.split('|').map((f, i) => [CASES[i], f])) as Record<Case, string>;
  return { gender, one: forms(one), many: forms(many), few, tail: { one: '', many: '' } };
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
  course: noun('m', 'курс курса курсу курс курсом курсе', 'курсы курсов курсам курсы курсами курсах', 'курса'),
};

const SCHOOL: Vocabulary = {
  group: noun(
    'm',
    'класс класса классу класс классом классе',
    'классы классов классам классы классами классах',
    'класса',
  ),
  department: noun(
    'm',
    'уровень уровня уровню уровень уровнем уровне',
    'уровни уровней уровням уровни уровнями уровнях',
    'уровня образования',
    { one: ' образования', many: ' образования' },
  ),
  teacher: noun(
    'm',
    'учитель учителя учителю учителя учителем учителе',
    'учителя учителей учителям учителей учителями учителях',
    'учителя',
  ),
  curator: phrase(
    'm',
    'классный руководитель|классного руководителя|классному руководителю|классного руководителя|классным ' +
      'руководителем|классном руководителе',
    'классные руководители|классных руководителей|классным руководителям|классных руководителей|классными ' +
      'руководителями|классных руководителях',
    'классных руководителя',
  ),
  subject: noun(
    'm',
    'предмет предмета предмету предмет предметом предмете',
    'предметы предметов предметам предметы предметами предметах',
    'предмета',
  ),
  lesson: noun('m', 'урок урока уроку урок уроком уроке', 'уроки уроков урокам уроки уроками уроках', 'урока'),
  student: noun(
    'm',
    'ученик ученика ученику ученика учеником ученике',
    'ученики учеников ученикам учеников учениками учениках',
    'ученика',
  ),
  course: noun(
    'f',
    'параллель параллели параллели параллель параллелью параллели',
    'параллели параллелей параллелям параллели параллелями параллелях',
    'параллели',
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
  course: noun('m', 'год года году год годом годе', 'годы лет годам годы годами годах', 'года обучения', {
    one: ' обучения',
    many: ' обучения',
  }),
};

/** The words of an institution of this kind. */
export function vocabularyOf(kind: InstitutionKind): Vocabulary {
  return kind === 'supplementary' ? CENTRE : kind === 'school' ? SCHOOL : COLLEGE;
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

/** Roles as titles per kind: the users screen, the account line, credential slips, the audit log. */
const ROLE_TITLES: Record<InstitutionKind, Record<Role, string>> = {
  college: {
    admin: 'Администратор',
    director: 'Директор',
    deputy: 'Заместитель директора',
    dept_head: 'Заведующий отделением',
    secretary: 'Секретарь учебной части',
    curator: 'Куратор группы',
    teacher: 'Преподаватель',
    student: 'Обучающийся',
    parent: 'Родитель',
    timetabler: 'Учебная часть (расписание)',
  },
  school: {
    admin: 'Администратор',
    director: 'Директор',
    deputy: 'Заместитель директора',
    dept_head: 'Заместитель директора по УВР',
    secretary: 'Секретарь учебной части',
    curator: 'Классный руководитель',
    teacher: 'Учитель',
    student: 'Обучающийся',
    parent: 'Родитель',
    timetabler: 'Учебная часть (расписание)',
  },
  supplementary: {
    admin: 'Администратор',
    director: 'Директор',
    deputy: 'Заместитель директора',
    dept_head: 'Заведующий отделом',
    secretary: 'Секретарь',
    curator: 'Руководитель объединения',
    teacher: 'Педагог дополнительного образования',
    student: 'Обучающийся',
    parent: 'Родитель',
    timetabler: 'Учебная часть (расписание)',
  },
};

/** Every role's title in an institution of this kind. */
export function roleLabelsOf(kind: InstitutionKind): Record<Role, string> {
  return ROLE_TITLES[kind];
}

/** Words that are not nouns of the model: a group's programme field, the journal's unit on the home page. */
interface Phrases {
  /** The programme's focus field. */
  focus: string;
  focusHint: string;
  /** A report's subject column where a college lists modules too. */
  subjectWithParts: string;
  /** Who issues a family's login, in the dative: «Обратитесь к заведующему отделением». */
  deptHeadDat: string;
  /** The same in the genitive: «через заведующего отделением». */
  deptHeadGen: string;
}

const PHRASES: Record<InstitutionKind, Phrases> = {
  college: {
    focus: 'Специальность',
    focusHint: 'код и название специальности',
    subjectWithParts: 'Дисциплина (МДК, ПМ)',
    deptHeadDat: 'заведующему отделением',
    deptHeadGen: 'заведующего отделением',
  },
  school: {
    focus: 'Профиль',
    focusHint: 'профиль обучения, если есть',
    subjectWithParts: 'Предмет',
    deptHeadDat: 'заместителю директора по УВР',
    deptHeadGen: 'заместителя директора по УВР',
  },
  supplementary: {
    focus: 'Направленность',
    focusHint: 'художественная, техническая, естественнонаучная…',
    subjectWithParts: 'Программа',
    deptHeadDat: 'заведующему отделом',
    deptHeadGen: 'заведующего отделом',
  },
};

/** All of a kind's words in one object, for screens and writers that use many: `w.term('group', 'gen')`. */
export interface Words extends Phrases {
  kind: InstitutionKind;
  /** A form of a term in lower case: «группы». */
  term(term: Term, grammaticalCase?: Case, number?: GrammaticalNumber): string;
  /** The same with a capital first letter, for headings, column titles and buttons: «Группы». */
  Term(term: Term, grammaticalCase?: Case, number?: GrammaticalNumber): string;
  /** A count agreeing with the term: «5 групп». */
  count(term: Term, n: number): string;
  /**
   * The head alone where space is short (an Excel sheet name): «педагогам» for «педагогам дополнительного образования».
   */
  short(term: Term, grammaticalCase?: Case, number?: GrammaticalNumber): string;
  /** The head alone with a capital, for a narrow column's header: «Педагог». */
  Short(term: Term, grammaticalCase?: Case, number?: GrammaticalNumber): string;
  role(role: Role): string;
  /** The role's title inside a sentence: «куратор группы», «заместитель директора по УВР». */
  roleName(role: Role): string;
  /** A group's year of study: «2 курс», «5-я параллель», «1-й год обучения». */
  course(n: number): string;
  /** «Вся группа», «Весь класс», «Всё объединение». */
  Whole(term: Term): string;
  /** For agreeing an adjective: «своей группы», «своего класса». */
  gender(term: Term): Noun['gender'];
}

const cache = new Map<InstitutionKind, Words>();

export function wordsOf(kind: InstitutionKind): Words {
  const cached = cache.get(kind);
  if (cached) return cached;
  const v = vocabularyOf(kind);
  const short = (t: Term, c: Case = 'nom', n: GrammaticalNumber = 'one') => {
    const full = word(kind, t, c, n);
    const tail = v[t].tail[n];
    return tail ? full.slice(0, -tail.length) : full;
  };
  const w: Words = {
    kind,
    term: (t, c = 'nom', n = 'one') => word(kind, t, c, n),
    Term: (t, c = 'nom', n = 'one') => capitalized(word(kind, t, c, n)),
    count: (t, n) => counted(kind, t, n),
    short,
    Short: (t, c, n) => capitalized(short(t, c, n)),
    role: (r) => ROLE_TITLES[kind][r],
    roleName: (r) => ROLE_TITLES[kind][r].charAt(0).toLowerCase() + ROLE_TITLES[kind][r].slice(1),
    course: (n) =>
      kind === 'college' ? `${n} курс` : `${n}-${{ f: 'я', m: 'й', n: 'е' }[v.course.gender]} ${word(kind, 'course')}`,
    gender: (t) => v[t].gender,
    Whole: (t) => `${{ f: 'Вся', m: 'Весь', n: 'Всё' }[v[t].gender]} ${word(kind, t)}`,
    ...PHRASES[kind],
  };
  cache.set(kind, w);
  return w;
}
