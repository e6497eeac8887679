// Password hashes: salted scrypt; a generated one-time password at a quarter of the cost, a chosen
// one at the full cost; the cost travels in the hash so both verify.
import { describe, expect, it } from 'vitest';
import {
  generateOneTimePassword,
  hashOneTimePassword,
  hashPassword,
  ONE_TIME_COST,
  passwordProblem,
  verifyPassword,
} from '../../db/passwords.js';

describe('passwords', () => {
  it(
    'hashes chosen passwords at full cost and one-time ones cheaper, both verifiable, never the same ' + 'twice',
    async () => {
      const chosen = await hashPassword('Свой2026пароль');
      const once = await hashOneTimePassword('k7m2xq9hpz');
      expect(chosen.split('$').slice(0, 4)).toEqual(['scrypt', '16384', '8', '1']);
      expect(once.split('$').slice(0, 4)).toEqual(['scrypt', String(ONE_TIME_COST), '8', '1']);
      expect(await verifyPassword('Свой2026пароль', chosen)).toBe(true);
      expect(await verifyPassword('k7m2xq9hpz', once)).toBe(true);
      expect(await verifyPassword('k7m2xq9hpZ', once)).toBe(false);
      expect(await hashOneTimePassword('k7m2xq9hpz')).not.toBe(once);
      expect(await verifyPassword('x', 'plain-text')).toBe(false);
    },
  );

  it('generates readable one-time passwords that pass the password rules', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const p = generateOneTimePassword();
      expect(p).toMatch(/^[a-hjkmnp-z][2-9][a-hjkmnp-z2-9]{8}$/);
      expect(passwordProblem(p)).toBeNull();
      seen.add(p);
    }
    expect(seen.size).toBe(500);
  });

  it('refuses weak passwords in Russian', () => {
    expect(passwordProblem('abc1')).toMatch(/не короче 8 символов/);
    expect(passwordProblem('абвгдежзик')).toMatch(/буквы и цифры/);
    expect(passwordProblem('12345678')).toMatch(/буквы и цифры/);
    expect(passwordProblem('ivanov.ps2026', 'Ivanov.PS')).toMatch(/не должен содержать логин/);
  });
});
