// How a dated timetable change reads on a week's timetable (the home page, the family week, the
// deputy's list): «отмена: болезнь», «перенос на 03.12.2026, 2-е занятие», «замена: Петров П. П.».
import { ruDate } from './format-dates.js';
import { TIMETABLE_CHANGE_LABELS } from './labels.js';
import type { TimetableChangeKind } from './enums.js';

interface Place {
  date: string;
  lessonNo: number;
}

export interface ChangeText {
  kind: TimetableChangeKind;
  reason: string | null;
  substituteName: string | null;
  from: Place | null;
  to: Place | null;
}

const place = (p: Place) => `${ruDate(p.date)}, ${p.lessonNo}-е занятие`;

/** What the change says besides its kind: «на 03.12.2026, 2-е занятие (болезнь)», «Петров П. П.». */
export function slotChangeDetails(c: ChangeText): string {
  const reason = c.reason ? ` (${c.reason})` : '';
  switch (c.kind) {
    case 'cancel':
      return c.reason ?? '';
    case 'move':
      return c.to ? `на ${place(c.to)}${reason}` : c.from ? `с ${place(c.from)}${reason}` : (c.reason ?? '');
    case 'substitute':
      return `${c.substituteName ?? '—'}${reason}`;
    case 'extra':
      return c.reason ?? '';
  }
}

/** «отмена: болезнь», «перенос на 03.12.2026, 2-е занятие», «замена: Петров П. П. (курсы)». */
export function slotChangeText(c: ChangeText): string {
  const label = TIMETABLE_CHANGE_LABELS[c.kind];
  const details = slotChangeDetails(c);
  if (!details) return label;
  return c.kind === 'move' ? `${label} ${details}` : `${label}: ${details}`;
}
