// Header matching for the Excel import: case, ё/е, punctuation and brackets do not matter, each list
// knows its synonyms, guardians without a number go to the first free representative, and every
// column that is not loaded is named.
import { describe, expect, it } from 'vitest';
import {
  matchHeaders,
  normaliseHeader,
  relationOfHeader,
  unloadedColumns,
  unloadedSentence,
} from '../../electron/domain/import-headers.js';

const STUDENT_FIELDS = [
  ['last', 'Фамилия'],
  ['first', 'Имя'],
  ['middle', 'Отчество'],
  ['full', 'ФИО'],
  ['birth', 'Дата рождения'],
  ['group', 'Группа'],
  ['phone', 'Телефон'],
  ['orderNo', 'Приказ о зачислении №'],
  ['orderDate', 'Дата приказа'],
  ['date', 'Дата зачисления'],
  ...[1, 2].flatMap((n) => [
    [`g${n}Name`, `Представитель ${n}: ФИО`],
    [`g${n}Relation`, `Представитель ${n}: кем приходится`],
    [`g${n}Phone`, `Представитель ${n}: телефон`],
  ]),
].map(([key, header]) => ({ key: key!, header: header! }));

const fieldsOf = (headers: string[], chosen: Record<string, string | null> = {}) =>
  matchHeaders('students', STUDENT_FIELDS, headers, chosen).columns.map((c) => [c.header, c.field, c.how]);

describe('import headers', () => {
  it('normalises case, ё/е, spaces, punctuation, brackets and the number sign', () => {
    expect(normaliseHeader('  Представитель 1: ФИО* ')).toBe('представитель1фио');
    expect(normaliseHeader('ДАТА РОЖДЕНИЯ')).toBe(normaliseHeader('дата  рождения.'));
    expect(normaliseHeader('Чётность')).toBe('четность');
    expect(normaliseHeader('Родитель (ФИО)')).toBe(normaliseHeader('родитель — фио'));
    expect(normaliseHeader('№ п/п')).toBe(normaliseHeader('N п.п.'));
  });

  it('recognises canonical headers and synonyms whatever their spelling', () => {
    expect(fieldsOf(['фамилия', 'ИМЯ', 'Дата рожд.', 'Класс', 'Зачислен с', 'Эл. почта'])).toEqual([
      ['фамилия', 'last', 'auto'],
      ['ИМЯ', 'first', 'auto'],
      ['Дата рожд.', 'birth', 'auto'],
      ['Класс', 'group', 'auto'],
      ['Зачислен с', 'date', 'auto'],
      ['Эл. почта', null, 'unknown'], // no e-mail field in this cut-down list
    ]);
  });

  it('gives parents without a number to free representatives, name and phone of one person together', () => {
    const m = matchHeaders('students', STUDENT_FIELDS, ['ФИО', 'Мать', 'Отец', 'Телефон отца', 'ТЕЛЕФОН МАТЕРИ']);
    expect(m.columns.map((c) => c.field)).toEqual(['full', 'g1Name', 'g2Name', 'g2Phone', 'g1Phone']);
    expect(m.implied).toEqual({ g1Relation: 'мать', g2Relation: 'отец' });
    const parent = matchHeaders('students', STUDENT_FIELDS, ['ФИО', 'Родитель (ФИО)', 'Телефон родителя']);
    expect(parent.columns.map((c) => c.field)).toEqual(['full', 'g1Name', 'g1Phone']);
    expect(parent.implied).toEqual({ g1Relation: 'родитель' });
    // A numbered representative keeps slot 1; the legal representative takes slot 2 and states no relation.
    const legal = matchHeaders('students', STUDENT_FIELDS, [
      'Представитель 1: ФИО',
      'Законный представитель',
      'Телефон законного представителя',
      'Кем приходится',
    ]);
    expect(legal.columns.map((c) => c.field)).toEqual(['g1Name', 'g2Name', 'g2Phone', 'g2Relation']);
    expect(legal.implied).toEqual({});
    expect(relationOfHeader('Представитель 1: ФИО')).toBeNull();
    expect(relationOfHeader('Телефон мамы')).toBe('мать');
  });

  it('names every column that is not loaded: unknown, ambiguous, duplicate, chosen out, row numbers', () => {
    const headers = ['№', 'ФИО', 'Обучающийся', 'Дата', 'Хобби', 'СНИЛС', 'Примечание'];
    const m = matchHeaders('students', STUDENT_FIELDS, headers, { Примечание: null });
    expect(m.columns.map((c) => [c.header, c.how])).toEqual([
      ['№', 'number'],
      ['ФИО', 'auto'],
      ['Обучающийся', 'duplicate'],
      ['Дата', 'ambiguous'],
      ['Хобби', 'unknown'],
      ['СНИЛС', 'unknown'],
      ['Примечание', 'skipped'],
    ]);
    expect(unloadedColumns(m.columns)).toEqual(['№', 'Обучающийся', 'Дата', 'Хобби', 'СНИЛС', 'Примечание']);
    expect(unloadedSentence(m.columns, STUDENT_FIELDS)).toBe(
      'Столбцы «Хобби», «СНИЛС» не распознаны и не загружены. ' +
        'Столбец «Дата» не загружен: непонятно, что в нём — «Дата приказа» или «Дата зачисления»; выберите при ' +
        'сопоставлении столбцов. ' +
        'Столбец «Обучающийся» не загружен: поле «ФИО» уже берётся из столбца «ФИО». ' +
        'Столбец «Примечание» не загружается (так выбрано). ' +
        'Номер по порядку («№») не загружается.',
    );
  });

  it('lets a chosen mapping take a field first, whatever the headers say', () => {
    expect(fieldsOf(['ФИО', 'Родитель (ФИО)', 'Дата'], { 'родитель фио': 'g2Name', ДАТА: 'orderDate' })).toEqual([
      ['ФИО', 'full', 'auto'],
      ['Родитель (ФИО)', 'g2Name', 'chosen'],
      ['Дата', 'orderDate', 'chosen'],
    ]);
    expect(fieldsOf(['Группа', 'Класс'], { Класс: 'group' })).toEqual([
      ['Группа', null, 'duplicate'],
      ['Класс', 'group', 'chosen'],
    ]);
  });
});

describe('import headers: a relation beside a chosen representative', () => {
  it('gives a lone «Кем приходится» to the representative whose name a chosen column gives', () => {
    const m = matchHeaders('students', STUDENT_FIELDS, ['ФИО', 'Контактное лицо', 'Кем приходится'], {
      'Контактное лицо': 'g1Name',
    });
    expect(m.columns.map((c) => c.field)).toEqual(['full', 'g1Name', 'g1Relation']);
  });
});
