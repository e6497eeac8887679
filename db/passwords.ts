// Salted scrypt password hashes (node:crypto): `scrypt$N$r$p$salt$hash`, base64 parts.
import crypto from 'node:crypto';

const N = 16384,
  R = 8,
  P = 1,
  KEYLEN = 64;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(password.normalize('NFC'), salt, KEYLEN, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, n: number = N): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, n, R, P);
  return ['scrypt', n, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * A generated one-time password is ~47 random bits and must be replaced at first login, so a quarter
 * of the cost is still far beyond guessing, and a department's slips (hundreds at once) take seconds
 * rather than a minute. Passwords people choose keep the full cost. The cost is stored in the hash.
 */
export const ONE_TIME_COST = 4096;

export function hashOneTimePassword(password: string): Promise<string> {
  return hashPassword(password, ONE_TIME_COST);
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return key.length === expected.length && crypto.timingSafeEqual(key, expected);
}

export const MIN_PASSWORD_LENGTH = 8;

/** The rules `passwordProblem` checks, in the words shown to the person choosing a password. */
export function passwordRules(): string[] {
  return [`не короче ${MIN_PASSWORD_LENGTH} символов`, 'буквы и хотя бы одна цифра', 'не содержит логин'];
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, login?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Пароль должен быть не короче ${MIN_PASSWORD_LENGTH} символов`;
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return 'Пароль должен содержать буквы и цифры';
  if (login && password.toLowerCase().includes(login.toLowerCase())) return 'Пароль не должен содержать логин';
  return null;
}

/** A one-time password that is easy to read off a slip: no 0/O, 1/l/I. */
export function generateOneTimePassword(length = 10): string {
  const letters = 'abcdefghjkmnpqrstuvwxyz';
  const digits = '23456789';
  const all = letters + digits;
  const chars = Array.from({ length }, (_, i) => {
    const pool = i === 0 ? letters : i === 1 ? digits : all;
    return pool[crypto.randomInt(pool.length)]!;
  });
  return chars.join('');
}
