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

export function slotChangeText(c: ChangeText): string {
  const label = TIMETABLE_CHANGE_LABELS[c.kind];
  const reason = c.reason ? ` (${c.reason})` : '';
  switch (c.kind) {
    case 'cancel':
      return `${label}${c.reason ? `: ${c.reason}` : ''}`;
    case 'move':
      return c.to ? `${label} на ${place(c.to)}${reason}` : c.from ? `${label} с ${place(c.from)}${reason}` : label;
    case 'substitute':
      return `${label}: ${c.substituteName ?? '—'}${reason}`;
    case 'extra':
      return `${label}${reason}`;
  }
}
