// Reusable input schemas with Russian messages.
import { z } from 'zod';

export const id = (what = 'Идентификатор') =>
  z
    .number({ error: `${what}: ожидается число` })
    .int(`${what}: ожидается целое число`)
    .positive(`${what}: ожидается положительное число`);

/** A calendar date `YYYY-MM-DD` that exists. */
export const isoDate = (what = 'Дата') =>
  z.string({ error: `${what}: ожидается дата` }).refine(isValidIsoDate, `${what}: ожидается дата в формате ГГГГ-ММ-ДД`);

/** A month `YYYY-MM` (the time-sheet, the stipend sheet). */
export const yearMonth = () =>
  z.string({ error: 'Месяц: ожидается ГГГГ-ММ' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Месяц: ожидается ГГГГ-ММ');

export const text = (what: string, max = 200) =>
  z
    .string({ error: `${what}: ожидается текст` })
    .transform((s) => s.replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, `${what}: не заполнено`).max(max, `${what}: не длиннее ${max} символов`));

export const optionalText = (what: string, max = 2000) =>
  z
    .string({ error: `${what}: ожидается текст` })
    .max(max, `${what}: не длиннее ${max} символов`)
    .transform((s) => s.trim())
    .nullish()
    .transform((s) => (s ? s : null));

export const empty = z.object({}).strict();

export function isValidIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
