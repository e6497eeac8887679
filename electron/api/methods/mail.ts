import { z } from 'zod';
import { method } from '../define.js';
import { empty, id, text } from '../schemas.js';
import {
  MAIL_SECURITIES,
  MAIL_STATUSES,
  type MailKind,
  type MailSecurity,
  type MailStatus,
} from '../../domain/enums.js';
import { isEmailAddress } from '../../domain/mail.js';

export interface MailSettingsView {
  enabled: boolean;
  host: string;
  port: number;
  security: MailSecurity;
  login: string;
  /** A password is stored (it is never sent back). */
  passwordSet: boolean;
  /** Why this computer cannot read the stored password (made with another computer's key). */
  passwordProblem: string | null;
  fromName: string;
  fromAddress: string;
  /** The family site's public address, for the links in letters. */
  siteUrl: string;
  /** 0 until the settings are first saved. */
  version: number;
}

export interface MailTestResult {
  /** The server's answer, e.g. «250 2.0.0 Ok: queued as 3F2A1». */
  answer: string;
}

export interface MailLogRow {
  id: number;
  kind: MailKind;
  status: MailStatus;
  to: string;
  subject: string;
  studentName: string | null;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
  /** The server's last answer, or why it could not be reached. */
  lastAnswer: string | null;
}

export interface MailLog {
  counts: Record<MailStatus, number>;
  rows: MailLogRow[];
}

export interface MailSubscriptionInfo {
  id: number;
  email: string;
  absence: boolean;
  daily: boolean;
  weekly: boolean;
  version: number;
}

/** A possible recipient of letters about a child: a guardian, or the student themself (guardianId null). */
export interface MailRecipient {
  studentId: number;
  studentName: string;
  groupName: string | null;
  guardianId: number | null;
  /** «Иванова Мария Петровна (мать)» or «сам обучающийся». */
  name: string;
  /** The address in the student's or guardian's record. */
  recordEmail: string | null;
  subscription: MailSubscriptionInfo | null;
}

const email = z
  .string({ error: 'Адрес почты: ожидается текст' })
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(1, 'Адрес почты: не заполнено')
      .refine(isEmailAddress, 'Адрес почты: ожидается адрес вида name@example.ru'),
  );

const flag = (what: string) => z.boolean({ error: `${what}: ожидается да или нет` });

const choice = {
  email,
  absence: flag('Письмо о пропуске'),
  daily: flag('Отметки за день'),
  weekly: flag('Итоги недели'),
};

const siteUrl = z
  .string({ error: 'Адрес сайта: ожидается текст' })
  .transform((s) => s.trim().replace(/\/+$/, ''))
  .refine(
    (s) => s === '' || /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(s),
    'Адрес сайта для семей: ожидается адрес вида https://journal.example.ru',
  );

export const mailMethods = {
  'mail.settings': method<MailSettingsView>()({
    summary: 'Настройки почты: сервер SMTP, отправитель, адрес сайта для ссылок в письмах (без пароля)',
    access: ['admin'],
    input: empty,
  }),
  'mail.saveSettings': method<MailSettingsView>()({
    summary: 'Сохранить настройки почты; пароль хранится зашифрованным ключом этого компьютера',
    access: ['admin'],
    input: z
      .object({
        version: z.number({ error: 'Версия записи: ожидается число' }).int().min(0),
        enabled: flag('Отправлять письма'),
        host: text('Сервер SMTP', 200).refine(
          (s) => /^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/.test(s),
          'Сервер SMTP: ожидается имя вида smtp.example.ru или IP-адрес',
        ),
        port: z
          .number({ error: 'Порт: ожидается число' })
          .int('Порт: ожидается целое число')
          .min(1, 'Порт: от 1 до 65535')
          .max(65535, 'Порт: от 1 до 65535'),
        security: z.enum(MAIL_SECURITIES, { error: 'Шифрование: STARTTLS, TLS или без шифрования' }),
        login: z
          .string({ error: 'Логин: ожидается текст' })
          .max(200, 'Логин: не длиннее 200 символов')
          .transform((s) => s.trim()),
        /** Omitted: unchanged; empty: no password. */
        password: z.string({ error: 'Пароль: ожидается текст' }).max(500, 'Пароль: не длиннее 500 символов').optional(),
        fromName: text('Имя отправителя', 150),
        fromAddress: email,
        siteUrl,
      })
      .strict(),
  }),
  'mail.test': method<MailTestResult>()({
    summary: 'Отправить пробное письмо сейчас, по сохранённым настройкам, и показать ответ сервера',
    access: ['admin'],
    input: z.object({ to: email }).strict(),
  }),
  'mail.log': method<MailLog>()({
    summary: 'Журнал отправки писем: ждут, отправлены, не доставлены, с ответом сервера',
    access: ['admin'],
    input: z
      .object({
        status: z.enum(MAIL_STATUSES, { error: 'Состояние письма: неизвестное значение' }).nullish(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
  }),
  'mail.retry': method<MailLogRow>()({
    summary: 'Отправить ещё раз письмо, которое не доставлено или прервано',
    access: ['admin'],
    input: z.object({ id: id('Письмо') }).strict(),
  }),
  'mail.recipients': method<MailRecipient[]>()({
    summary: 'Кому из группы можно писать: обучающиеся и их родители с адресами и подписками',
    access: ['admin', 'dept_head'],
    input: z.object({ groupId: id('Группа') }).strict(),
  }),
  'mail.subscribe': method<MailRecipient>()({
    summary: 'Подписать родителя или обучающегося на письма (или изменить подписку)',
    access: ['admin', 'dept_head'],
    input: z.object({ studentId: id('Обучающийся'), guardianId: id('Родитель').nullable(), ...choice }).strict(),
  }),
  'mail.mine': method<MailRecipient[]>()({
    summary: 'Мои письма о ребёнке (или о себе): адрес и какие письма приходят',
    access: ['parent', 'student'],
    input: z.object({ studentId: id('Обучающийся') }).strict(),
  }),
  'mail.setMine': method<MailRecipient>()({
    summary: 'Изменить мой адрес и какие письма о ребёнке приходят',
    access: ['parent', 'student'],
    input: z.object({ studentId: id('Обучающийся'), ...choice }).strict(),
  }),
};
