// A real SMTP server on loopback (the `smtp-server` package) that keeps what it receives, parsed back by
// `mailparser`: tests see the letters as a mail program would. It can require a login, refuse a mailbox
// for good (550), and be stopped and started again on the same port (a server that is down).
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: ParsedMail['headers'];
}

export interface TestSmtp {
  port: number;
  received: Received[];
  /** Mailboxes refused with 550 (the letter can never be delivered). */
  refuse: Set<string>;
  /** Logins and passwords the server accepts; empty: no login needed. */
  users: Map<string, string>;
  /** How long the server holds its «250» after a letter has come in (a slow server, for the kill drill). */
  delayMs: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Resolves when `n` letters have been received in all. */
  waitFor(n: number, ms?: number): Promise<void>;
}

export async function startSmtp(port = 0): Promise<TestSmtp> {
  const received: Received[] = [];
  const refuse = new Set<string>();
  const users = new Map<string, string>();
  const waiters: Array<() => void> = [];
  let server: SMTPServer | null = null;
  const make = () =>
    new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (users.get(auth.username ?? '') === auth.password) return callback(null, { user: auth.username });
        return callback(Object.assign(new Error('Неверный логин или пароль'), { responseCode: 535 }));
      },
      onMailFrom(_address, session, callback) {
        if (users.size > 0 && !session.user)
          return callback(Object.assign(new Error('Authentication required'), { responseCode: 530 }));
        callback();
      },
      onRcptTo(address, _session, callback) {
        if (refuse.has(address.address))
          return callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
        callback();
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push({
              to: session.envelope.rcptTo.map((r) => r.address).join(', '),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              messageId: mail.messageId ?? '',
              headers: mail.headers,
            });
            for (const w of waiters.splice(0)) w();
            setTimeout(() => callback(), smtp.delayMs);
          })
          .catch((error: Error) => callback(error));
      },
    });
  const listen = (p: number) =>
    new Promise<number>((resolve, reject) => {
      server = make();
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => resolve((server!.server.address() as AddressInfo).port));
    });
  const smtp: TestSmtp = {
    port: await listen(port),
    received,
    refuse,
    users,
    delayMs: 0,
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
    start: async () => {
      await listen(smtp.port);
    },
    waitFor: async (n, ms = 10_000) => {
      const until = Date.now() + ms;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`Ждали ${n} писем, пришло ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
  };
  return smtp;
}
