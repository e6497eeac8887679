// One connection to the institution's SMTP server through nodemailer (loaded on first use, as the PDF
// libraries are): a letter is handed over and the server's answer kept; a refusal the server gives as
// final (5xx for the recipient or the message) is told apart from a server that is down or busy.
import type { MailSecurity } from '../../domain/enums.js';

export interface SmtpConfig {
  host: string;
  port: number;
  security: MailSecurity;
  login: string;
  password: string;
  fromName: string;
  fromAddress: string;
}

export interface Letter {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<…@…>`: the same letter has the same id, so a receiver can tell a repeat. */
  messageId: string;
  /** The one-click unsubscribe address (RFC 8058), when the letter is a subscription's. */
  unsubscribeUrl?: string | null;
}

/** A letter the server did not take: `permanent` — it will not take it later either. */
export class SendFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface MailTransport {
  send(letter: Letter): Promise<string>;
  close(): void;
}

type NodemailerModule = typeof import('nodemailer');
let loaded: Promise<NodemailerModule> | null = null;
const nodemailer = () => (loaded ??= import('nodemailer'));

/** Timeouts short enough that a dead server does not hold the sender for minutes. */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

export async function openTransport(config: SmtpConfig): Promise<MailTransport> {
  const mailer = await nodemailer();
  const transport = mailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    ignoreTLS: config.security === 'none',
    auth: config.login ? { user: config.login, pass: config.password } : undefined,
    pool: true,
    maxConnections: 1,
    ...TIMEOUTS,
  });
  const from = { name: config.fromName, address: config.fromAddress };
  return {
    async send(letter) {
      try {
        const info = await transport.sendMail({
          from,
          to: letter.to,
          subject: letter.subject,
          text: letter.text,
          html: letter.html,
          messageId: letter.messageId,
          ...(letter.unsubscribeUrl
            ? {
                list: { unsubscribe: letter.unsubscribeUrl },
                headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
              }
            : {}),
        });
        return String(info.response ?? 'принято');
      } catch (error) {
        throw failureOf(error);
      }
    },
    close: () => transport.close(),
  };
}

/** The server's answer in Russian words, and whether trying later can help. */
export function failureOf(error: unknown): SendFailure {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const answer = e.response ?? e.message ?? String(error);
  if (e.code === 'EAUTH') return new SendFailure(`Сервер не принял логин или пароль: ${answer}`, false);
  if (e.code === 'ECONNECTION' || e.code === 'ETIMEDOUT' || e.code === 'ESOCKET' || e.code === 'EDNS')
    return new SendFailure(`Нет связи с сервером почты: ${answer}`, false);
  // 5xx for the envelope or the message: the mailbox does not exist, the letter is refused for good.
  const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
  return new SendFailure(
    permanent ? `Сервер отказал: ${answer}` : `Сервер временно не принял письмо: ${answer}`,
    permanent,
  );
}
