// The numbers of a PDF content stream (canvas.ts num): to 1/100 pt, exactly the text String() gives the rounded
// value, which the documents were made with before num() put it together itself.
import { expect, it } from 'vitest';
import { num } from '../../electron/export/pdf/canvas.js';

const reference = (value: number) => String(Math.round(value * 100) / 100);

it('writes every coordinate as String() writes it rounded to 1/100', () => {
  const edges = [0, -0, 0.004, -0.004, 0.005, -0.005, 0.05, -0.05, 0.1, 0.07, 1.005, 12.5, -12.05, 841.89, 595.28];
  for (const value of [...edges, 1e-9, -1e-9, 123456.78, 1e16, -1e17, NaN, Infinity]) {
    expect(num(value), String(value)).toBe(reference(value));
  }
  let seed = 20261206;
  const wrong: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    seed = (seed * 16807) % 2147483647;
    const value = (seed / 2147483647) * 1800 - 900;
    for (const v of [value, Math.round(value)]) if (num(v) !== reference(v)) wrong.push(`${v}: ${num(v)}`);
  }
  expect(wrong).toEqual([]);
  expect([num(12.3), num(-7), num(0.01), num(2.1)]).toEqual(['12.3', '-7', '0.01', '2.1']);
});
