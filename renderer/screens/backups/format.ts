// How backup facts read on screen.
import type { BackupCounts } from '../../../electron/api/contract';
import { count, plural } from '../../../electron/domain/format-numbers';

export function countsLine(c: BackupCounts): string {
  const students = plural(c.students, 'обучающийся', 'обучающихся', 'обучающихся');
  return `${count(c.students)} ${students}, ${count(c.marks)} ${plural(c.marks, 'отметка', 'отметки', 'отметок')}`;
}
