// How the importer reads what people type: dates, names, codes, phones; and the next course's name.
import { describe, expect, it } from 'vitest';
import { codeProblem, normalizeCode } from '../../electron/services/year/codes.js';
import { nextCourseName } from '../../electron/services/year/copy.js';
import { cleanName, nameKey } from '../../electron/services/year/common.js';
import { formatPhone, normalCase, parseDate, splitFullName } from '../../electron/services/year/import/cells.js';

describe('reading cells', () => {
  it('reads dates as Excel dates, serial numbers and Russian text, and says what is wrong', () => {
    expect(parseDate(new Date(Date.UTC(2010, 8, 1)))).toEqual({ date: '2010-09-01' });
    // A date written by a program in Moscow time: local midnight is 21:00 UTC the day before.
    expect(parseDate(new Date('2010-08-31T21:00:00Z'))).toEqual({ date: '2010-09-01' });
    expect(parseDate(40422)).toEqual({ date: '2010-09-01' });
    expect(parseDate('01.09.2010')).toEqual({ date: '2010-09-01' });
    expect(parseDate(' 1.9.2010 г. ')).toEqual({ date: '2010-09-01' });
    expect(parseDate('01/09/2010')).toEqual({ date: '2010-09-01' });
    expect(parseDate('2010-09-01')).toEqual({ date: '2010-09-01' });
    expect(parseDate('29.02.2011')).toEqual({ error: '«29.02.2011»: такой даты нет' });
    expect(parseDate('01.09.10')).toEqual({
      error: '«01.09.10»: год записан двумя цифрами — укажите четыре (01.09.2010)',
    });
    expect(parseDate('сентябрь')).toEqual({ error: '«сентябрь» — не дата: ожидается ДД.ММ.ГГГГ, например 01.09.2010' });
    expect(parseDate(2010)).toEqual({ error: '«2010» — не дата: укажите число, месяц и год (01.09.2010)' });
  });

  it('keeps names as written but cleans spaces, hyphens and CAPITALS', () => {
    expect(cleanName('  Римский  -  Корсаков ')).toBe('Римский-Корсаков');
    expect(normalCase('ЁЛКИНА-СМИРНОВА')).toBe('Ёлкина-Смирнова');
    expect(normalCase('иванов')).toBe('Иванов');
    expect(normalCase('Мак-Дональд')).toBe('Мак-Дональд');
    expect(normalCase('оглы')).toBe('Оглы');
    expect(splitFullName('Мамедов  Эльчин Рашид оглы')).toEqual({
      last: 'Мамедов',
      first: 'Эльчин',
      middle: 'Рашид оглы',
    });
    expect(splitFullName('Ли Анна')).toEqual({ last: 'Ли', first: 'Анна', middle: null });
    expect(nameKey('Ёлкина', 'Анна', null)).toBe(nameKey('елкина', 'АННА', ''));
    expect(formatPhone('8 (912) 345-67-89')).toBe('+7 912 345-67-89');
    expect(formatPhone('22-33-44')).toBe('22-33-44');
  });

  it('normalises subject codes and checks them against the kind', () => {
    expect(normalizeCode('оп 01')).toBe('ОП.01');
    expect(normalizeCode('OП,01')).toBe('ОП.01');
    expect(normalizeCode('МДК01.01')).toBe('МДК.01.01');
    expect(codeProblem('discipline', 'ОГСЭ.03')).toBeNull();
    expect(codeProblem('discipline', null)).toBeNull();
    expect(codeProblem('practice', 'ПП.01.01')).toBeNull();
    expect(codeProblem('practice', 'ОП.01')).toBe('код практики «ОП.01» не по образцу УП.01, ПП.01.01');
    expect(codeProblem('pm', null)).toBe('у профессионального модуля должен быть код (ПМ.01)');
  });

  it('names the group of the next course', () => {
    expect(nextCourseName('ЭС-21', 2)).toBe('ЭС-31');
    expect(nextCourseName('ИСП-110', 1)).toBe('ИСП-210');
    expect(nextCourseName('1-А', 1)).toBe('2-А');
    expect(nextCourseName('Робототехника, гр. 2', 1)).toBe('Робототехника, гр. 2');
  });
});
