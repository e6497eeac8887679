// A new one-time password, the same whether the administrator issues it from the users screen or
// whoever reaches the database does from the command line (`reset-password`).
import { generateOneTimePassword, hashOneTimePassword } from '../../../db/passwords.js';
import type { Db } from '../context.js';
import { clearAccount } from '../login-throttle.js';
import { endUserSessions } from '../web-sessions.js';

/** A fresh one-time password and its hash (hashed before any transaction opens: scrypt is slow). */
export async function newOneTimePassword(): Promise<{ password: string; hash: string }> {
  const password = generateOneTimePassword();
  return { password, hash: await hashOneTimePassword(password) };
}

/**
 * Inside the caller's transaction: the account takes the new password, must change it at the next
 * login, its lock is lifted, the login throttle forgets it and the old password's sessions end.
 * The row version guards what the card edits (profile, roles, state), not the password: no bump.
 */
export async function applyOneTimePassword(
  trx: Db,
  user: { id: number; login_key: string },
  hash: string,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('users')
    .set({
      password_hash: hash,
      must_change_password: 1,
      failed_attempts: 0,
      locked_until: null,
      updated_at: now.toISOString(),
    })
    .where('id', '=', user.id)
    .execute();
  await endUserSessions(trx, user.id);
  await clearAccount(trx, user.login_key);
}
