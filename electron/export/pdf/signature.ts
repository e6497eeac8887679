// Signature lines and the «Копия верна» certification of a paper copy (000 §3.1.6, §3.2.3: the
// director or deputy certifies it «подписью, расшифровкой подписи и датой»).
import { ruDate, ruDay } from '../../domain/format-dates.js';
import type { PdfBuilder } from './document.js';
import { GREY_TEXT } from './canvas.js';
import type { FontStyle } from './fonts.js';

export interface Signer {
  /** «Директор», «Заместитель директора по УР»… */
  position: string;
  /** As it should be printed, e.g. «Иванова А. П.» (see shortName()). */
  name: string;
}

export interface SignatureOptions {
  /** A filled-in date; when absent a blank «"___" __________ 20__ г.» line is printed. */
  date?: Date | string | null;
  /** Print the date line at all; default true. */
  dateLine?: boolean;
  size?: number;
}

export interface Certification extends Signer {
  date?: Date | string | null;
  /** The archive's signing-key fingerprint, printed (in mono when embedded) under the date. */
  fingerprint?: string;
  /** Label before the fingerprint. */
  fingerprintLabel?: string;
}

export const BLANK_DATE = '"___" __________ 20__ г.';
const SIGN_LINE = '____________________';

/** «Иванов Пётр Сергеевич» → «Иванов П. С.» (a hyphenated first name keeps both initials). */
export function shortName(fullName: string): string {
  const [last, ...rest] = fullName.trim().split(/\s+/);
  const initials = rest.map((part) =>
    part
      .split('-')
      .map((p) => `${p.charAt(0).toUpperCase()}.`)
      .join('-'),
  );
  return [last ?? '', initials.join(' ')].filter(Boolean).join(' ');
}

/** 'YYYY-MM-DD' or a Date → «DD.MM.YYYY»; null or undefined → the blank date line. */
export function formatSignDate(date: Date | string | null | undefined): string {
  if (date === null || date === undefined || date === '') return BLANK_DATE;
  if (typeof date === 'string') {
    return /^\d{4}-\d{2}-\d{2}/.test(date) ? ruDate(date) : date;
  }
  return ruDay(date);
}

/** Columns of a signature line: position | signature | name. */
function columns(pdf: PdfBuilder, size: number) {
  const signWidth = pdf.fonts.width(SIGN_LINE, size);
  const positionWidth = Math.min(pdf.contentWidth * 0.42, pdf.contentWidth - signWidth - 140);
  const signX = pdf.left + positionWidth + 12;
  return { positionWidth, signX, signWidth, nameX: signX + signWidth + 10 };
}

/** «Должность ____________ /Фамилия И. О./» per signer, then the date line; kept on one page. */
export function drawSignatures(pdf: PdfBuilder, signers: readonly Signer[], options: SignatureOptions = {}): void {
  const size = options.size ?? 10;
  const fonts = pdf.fonts;
  const lh = fonts.lineHeight(size);
  const gap = size * 1.6; // room above the line for the hand-written signature
  const col = columns(pdf, size);
  const laid = signers.map((s) => ({ s, lines: fonts.wrap(s.position, col.positionWidth, size) }));
  const dateLine = options.dateLine !== false;
  const total = laid.reduce((sum, l) => sum + gap + l.lines.length * lh, 0) + (dateLine ? gap + lh : 0);
  pdf.ensureSpace(total);
  const base = fonts.baseline(size);
  for (const { s, lines } of laid) {
    pdf.y += gap;
    const page = pdf.page;
    lines.forEach((line, i) => page.text(line, pdf.left, pdf.y + i * lh + base, size));
    const last = pdf.y + (lines.length - 1) * lh + base;
    page.text(SIGN_LINE, col.signX, last, size);
    // No name known (a department head of the day): a line to write it in by hand.
    const name = s.name.trim() ? `/${s.name}/` : '/________________/';
    page.text(fonts.fit(name, pdf.right - col.nameX, size), col.nameX, last, size);
    pdf.y += lines.length * lh;
  }
  if (dateLine) {
    pdf.y += gap;
    pdf.page.text(formatSignDate(options.date), pdf.left, pdf.y + base, size);
    pdf.y += lh;
  }
  pdf.y += size;
}

const FP_SIZE = 8;

interface Run {
  text: string;
  x: number;
  line: number;
  style: FontStyle;
}

/** The label in the body font, then the fingerprint in mono beside it, or under it when too long. */
function fingerprintRuns(pdf: PdfBuilder, label: string, fingerprint: string): Run[] {
  const fonts = pdf.fonts;
  const style: FontStyle = fonts.has('mono') ? 'mono' : 'regular';
  const labelWidth = fonts.width(label, FP_SIZE) + 4;
  const beside = labelWidth + fonts.width(fingerprint, FP_SIZE, style) <= pdf.contentWidth;
  const lines = fonts.wrap(fingerprint, pdf.contentWidth - (beside ? labelWidth : 0), FP_SIZE, style);
  const runs: Run[] = [{ text: label, x: pdf.left, line: 0, style: 'regular' }];
  lines.forEach((text, i) =>
    runs.push({ text, x: pdf.left + (beside ? labelWidth : 0), line: beside ? i : i + 1, style }),
  );
  return runs;
}

/** «Копия верна», position, signature line with captions, name, date and the optional fingerprint. */
export function drawCertification(pdf: PdfBuilder, cert: Certification): void {
  const size = 10;
  const small = 6.5;
  const fonts = pdf.fonts;
  const lh = fonts.lineHeight(size);
  const fpLh = fonts.lineHeight(FP_SIZE);
  const col = columns(pdf, size);
  const positionLines = fonts.wrap(cert.position, col.positionWidth, size);
  const runs = cert.fingerprint
    ? fingerprintRuns(pdf, cert.fingerprintLabel ?? 'Отпечаток ключа подписи архива:', cert.fingerprint)
    : [];
  const fpLines = runs.length === 0 ? 0 : Math.max(...runs.map((r) => r.line)) + 1;
  const signGap = size * 2.2; // room above the line for the hand-written signature
  pdf.spacer(6);
  pdf.ensureSpace(lh + signGap + positionLines.length * lh + small * 1.6 + 10 + lh + 4 + fpLines * fpLh);
  const base = fonts.baseline(size);

  pdf.page.text('Копия верна', pdf.left, pdf.y + base, size + 1, 'bold');
  pdf.y += lh + signGap;
  const page = pdf.page;
  positionLines.forEach((line, i) => page.text(line, pdf.left, pdf.y + i * lh + base, size));
  const last = pdf.y + (positionLines.length - 1) * lh + base;
  page.text(SIGN_LINE, col.signX, last, size);
  page.text(fonts.fit(cert.name, pdf.right - col.nameX, size), col.nameX, last, size);
  const caption = last + small * 1.4;
  const signCaption = '(подпись)';
  page.text(
    signCaption,
    col.signX + (col.signWidth - fonts.width(signCaption, small)) / 2,
    caption,
    small,
    'regular',
    GREY_TEXT,
  );
  page.text('(расшифровка подписи)', col.nameX, caption, small, 'regular', GREY_TEXT);
  pdf.y += positionLines.length * lh + small * 1.6 + 10;

  page.text(formatSignDate(cert.date), pdf.left, pdf.y + base, size);
  pdf.y += lh + 4;
  for (const run of runs)
    page.text(run.text, run.x, pdf.y + run.line * fpLh + fonts.baseline(FP_SIZE), FP_SIZE, run.style, GREY_TEXT);
  pdf.y += fpLines * fpLh + 4;
}
