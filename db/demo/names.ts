// Russian names for the demo: surnames in the masculine form (the feminine one is derived), first
// names for young people and for adults, patronymics from the father's name, and a Latin
// transliteration for logins.
import type { Rng } from './random.js';

export type Sex = 'm' | 'f';

export interface PersonName {
  last: string;
  first: string;
  middle: string | null;
  /** The father's first name the patronymic was made from (for a consistent guardian). */
  fatherFirst: string;
}

const SURNAMES = (
  'Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков ' +
  'Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин ' +
  'Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов ' +
  'Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов Ковалёв ' +
  'Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов ' +
  'Осипов Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов Мельников Денисов ' +
  'Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов Мартынов ' +
  'Ефимов Федотов Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов Родионов Коновалов Лазарев ' +
  'Воронин Климов Филатов Пономарёв Голубев Кудрявцев Прохоров Наумов Потапов Журавлёв Овчинников ' +
  'Трофимов Леонов Соболев Ершов Колесников Шубин Зуев Рябов Суханов Горбунов Щукин Лукин Пестов ' +
  'Шевченко Бондаренко Ткаченко Коваленко Кравченко Черных Седых Белых Ковальчук Мельничук ' +
  'Островский Покровский Вишневский Жуковский Высоцкий Луговой Донской Толстой Ким Пак ' +
  'Хабибуллин Галиев Шарипов Ахметов Сафин Валиев Гарипов Юсупов'
).split(' ');

const BOYS = (
  'Александр Алексей Андрей Антон Артём Артур Арсений Богдан Вадим Владимир Владислав Всеволод ' +
  'Глеб Даниил Денис Дмитрий Евгений Егор Захар Иван Игорь Илья Кирилл Константин Лев Максим Марк ' +
  'Матвей Мирон Михаил Никита Николай Павел Платон Роман Руслан Савелий Семён Сергей Степан ' +
  'Тимофей Тимур Фёдор Ярослав Вячеслав Данила Георгий'
).split(' ');

const GIRLS = (
  'Алёна Александра Алина Алиса Анастасия Ангелина Анна Арина Валерия Варвара Василиса Вера ' +
  'Вероника Виктория Дарья Диана Ева Екатерина Елизавета Злата Ирина Карина Кира Кристина Ксения ' +
  'Маргарита Марина Мария Милана Надежда Олеся Полина София Софья Таисия Ульяна Эвелина Юлия Яна ' +
  'Есения Мирослава Ольга Татьяна Дарина'
).split(' ');

const MEN = (
  'Александр Алексей Анатолий Андрей Борис Валерий Василий Виктор Виталий Владимир Вячеслав ' +
  'Геннадий Григорий Дмитрий Евгений Игорь Иван Константин Леонид Михаил Николай Олег Павел ' +
  'Пётр Роман Сергей Станислав Юрий Фёдор Денис Максим Артём Руслан Семён'
).split(' ');

const WOMEN = (
  'Галина Людмила Татьяна Ольга Елена Ирина Наталья Светлана Марина Надежда Любовь Лариса Нина ' +
  'Валентина Вера Юлия Анна Екатерина Оксана Инна Жанна Лидия Алла Евгения Маргарита Мария ' +
  'Анастасия Ксения Дарья Зоя Тамара Элеонора'
).split(' ');

/** Father's name → [patronymic of a son, of a daughter]. */
const PATRONYMICS: Record<string, [string, string]> = {
  Александр: ['Александрович', 'Александровна'],
  Алексей: ['Алексеевич', 'Алексеевна'],
  Анатолий: ['Анатольевич', 'Анатольевна'],
  Андрей: ['Андреевич', 'Андреевна'],
  Борис: ['Борисович', 'Борисовна'],
  Валерий: ['Валерьевич', 'Валерьевна'],
  Василий: ['Васильевич', 'Васильевна'],
  Виктор: ['Викторович', 'Викторовна'],
  Виталий: ['Витальевич', 'Витальевна'],
  Владимир: ['Владимирович', 'Владимировна'],
  Вячеслав: ['Вячеславович', 'Вячеславовна'],
  Геннадий: ['Геннадьевич', 'Геннадьевна'],
  Григорий: ['Григорьевич', 'Григорьевна'],
  Дмитрий: ['Дмитриевич', 'Дмитриевна'],
  Евгений: ['Евгеньевич', 'Евгеньевна'],
  Игорь: ['Игоревич', 'Игоревна'],
  Иван: ['Иванович', 'Ивановна'],
  Константин: ['Константинович', 'Константиновна'],
  Леонид: ['Леонидович', 'Леонидовна'],
  Михаил: ['Михайлович', 'Михайловна'],
  Николай: ['Николаевич', 'Николаевна'],
  Олег: ['Олегович', 'Олеговна'],
  Павел: ['Павлович', 'Павловна'],
  Пётр: ['Петрович', 'Петровна'],
  Роман: ['Романович', 'Романовна'],
  Сергей: ['Сергеевич', 'Сергеевна'],
  Станислав: ['Станиславович', 'Станиславовна'],
  Юрий: ['Юрьевич', 'Юрьевна'],
  Фёдор: ['Фёдорович', 'Фёдоровна'],
  Денис: ['Денисович', 'Денисовна'],
  Максим: ['Максимович', 'Максимовна'],
  Артём: ['Артёмович', 'Артёмовна'],
  Руслан: ['Русланович', 'Руслановна'],
  Семён: ['Семёнович', 'Семёновна'],
  Илья: ['Ильич', 'Ильинична'],
  Ринат: ['Ринатович', 'Ринатовна'],
  Марат: ['Маратович', 'Маратовна'],
};
const FATHERS = Object.keys(PATRONYMICS);

