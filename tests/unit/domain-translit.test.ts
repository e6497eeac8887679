// Latin letters for logins and e-mail addresses, and the logins made from a name with them.
import { describe, expect, it } from 'vitest';
import { translit } from '../../electron/domain/translit.js';
import { loginBase, uniqueLogin } from '../../electron/services/users/logins.js';

describe('transliteration', () => {
  it('writes every Russian letter in Latin, ъ and ь dropped', () => {
    expect(translit('абвгдеёжзийклмнопрстуфхцчшщъыьэюя')).toBe('abvgdeezhziyklmnoprstufkhtschshshchyeyuya');
    expect(translit('Ёлкина-Смирнова')).toBe('elkina-smirnova');
    expect(translit('Щукин')).toBe('shchukin');
    expect(translit('Подъячев')).toBe('podyachev');
  });

  it('keeps Latin letters and digits, drops the rest and hyphens at the ends', () => {
    expect(translit("O'Brien 2")).toBe('obrien2');
    expect(translit('-Анна-')).toBe('anna');
    expect(translit('Мак Дональд')).toBe('makdonald');
    expect(translit('«Ромашка»')).toBe('romashka');
  });

  it('makes the same logins from names as before', () => {
    expect(loginBase('Иванов', 'Пётр', 'Сергеевич')).toBe('ivanov.ps');
    expect(loginBase('Ёлкина-Смирнова', 'Юлия', null)).toBe('elkina-smirnova.y');
    expect(loginBase('Ли', '', null)).toBe('li0');
    expect(loginBase('Ъ', 'Ь', null)).toBe('user');
    const taken = new Set(['ivanov.ps']);
    expect(uniqueLogin('ivanov.ps', taken)).toBe('ivanov.ps2');
    expect(uniqueLogin('Ivanov.PS', taken)).toBe('Ivanov.PS3');
  });
});
