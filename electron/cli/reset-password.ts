// For the day the only administrator is locked out or forgot the password: whoever can reach the
// database file (or the PostgreSQL server) issues a new one-time password from the command line.
import { audit } from '../services/audit.js';
import { applyOneTimePassword, newOneTimePassword } from '../services/users/password-reset.js';
import { CliError, requireFlag, type CliCommand } from './command.js';
import { openForCli } from './open.js';

export const resetPasswordCommand: CliCommand = {
  name: 'reset-password',
  options: { db: 'string', login: 'string' },
  usage: 'reset-password --login LOGIN [--db FILE|postgres://…]',
  summary: 'выдать пользователю одноразовый пароль и снять блокировку (если администратор не может войти)',
  async run(_positional, flags) {
    const login = requireFlag(flags, 'login', 'логин пользователя');
    const core = await openForCli(flags, typeof flags.db === 'string' ? flags.db : undefined);
    try {
      const db = core.deps.db;
      const user = await db
        .selectFrom('users')
        .select(['id', 'login', 'login_key', 'active'])
        .where('login_key', '=', login.toLowerCase())
        .executeTakeFirst();
      if (!user) throw new CliError(`Пользователь с логином «${login}» не найден`);
      if (!user.active)
        throw new CliError(
          `Учётная запись ${user.login} отключена: включите её в разделе «Пользователи» под другим администратором`,
        );
      const { password, hash } = await newOneTimePassword();
      const now = core.deps.clock.now();
      await db.transaction().execute(async (trx) => {
        // Whoever was refused for wrong passwords may try again, and the old password's sessions end.
        await applyOneTimePassword(trx, user, hash, now);
        await audit(trx, null, now, {
          action: 'users.password_reset',
          entity: 'user',
          entityId: user.id,
          after: { mustChangePassword: true, via: 'командная строка' },
        });
      });
      console.log(
        `Пользователь ${user.login}: одноразовый пароль ${password} (сменить при первом входе), блокировка снята`,
      );
      return 0;
    } finally {
      await core.close();
    }
  },
};
