// The letters themselves, in Russian, as plain text and as HTML: whose they are (the institution), which
// child they are about, what happened, and how to stop them. Plain functions of what the queue read —
// nothing about any other child ever reaches them.
import type { AttendanceCode, SubscribableMailKind } from '../../domain/enums.js';
import { ATTENDANCE_LABELS } from '../../domain/labels.js';
import { MAIL_KIND_LABELS } from '../../domain/mail.js';
import { ruDate } from '../../domain/format-dates.js';
import type { Words } from '../../domain/vocabulary.js';

export interface LetterHead {
  institution: string;
  studentName: string;
  groupName: string | null;
  /** The family site, for «открыть дневник»; empty when not set. */
  siteUrl: string;
  unsubscribeUrl: string;
  kind: SubscribableMailKind;
  /** The institution's words: «пара» and «дисциплина» in a college, «занятие» and «программа» in a centre. */
  words: Words;
}

export interface MissedLesson {
  lessonNo: number;
  subject: string;
  code: AttendanceCode;
}

export interface MailedMark {
  date: string;
  subject: string;
  work: string;
  value: string;
}

export interface WeekContent {
  from: string;
  to: string;
  marks: MailedMark[];
  absences: Array<MissedLesson & { date: string }>;
  homework: Array<{ date: string; subject: string; text: string }>;
  excuses: Array<{ from: string; to: string; confirmed: boolean; note: string | null }>;
  finals: Array<{ period: string; subject: string; value: string }>;
}

export interface Composed {
  subject: string;
  text: string;
  html: string;
}

interface Section {
  title: string;
  rows: string[][];
  headers: string[];
}

export function absenceLetter(head: LetterHead, date: string, lessons: MissedLesson[]): Composed {
  return compose(
    head,
    `Пропуск занятий ${ruDate(date)}`,
    `${head.studentName} ${ruDate(date)} не был(а) на занятиях:`,
    [
      {
        title: '',
        headers: [head.words.Term('lesson'), head.words.Term('subject'), 'Отметка'],
        rows: lessons.map((l) => [String(l.lessonNo), l.subject, ATTENDANCE_LABELS[l.code]]),
      },
    ],
  );
}

export function dailyLetter(head: LetterHead, date: string, marks: MailedMark[]): Composed {
  return compose(head, `Новые отметки ${ruDate(date)}`, `Новые отметки: ${head.studentName}.`, [
    {
      title: '',
      headers: ['Дата', head.words.Term('subject'), 'Вид работы', 'Отметка'],
      rows: markRows(marks),
    },
  ]);
}

export function weeklyLetter(head: LetterHead, week: WeekContent): Composed {
  const w = head.words;
  const sections: Section[] = [];
  if (week.marks.length)
    sections.push({
      title: 'Отметки',
      headers: ['Дата', w.Term('subject'), 'Вид работы', 'Отметка'],
      rows: markRows(week.marks),
    });
  if (week.finals.length)
    sections.push({
      title: 'Итоговые отметки',
      headers: ['Период', w.Term('subject'), 'Отметка'],
      rows: week.finals.map((f) => [f.period, f.subject, f.value]),
    });
  if (week.absences.length)
    sections.push({
      title: 'Пропуски и опоздания',
      headers: [w.Term('lesson'), w.Term('subject'), 'Отметка'],
      rows: week.absences.map((a) => [`${ruDate(a.date)}, ${a.lessonNo}-й`, a.subject, ATTENDANCE_LABELS[a.code]]),
    });
  if (week.homework.length)
    sections.push({
      title: 'Домашние задания',
      headers: ['Задано', w.Term('subject'), 'Задание'],
      rows: week.homework.map((h) => [ruDate(h.date), h.subject, h.text]),
    });
  if (week.excuses.length)
    sections.push({
      title: 'Решения по объяснительным',
      headers: ['Дни', 'Решение', 'Комментарий'],
      rows: week.excuses.map((e) => [
        e.from === e.to ? ruDate(e.from) : `${ruDate(e.from)} – ${ruDate(e.to)}`,
        e.confirmed ? 'причина принята' : 'причина не принята',
        e.note ?? '',
      ]),
    });
  const span = `${ruDate(week.from)} – ${ruDate(week.to)}`;
  return compose(head, `Итоги недели ${span}`, `${head.studentName}: неделя ${span}.`, sections);
}

/** Is there anything to tell in a week (an empty summary is not sent)? */
export function weekHasNews(week: WeekContent): boolean {
  return week.marks.length + week.absences.length + week.homework.length + week.excuses.length + week.finals.length > 0;
}

function markRows(marks: MailedMark[]): string[][] {
  return marks.map((m) => [ruDate(m.date), m.subject, m.work, m.value]);
}

function compose(head: LetterHead, what: string, lead: string, sections: Section[]): Composed {
  const subject = `${what}: ${head.studentName} — ${head.institution}`;
  const about = head.groupName ? `${head.studentName}, ${head.groupName}` : head.studentName;
  const text = [
    head.institution,
    '',
    lead,
    '',
    ...sections.flatMap((s) => [
      ...(s.title ? [s.title.toUpperCase()] : []),
      ...s.rows.map((r) => r.filter(Boolean).join(' · ')),
      '',
    ]),
    ...(head.siteUrl ? [`Электронный дневник: ${head.siteUrl}/`, ''] : []),
    '—',
    `Письмо о ребёнке: ${about}. Рассылка «${MAIL_KIND_LABELS[head.kind]}».`,
    `Отписаться от этих писем: ${head.unsubscribeUrl}`,
  ].join('\n');
  const table = (s: Section) =>
    (s.title ? `<h2 style="font-size:16px;margin:20px 0 8px">${esc(s.title)}</h2>` : '') +
    '<table style="border-collapse:collapse;font-size:13px;width:100%">' +
    `<tr>${s.headers.map((h) => `<th style="${HEAD}">${esc(h)}</th>`).join('')}</tr>` +
    s.rows.map((r) => `<tr>${r.map((c) => `<td style="${CELL}">${esc(c)}</td>`).join('')}</tr>`).join('') +
    '</table>';
  const html =
    '<!doctype html><html lang="ru"><head><meta charset="utf-8">' +
    `<title>${esc(subject)}</title></head>` +
    '<body style="font-family:Arial,Helvetica,sans-serif;color:#1b1f24;max-width:640px;margin:0 auto;padding:16px">' +
    `<p style="color:#57606a;margin:0 0 12px">${esc(head.institution)}</p>` +
    `<p style="font-size:16px;margin:0 0 12px">${esc(lead)}</p>` +
    sections.map(table).join('') +
    (head.siteUrl
      ? `<p style="margin:20px 0"><a href="${esc(head.siteUrl)}/">Открыть электронный дневник</a></p>`
      : '') +
    '<hr style="border:none;border-top:1px solid #d0d7de;margin:20px 0">' +
    `<p style="font-size:12px;color:#57606a">Письмо о ребёнке: ${esc(about)}. ` +
    `Рассылка «${esc(MAIL_KIND_LABELS[head.kind])}». ` +
    `<a href="${esc(head.unsubscribeUrl)}">Отписаться от этих писем</a></p>` +
    '</body></html>';
  return { subject, text, html };
}

const CELL = 'border:1px solid #d0d7de;padding:3px 5px;vertical-align:top';
const HEAD = `${CELL};text-align:left;background:#f1f3f5`;

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
