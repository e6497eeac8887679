// Login on the open Internet (DESIGN §9): failed logins are counted by client address, by account and
// by account from one address, in the database so that every `serve` process sees the same counts.
// Answers slow down as failures grow, then the address (or the address for that account) is refused
// for a while — but the account itself is never locked for everyone: its owner logs in from another
// address. Only when an account is tried from many addresses at once are addresses it never logged in
// from refused too. The audit log gets a row for the first failure of an account from an address in a
// window and for each block, at most `auditPerWindow` rows a window in all, so a flood cannot grow it
// without bound (it stays append-only; the counts live here).
import { AppError } from '../api/errors.js';
import { audit } from './audit.js';
import type { Db } from './context.js';

export const LOGIN_THROTTLE = {
  windowMinutes: 15,
  /** Failures of one account from one address before that address is refused for that account. */
  pairBlockAfter: 5,
  /** Failures from one address (any accounts, unknown ones too) before the address is refused. */
  addressBlockAfter: 20,
  /** Failures on one account from all addresses before only its known addresses may try. */
  accountGuardAfter: 50,
  blockMinutes: 15,
  /** Every failed login is answered no sooner than this: an unknown login looks like a known one. */
  failureFloorMs: 400,
  maxDelayMs: 8_000,
  /** An address the account logged in from is «known» this long. */
  knownDays: 60,
  auditPerWindow: 200,
};

export interface Attempt {
  loginKey: string;
  address: string;
  now: Date;
}

interface Row {
  key: string;
  failures: number;
  window_start: string;
  blocked_until: string | null;
}

export type BlockScope = 'address' | 'pair' | 'account';

const keys = (a: Attempt) => ({
  address: `addr:${a.address}`,
  pair: `pair:${a.loginKey}@${a.address}`,
  account: `acct:${a.loginKey}`,
  known: `known:${a.loginKey}@${a.address}`,
});
const AUDIT_KEY = 'audit:window';
const windowMs = () => LOGIN_THROTTLE.windowMinutes * 60_000;

/** Failures counted in the row's window, 0 when the window has passed. */
function live(row: Row | undefined, now: Date): number {
  if (!row) return 0;
  return now.getTime() - Date.parse(row.window_start) < windowMs() ? row.failures : 0;
}

async function readRows(db: Db, keyList: string[]): Promise<Map<string, Row>> {
  const rows = await db
    .selectFrom('login_throttle')
    .select(['key', 'failures', 'window_start', 'blocked_until'])
    .where('key', 'in', keyList)
    .execute();
  return new Map(rows.map((r) => [r.key, r]));
}

/** Why this attempt is refused before its password is even checked, or null. */
export async function blockOf(db: Db, attempt: Attempt): Promise<{ until: Date; scope: BlockScope } | null> {
  const k = keys(attempt);
  const rows = await readRows(db, [k.address, k.pair, k.account, k.known]);
  const now = attempt.now;
  const until = (row: Row | undefined) =>
    row?.blocked_until && Date.parse(row.blocked_until) > now.getTime() ? new Date(row.blocked_until) : null;
  const byAddress = until(rows.get(k.address));
  if (byAddress) return { until: byAddress, scope: 'address' };
  const byPair = until(rows.get(k.pair));
  if (byPair) return { until: byPair, scope: 'pair' };
  const account = rows.get(k.account);
  const known = rows.get(k.known);
  const knownLive = known && now.getTime() - Date.parse(known.window_start) < LOGIN_THROTTLE.knownDays * 86_400_000;
  if (account && live(account, now) >= LOGIN_THROTTLE.accountGuardAfter && !knownLive) {
    return { until: new Date(Date.parse(account.window_start) + windowMs()), scope: 'account' };
  }
  return null;
}

export interface FailureOutcome {
  /** Set when this failure started a block. */
  blocked: { until: Date; scope: BlockScope } | null;
  /** How long the answer to this attempt should take in all. */
  answerAfterMs: number;
}

