// A new database: the institution's row and its first administrator.
import type { Kysely } from 'kysely';
import type { Database, InstitutionKind } from '../../db/schema.js';
import type { Me, Parsed, SetupStatus } from '../api/contract.js';
import { AppError, badInput } from '../api/errors.js';
import { audit } from './audit.js';
import type { ServiceContext } from './context.js';
import { hashPassword, passwordProblem, passwordRules } from '../../db/passwords.js';
import { login } from './auth.js';
import { DEFAULT_MARK_SCALE } from '../domain/scale.js';

export const DEFAULTS_BY_KIND: Record<
  InstitutionKind,
  { markScale: string; marksEnabled: number; periodKind: 'half_year' | 'semester' | 'quarter' }
> = {
  school: { markScale: '5,4,3,2', marksEnabled: 1, periodKind: 'quarter' },
  college: { markScale: DEFAULT_MARK_SCALE, marksEnabled: 1, periodKind: 'semester' },
  supplementary: { markScale: DEFAULT_MARK_SCALE, marksEnabled: 0, periodKind: 'half_year' },
};

/** An institution or any account means the first run is over: nobody may make a first administrator again. */
export async function isInitialized(db: Kysely<Database>): Promise<boolean> {
  const inst = await db.selectFrom('institution').select('id').executeTakeFirst();
  const user = await db.selectFrom('users').select('id').executeTakeFirst();
  return Boolean(inst || user);
}

/** A browser host that issued no setup code (the desktop app's LAN access) offers no first run. */
export const NO_SETUP_HERE =
  'Первоначальная настройка через браузер здесь не включена: настройте журнал в самой программе ' +
  'или запустите сервер командой serve — он напечатает код настройки';

export const CONNECT_ON_WEB =
  'На сервере база данных выбирается при его запуске (параметр --db), поэтому подключение к другой базе здесь не ' +
  'предлагается';

export async function status(ctx: ServiceContext): Promise<SetupStatus> {
  const web = ctx.host.setupCode !== undefined;
  return {
    initialized: await isInitialized(ctx.db),
    database: ctx.dialect,
    codeRequired: web,
    closed: web && !ctx.host.setupCode?.() ? NO_SETUP_HERE : null,
    connectUnavailable: web || !ctx.switchDatabase ? CONNECT_ON_WEB : null,
    restoreUnavailable: ctx.dialect === 'sqlite' && ctx.file ? null : RESTORE_NEEDS_FILE,
    passwordRules: passwordRules(),
    kind: (await ctx.db.selectFrom('institution').select('kind').executeTakeFirst())?.kind ?? null,
  };
}

export const RESTORE_NEEDS_FILE =
  'Журнал этой программы хранится не в файле (сервер PostgreSQL): восстановите копию средствами сервера (pg_restore)';

export interface InitInput {
  fullName: string;
  shortName: string;
  kind: InstitutionKind;
  directorName: string;
  admin: {
    login: string;
    lastName: string;
    firstName: string;
    middleName?: string | undefined;
    password: string;
    mustChange: boolean;
  };
}

/** Create the institution and the first admin in one transaction. */
export async function createInstitution(db: Kysely<Database>, now: Date, input: InitInput): Promise<number> {
  if (await isInitialized(db))
    throw new AppError('conflict', 'База уже настроена: организация и администратор существуют');
  const defaults = DEFAULTS_BY_KIND[input.kind];
  const hash = await hashPassword(input.admin.password);
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('institution').execute();
    const inst = await trx
      .insertInto('institution')
      .values({
        full_name: input.fullName,
        short_name: input.shortName,
        kind: input.kind,
        director_name: input.directorName,
        address: '',
        mark_scale: defaults.markScale,
        marks_enabled: defaults.marksEnabled,
        period_kind: defaults.periodKind,
        lessons_per_day: 8,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await trx
      .insertInto('users')
      .values({
        login: input.admin.login,
        login_key: input.admin.login.toLowerCase(),
        password_hash: hash,
        last_name: input.admin.lastName,
        first_name: input.admin.firstName,
        middle_name: input.admin.middleName || null,
        position: 'Администратор электронного журнала',
        phone: null,
        email: null,
        must_change_password: input.admin.mustChange ? 1 : 0,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('user_roles')
      .values({ user_id: user.id, role: 'admin', department_id: null, group_id: null })
      .execute();
    const who = { userId: user.id, login: input.admin.login };
    await audit(trx, who, now, {
      action: 'setup.initialize',
      entity: 'institution',
      entityId: inst.id,
      after: { fullName: input.fullName, kind: input.kind },
    });
    return user.id;
  });
}

export async function initialize(ctx: ServiceContext, input: Parsed<'setup.initialize'>): Promise<Me> {
  if (!/^[a-zA-Z0-9._-]{3,50}$/.test(input.admin.login)) {
    throw badInput('Логин: от 3 до 50 латинских букв, цифр, точек, дефисов или подчёркиваний', {
      'admin.login': 'Недопустимый логин',
    });
  }
  const problem = passwordProblem(input.admin.password, input.admin.login);
  if (problem) throw badInput(problem, { 'admin.password': problem });
  if (input.admin.password !== input.admin.passwordRepeat) {
    const differ = 'Пароли не совпадают: введите один и тот же пароль дважды';
    throw badInput(differ, { 'admin.passwordRepeat': differ });
  }
  const { setupCode: _code, ...rest } = input;
  const { passwordRepeat: _repeat, ...admin } = input.admin;
  await createInstitution(ctx.db, ctx.clock.now(), { ...rest, admin: { ...admin, mustChange: false } });
  return login(ctx, { login: input.admin.login, password: input.admin.password });
}