/** The feminine form of a surname given in the masculine form. */
export function feminine(surname: string): string {
  if (surname.includes('-')) return surname.split('-').map(feminine).join('-');
  if (/(ов|ев|ёв|ин|ын)$/.test(surname)) return `${surname}а`;
  if (/(ский|цкий)$/.test(surname)) return `${surname.slice(0, -2)}ая`;
  if (/(ой|ый)$/.test(surname)) return `${surname.slice(0, -2)}ая`;
  return surname; // Шевченко, Черных, Ковальчук, Ким: the same for both
}

export function surnameFor(base: string, sex: Sex): string {
  return sex === 'f' ? feminine(base) : base;
}

export function patronymic(father: string, sex: Sex): string {
  const pair = PATRONYMICS[father];
  if (!pair) throw new Error(`нет отчества для имени ${father}`);
  return sex === 'm' ? pair[0] : pair[1];
}

export function pickSurname(rng: Rng): string {
  // One in two hundred has a double surname.
  if (rng.chance(0.005)) return `${rng.pick(SURNAMES)}-${rng.pick(SURNAMES)}`;
  return rng.pick(SURNAMES);
}

/** A full name; `young` picks from names common among today's students, otherwise from adults'. */
export function personName(rng: Rng, sex: Sex, young: boolean, base = pickSurname(rng)): PersonName {
  const first = young ? rng.pick(sex === 'm' ? BOYS : GIRLS) : rng.pick(sex === 'm' ? MEN : WOMEN);
  const fatherFirst = rng.pick(FATHERS);
  // About one in a hundred has no patronymic (documents issued abroad).
  const middle = rng.chance(0.01) ? null : patronymic(fatherFirst, sex);
  return { last: surnameFor(base, sex), first, middle, fatherFirst };
}

export function pickAdultFirst(rng: Rng, sex: Sex): string {
  return rng.pick(sex === 'm' ? MEN : WOMEN);
}

export function pickFather(rng: Rng): string {
  return rng.pick(FATHERS);
}

export function fullName(n: { last: string; first: string; middle: string | null }): string {
  return [n.last, n.first, n.middle].filter(Boolean).join(' ');
}

/** «Иванова А. П.» */
export function initials(n: { last: string; first: string; middle: string | null }): string {
  return [n.last, `${n.first[0]}.`, n.middle ? `${n.middle[0]}.` : ''].filter(Boolean).join(' ');
}

/**
 * Alphabetical order of people, the same on every machine: code points with ё as е (no locale
 * collation, whose tables differ between ICU versions and would break determinism).
 */
export function byName(a: { last: string; first: string }, b: { last: string; first: string }): number {
  const key = (p: { last: string; first: string }) => `${p.last} ${p.first}`.toLowerCase().replaceAll('ё', 'е');
  const x = key(a),
    y = key(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

const STREETS = [
  'Мира',
  'Ленина',
  'Энергетиков',
  'Спортивная',
  'Советская',
  'Космонавтов',
  'Строителей',
  'Победы',
  'Куйбышева',
  'Заводская',
  'Молодёжная',
  'Садовая',
  'Гагарина',
  'Пушкина',
  'Октябрьская',
];
const TOWNS_COLLEGE = [
  'г. Южноуральск',
  'г. Южноуральск',
  'г. Южноуральск',
  'г. Пласт',
  'г. Троицк',
  'п. Увельский',
  'с. Кичигино',
];
const TOWNS_CENTRE = ['г. Кандалакша', 'г. Кандалакша', 'г. Кандалакша', 'п. Зеленоборский', 'с. Лувеньга'];

export function address(rng: Rng, supplementary: boolean): string {
  const town = rng.pick(supplementary ? TOWNS_CENTRE : TOWNS_COLLEGE);
  const house = `ул. ${rng.pick(STREETS)}, д. ${rng.int(1, 87)}`;
  return rng.chance(0.7) ? `${town}, ${house}, кв. ${rng.int(1, 120)}` : `${town}, ${house}`;
}

export function phone(rng: Rng): string {
  const two = () => String(rng.int(0, 99)).padStart(2, '0');
  return `+7 9${rng.int(0, 9)}${rng.int(0, 9)} ${rng.int(100, 999)}-${two()}-${two()}`;
}
