// The secrets of the mail: the SMTP password is kept in the database encrypted (AES-256-GCM) with a key that
// lives only in the user-data folder (`keys/mail.key`), so a copy of the database alone does not give the
// mailbox away; unsubscribe links are signed (HMAC-SHA256) with a secret kept in the database, so that every
// `serve` process of the journal accepts the links any of them sent.
import crypto from 'node:crypto';
import { AppError } from '../../api/errors.js';
import { SUBSCRIBABLE_MAIL_KINDS, type SubscribableMailKind } from '../../domain/enums.js';
import { createKeyFileOnce } from '../../platform/key-file.js';
import type { Db } from '../context.js';

export const MAIL_KEY_FILE = 'mail.key';

export interface MailKey {
  key: Buffer;
  /** The first 8 hex digits of the key's SHA-256: which key a stored password needs. */
  id: string;
}

/** The key, made the first time it is needed. */
export function mailKey(keysDir: string): MailKey {
  const text = createKeyFileOnce(keysDir, MAIL_KEY_FILE, crypto.randomBytes(32).toString('base64') + '\n');
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new AppError('internal', `Файл ключа почты повреждён: ${keysDir}/${MAIL_KEY_FILE}`);
  return { key, id: crypto.createHash('sha256').update(key).digest('hex').slice(0, 8) };
}

export function encryptSecret(plain: string, key: MailKey): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key.key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', key.id, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(
    ':',
  );
}

/** The password, or a Russian explanation of why this computer cannot read it. */
export function decryptSecret(stored: string, key: MailKey): string {
  if (stored === '') return '';
  const [version, id, iv, tag, body] = stored.split(':');
  if (version !== 'v1' || !iv || !tag || body === undefined)
    throw new AppError('internal', 'Пароль почтового сервера сохранён в неизвестном виде: введите его заново');
  if (id !== key.id)
    throw new AppError(
      'conflict',
      'Пароль почтового сервера зашифрован ключом другого компьютера: введите пароль заново в настройках почты ' +
        `или скопируйте файл keys/${MAIL_KEY_FILE} с того компьютера`,
    );
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new AppError('internal', 'Пароль почтового сервера не расшифровывается: введите его заново');
  }
}

const TOKEN_SECRET = 'mail_token_secret';

/** The signing secret of unsubscribe links, made once per journal (read first: the link's page is public). */
export async function tokenSecret(db: Db): Promise<Buffer> {
  const read = () => db.selectFrom('app_meta').select('value').where('key', '=', TOKEN_SECRET).executeTakeFirst();
  let row = await read();
  if (!row) {
    await db
      .insertInto('app_meta')
      .values({ key: TOKEN_SECRET, value: crypto.randomBytes(32).toString('base64') })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    row = await read();
  }
  return Buffer.from(row!.value, 'base64');
}

export interface UnsubscribeClaim {
  subscriptionId: number;
  kind: SubscribableMailKind;
}

function mac(secret: Buffer, payload: string): string {
  return crypto.createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url').slice(0, 32);
}

export function signUnsubscribe(secret: Buffer, claim: UnsubscribeClaim): string {
  const payload = `${claim.subscriptionId}.${claim.kind}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** The claim of a well-signed token; null for anything else (a forged, cut or altered link). */
export function verifyUnsubscribe(secret: Buffer, token: string): UnsubscribeClaim | null {
  const match = /^(\d{1,9})\.([a-z]{1,10})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const [, id, kind, signature] = match;
  const expected = Buffer.from(mac(secret, `${id}.${kind}`));
  if (!crypto.timingSafeEqual(expected, Buffer.from(signature!))) return null;
  if (!(SUBSCRIBABLE_MAIL_KINDS as readonly string[]).includes(kind!)) return null;
  return { subscriptionId: Number(id), kind: kind as SubscribableMailKind };
}
