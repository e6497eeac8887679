// How backup facts read on screen.
import type { BackupCounts } from '../../../electron/api/contract';
import { plural } from '../../labels';

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} Б`;
  const units = ['КБ', 'МБ', 'ГБ', 'ТБ'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${value.toFixed(value < 10 ? 1 : 0).replace('.', ',')} ${units[unit]}`;
}

export const num = (n: number) => n.toLocaleString('ru-RU');

export function countsLine(c: BackupCounts): string {
  return `${num(c.students)} ${plural(c.students, 'обучающийся', 'обучающихся', 'обучающихся')}, ${num(c.marks)} ${plural(c.marks, 'отметка', 'отметки', 'отметок')}`;
}

