import { generateOneTimePassword } from '../../db/passwords.js';
import { createInstitution } from '../services/setup.js';
import type { InstitutionKind } from '../../db/schema.js';
import { CliError, requireFlag, type CliCommand } from './command.js';
import { openForCli } from './open.js';

export const initCommand: CliCommand = {
  name: 'init',
  options: { db: 'string', name: 'string', short: 'string', kind: 'string', director: 'string', admin: 'string' },
  usage:
    'init --db FILE [--name "…"] [--short "…"] [--kind college|school|supplementary] [--director "…"] [--admin LOGIN]',
  summary: 'создать базу: организация и первый администратор (одноразовый пароль печатается)',
  async run(_positional, flags) {
    const db = requireFlag(flags, 'db', 'файл базы данных');
    const kind = (typeof flags.kind === 'string' ? flags.kind : 'college') as InstitutionKind;
    if (!['college', 'school', 'supplementary'].includes(kind))
      throw new CliError('--kind: college, school или supplementary');
    const core = await openForCli(flags, db, { allowNew: true });
    try {
      const login = typeof flags.admin === 'string' ? flags.admin : 'admin';
      const password = generateOneTimePassword();
      await createInstitution(core.deps.db, core.deps.clock.now(), {
        fullName: typeof flags.name === 'string' ? flags.name : 'Образовательная организация',
        shortName: typeof flags.short === 'string' ? flags.short : 'ОО',
        kind,
        directorName: typeof flags.director === 'string' ? flags.director : '',
        admin: { login, lastName: 'Администратор', firstName: 'Журнала', password, mustChange: true },
      });
      console.log(`База создана: ${core.handle.url}`);
      console.log(`Администратор: логин ${login}, одноразовый пароль ${password} (сменить при первом входе)`);
      return 0;
    } finally {
      await core.close();
    }
  },
};
