// The one-time setup code: `serve` (and the demo on an empty database) prints it on its console, and
// the first-run actions over HTTP need it — an empty journal on the Internet must not let a stranger
// make themselves its administrator. The desktop window on its own PC is not asked for it.
import crypto from 'node:crypto';
import { AppError, badInput } from '../api/errors.js';
import type { ServiceContext } from './context.js';
import { isInitialized, NO_SETUP_HERE } from './setup.js';

// No 0/O, 1/I/L: read off a console and typed by hand. 12 of 31 letters ≈ 59 bits: not guessable online.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A new code, shown as `XXXX-XXXX-XXXX`. */
export function newSetupCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]!);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** What the user typed, as compared: case, spaces and dashes do not matter. */
export function normalizeSetupCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

function sameCode(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(normalizeSetupCode(given)).digest();
  const b = crypto.createHash('sha256').update(normalizeSetupCode(expected)).digest();
  return crypto.timingSafeEqual(a, b);
}

/**
 * The gate of every first-run method (called by dispatch): only while the database has no institution,
 * and, where the host asks for it, with the code it printed. Nothing has been changed when it refuses.
 */
export async function requireFirstRun(ctx: ServiceContext, code: string | undefined): Promise<void> {
  if (await isInitialized(ctx.db)) {
    throw new AppError('conflict', 'База уже настроена: организация и администратор существуют. Войдите в программу');
  }
  if (!ctx.host.setupCode) return;
  const expected = ctx.host.setupCode();
  if (!expected) throw new AppError('forbidden', NO_SETUP_HERE);
  if (!code?.trim()) {
    throw badInput('Введите код настройки: сервер напечатал его в консоли при запуске', {
      setupCode: 'Введите код настройки',
    });
  }
  if (!sameCode(code, expected)) {
    throw new AppError('forbidden', 'Неверный код настройки: введите код, который сервер напечатал при запуске', {
      setupCode: 'Неверный код',
    });
  }
}
