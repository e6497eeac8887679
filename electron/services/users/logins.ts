// Logins made from a person's name for accounts created with credential slips: «Иванов Пётр
// Сергеевич» → `ivanov.ps`, then `ivanov.ps2`… when taken. Latin only, so any keyboard can type them.
import { translit } from '../../domain/translit.js';

export function loginBase(last: string, first: string, middle: string | null): string {
  const surname = translit(last).slice(0, 30) || 'user';
  const initials = [first, middle ?? ''].map((p) => translit(p).slice(0, 1)).join('');
  return initials ? `${surname}.${initials}` : surname.padEnd(3, '0');
}

/** The base, or the base with the smallest number from 2 that is free; marks the result taken. */
export function uniqueLogin(base: string, taken: Set<string>): string {
  let login = base;
  for (let n = 2; taken.has(login.toLowerCase()); n++) login = `${base}${n}`;
  taken.add(login.toLowerCase());
  return login;
}

/** «Иванова Елена Петровна» → last, first, middle (a guardian's name is kept as one line). */
export function splitFullName(full: string): { last: string; first: string; middle: string | null } {
  const [last = '', first = '', ...rest] = full.replace(/\s+/g, ' ').trim().split(' ');
  return { last, first, middle: rest.length > 0 ? rest.join(' ') : null };
}
