// The institution's mail server, kept in the database (one row, the same for every process on the journal)
// with its password encrypted by this computer's key. Only the administrator reads or changes it, and the
// password never leaves the services again: the screen learns only that one is set.
import type { MailSettingsView, Parsed } from '../../api/contract.js';
import { AppError, badInput, conflict } from '../../api/errors.js';
import { audit } from '../audit.js';
import type { AuthedContext, Db, ServiceDeps } from '../context.js';
import { decryptSecret, encryptSecret, mailKey } from './secret.js';
import type { SmtpConfig } from './transport.js';

export type MailSettingsRow = NonNullable<Awaited<ReturnType<typeof readMailSettings>>>;

export async function readMailSettings(db: Db) {
  return db.selectFrom('mail_settings').selectAll().where('id', '=', 1).executeTakeFirst();
}

function viewOf(row: MailSettingsRow | undefined, keysDir: string): MailSettingsView {
  if (!row)
    return {
      enabled: false,
      host: '',
      port: 587,
      security: 'starttls',
      login: '',
      passwordSet: false,
      passwordProblem: null,
      fromName: '',
      fromAddress: '',
      siteUrl: '',
      version: 0,
    };
  let passwordProblem: string | null = null;
  try {
    decryptSecret(row.password, mailKey(keysDir));
  } catch (error) {
    passwordProblem = error instanceof Error ? error.message : String(error);
  }
  return {
    enabled: Boolean(row.enabled),
    host: row.host,
    port: row.port,
    security: row.security,
    login: row.login,
    passwordSet: row.password !== '',
    passwordProblem,
    fromName: row.from_name,
    fromAddress: row.from_address,
    siteUrl: row.site_url,
    version: row.version,
  };
}

export async function settings(ctx: AuthedContext): Promise<MailSettingsView> {
  return viewOf(await readMailSettings(ctx.db), ctx.paths.keys);
}

export async function saveSettings(ctx: AuthedContext, input: Parsed<'mail.saveSettings'>): Promise<MailSettingsView> {
  if (input.enabled && input.siteUrl === '')
    throw badInput('Укажите адрес сайта для семей: без него в письмах не будет ссылки, чтобы отписаться', {
      siteUrl: 'Нужен адрес сайта',
    });
  const now = ctx.clock.now().toISOString();
  const key = mailKey(ctx.paths.keys);
  return ctx.db.transaction().execute(async (tx) => {
    const before = await readMailSettings(tx);
    if ((before?.version ?? 0) !== input.version)
      throw conflict('Настройки почты только что изменил другой пользователь: откройте их заново');
    const password = input.password === undefined ? (before?.password ?? '') : encryptSecret(input.password, key);
    const values = {
      enabled: input.enabled ? 1 : 0,
      host: input.host,
      port: input.port,
      security: input.security,
      login: input.login,
      password: input.password === '' ? '' : password,
      from_name: input.fromName,
      from_address: input.fromAddress,
      site_url: input.siteUrl,
      updated_at: now,
    };
    await writeRow(tx, before, values);
    const shown = (v: typeof values | MailSettingsRow | undefined) =>
      v && { ...v, password: v.password === '' ? 'нет' : 'задан' };
    await audit(tx, ctx.session, ctx.clock.now(), {
      action: 'mail.settings',
      entity: 'mail_settings',
      entityId: 1,
      before: shown(before) ?? null,
      after: { ...shown(values), passwordChanged: input.password !== undefined },
    });
    return viewOf(await readMailSettings(tx), ctx.paths.keys);
  });
}

type RowValues = Omit<MailSettingsRow, 'id' | 'version'>;

/** The one row, written over the one read before it in the same transaction (or made). */
async function writeRow(tx: Db, before: MailSettingsRow | undefined, values: RowValues): Promise<void> {
  if (before)
    await tx
      .updateTable('mail_settings')
      .set({ ...values, version: before.version + 1 })
      .where('id', '=', 1)
      .execute();
  else
    await tx
      .insertInto('mail_settings')
      .values({ id: 1, ...values, version: 1 })
      .execute();
}

/** The server to send through, its password decrypted; a Russian reason when mail cannot be sent. */
export async function smtpConfig(deps: Pick<ServiceDeps, 'db' | 'paths'>): Promise<SmtpConfig & { siteUrl: string }> {
  const row = await readMailSettings(deps.db);
  if (!row || !row.host)
    throw new AppError('bad_request', 'Почта не настроена: укажите сервер SMTP в настройках почты');
  return {
    host: row.host,
    port: row.port,
    security: row.security,
    login: row.login,
    password: decryptSecret(row.password, mailKey(deps.paths.keys)),
    fromName: row.from_name,
    fromAddress: row.from_address,
    siteUrl: row.site_url,
  };
}

/**
 * Point the journal at a mail server that needs no login or encryption (the demo's local catcher): mail is
 * switched on and the links in letters lead to `siteUrl`. Written as the program, in the audit log.
 */
export async function presetLocalMailServer(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  server: { host: string; port: number; siteUrl: string },
): Promise<void> {
  const now = deps.clock.now();
  const values = {
    enabled: 1,
    host: server.host,
    port: server.port,
    security: 'none' as const,
    login: '',
    password: '',
    from_name: 'Электронный журнал',
    from_address: 'journal@demo.example',
    site_url: server.siteUrl.replace(/\/+$/, ''),
    updated_at: now.toISOString(),
  };
  await deps.db.transaction().execute(async (tx) => {
    const before = await readMailSettings(tx);
    await writeRow(tx, before, values);
    await audit(tx, null, now, { action: 'mail.settings', entity: 'mail_settings', entityId: 1, after: values });
  });
}