/** Count a failed login (wrong password or unknown login — the same work for both). */
export async function recordFailure(
  db: Db,
  attempt: Attempt,
  who: { userId: number; login: string } | null,
  reason: string,
): Promise<FailureOutcome> {
  const k = keys(attempt);
  const now = attempt.now;
  const at = now.toISOString();
  const rows = await readRows(db, [k.address, k.pair, k.account, AUDIT_KEY]);
  const next = (key: string) => {
    const row = rows.get(key);
    const count = live(row, now);
    return {
      failures: count + 1,
      windowStart: count > 0 ? row!.window_start : at,
      blockedUntil: row?.blocked_until ?? null,
    };
  };
  const blockUntil = new Date(now.getTime() + LOGIN_THROTTLE.blockMinutes * 60_000);
  const address = next(k.address);
  const pair = next(k.pair);
  const account = next(k.account);
  let blocked: FailureOutcome['blocked'] = null;
  if (address.failures >= LOGIN_THROTTLE.addressBlockAfter) {
    address.blockedUntil = blockUntil.toISOString();
    blocked = { until: blockUntil, scope: 'address' };
  }
  if (pair.failures >= LOGIN_THROTTLE.pairBlockAfter) {
    pair.blockedUntil = blockUntil.toISOString();
    blocked ??= { until: blockUntil, scope: 'pair' };
  }
  for (const [key, value, loginKey] of [
    [k.address, address, null],
    [k.pair, pair, attempt.loginKey],
    [k.account, account, attempt.loginKey],
  ] as const) {
    await upsert(db, {
      key,
      login_key: loginKey,
      failures: value.failures,
      window_start: value.windowStart,
      blocked_until: value.blockedUntil,
      updated_at: at,
    });
  }

  const auditWindow = next(AUDIT_KEY);
  const written = auditWindow.failures - 1;
  if (written === 0) await prune(db, now);
  const worth = pair.failures === 1 || blocked !== null;
  if (worth && written <= LOGIN_THROTTLE.auditPerWindow) {
    await upsert(db, {
      key: AUDIT_KEY,
      login_key: null,
      failures: auditWindow.failures,
      window_start: auditWindow.windowStart,
      blocked_until: null,
      updated_at: at,
    });
    if (written === LOGIN_THROTTLE.auditPerWindow) {
      await audit(db, null, now, {
        action: 'auth.login_flood',
        entity: 'user',
        after: {
          note:
            `Более ${LOGIN_THROTTLE.auditPerWindow} записей о неудачных входах за ${LOGIN_THROTTLE.windowMinutes} ` +
            `мин: ` +
            'остальные только подсчитываются',
        },
      });
    } else {
      const after = {
        login: who ? undefined : attempt.loginKey,
        address: attempt.address,
        reason,
        attempts: pair.failures,
        fromAddress: address.failures,
      };
      await audit(db, who, now, { action: 'auth.login_failed', entity: 'user', entityId: who?.userId ?? null, after });
      if (blocked) {
        await audit(db, who, now, {
          action: 'auth.lockout',
          entity: 'user',
          entityId: who?.userId ?? null,
          after: {
            login: who ? undefined : attempt.loginKey,
            address: attempt.address,
            scope: blocked.scope,
            until: blocked.until.toISOString(),
            failures: blocked.scope === 'address' ? address.failures : pair.failures,
          },
        });
      }
    }
  }
  const steps = Math.max(pair.failures - 2, address.failures - 5, 0);
  const extra = steps === 0 ? 0 : Math.min(LOGIN_THROTTLE.maxDelayMs, 500 * 2 ** (steps - 1));
  return { blocked, answerAfterMs: LOGIN_THROTTLE.failureFloorMs + extra };
}

/** A successful login: the address's failures on the account are forgotten and the address is known. */
export async function recordSuccess(db: Db, attempt: Attempt): Promise<void> {
  const k = keys(attempt);
  const at = attempt.now.toISOString();
  await db.deleteFrom('login_throttle').where('key', '=', k.pair).execute();
  await upsert(db, {
    key: k.known,
    login_key: attempt.loginKey,
    failures: 0,
    window_start: at,
    blocked_until: null,
    updated_at: at,
  });
}

/** An administrator unblocks an account: its failures from every address are forgotten. */
export async function clearAccount(db: Db, loginKey: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('login_key', '=', loginKey).where('key', 'not like', 'known:%').execute();
}

/** The Russian refusal for a blocked attempt, with the seconds to wait (the HTTP host sends Retry-After). */
export function blockedError(block: { until: Date; scope: BlockScope }, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((block.until.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  const time = block.until.toLocaleTimeString('ru-RU', { hour: '2-digit', minute: '2-digit' });
  const what =
    block.scope === 'account'
      ? 'К этой учётной записи слишком часто пытаются подобрать пароль, поэтому вход с новых адресов временно закрыт.'
      : 'Слишком много неверных попыток входа с этого адреса.';
  return new AppError(
    'too_many',
    `${what} Повторите через ${minutes} мин (после ${time}) ` + 'или обратитесь к администратору',
    undefined,
    { retryAfterSeconds: seconds },
  );
}

async function upsert(
  db: Db,
  row: {
    key: string;
    login_key: string | null;
    failures: number;
    window_start: string;
    blocked_until: string | null;
    updated_at: string;
  },
): Promise<void> {
  await db
    .insertInto('login_throttle')
    .values(row)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        login_key: row.login_key,
        failures: row.failures,
        window_start: row.window_start,
        blocked_until: row.blocked_until,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** Once a window: forget counts whose window and block have passed, and addresses not seen for long. */
async function prune(db: Db, now: Date): Promise<void> {
  const stale = new Date(now.getTime() - 2 * windowMs()).toISOString();
  const forgotten = new Date(now.getTime() - LOGIN_THROTTLE.knownDays * 86_400_000).toISOString();
  const at = now.toISOString();
  await db
    .deleteFrom('login_throttle')
    .where('key', 'not like', 'known:%')
    .where('key', '!=', AUDIT_KEY)
    .where('updated_at', '<', stale)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', at)]))
    .execute();
  await db.deleteFrom('login_throttle').where('key', 'like', 'known:%').where('updated_at', '<', forgotten).execute();
}
