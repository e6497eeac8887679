// Words and numbers of the archive screens.
import type { ArchiveDueState } from '../../../electron/api/contract';
import { decimal } from '../../../electron/domain/format-numbers';

export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} КБ`;
  if (n < 1024 ** 3) return `${decimal(n / 1024 / 1024, 1)} МБ`;
  return `${decimal(n / 1024 ** 3, 1)} ГБ`;
}

export const STATE_LABELS: Record<ArchiveDueState, string> = {
  not_due: 'срок не наступил',
  waiting_close: 'год не закрыт администратором',
  due: 'пора архивировать',
  done: 'перенесён и проверен',
};

export const STATE_TONE: Record<ArchiveDueState, 'ok' | 'warn' | 'bad' | ''> = {
  not_due: '',
  waiting_close: 'warn',
  due: 'bad',
  done: 'ok',
};

export const TARGET_LABELS = { store: 'хранилище', removable: 'съёмный носитель', folder: 'папка' } as const;

export const MODE_LABELS = {
  off: 'выключено',
  remind: 'напоминать секретарю',
  auto: 'архивировать самостоятельно',
} as const;

/** «09-05» → «05.09». */
export function ddmm(mmdd: string): string {
  return `${mmdd.slice(3, 5)}.${mmdd.slice(0, 2)}`;
}
