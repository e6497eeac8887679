// Words the UI shows for codes that come from the services.
import type { Role } from '../electron/domain/enums';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Администратор',
  director: 'Директор',
  deputy: 'Заместитель директора',
  dept_head: 'Заведующий отделением',
  secretary: 'Секретарь учебной части',
  curator: 'Куратор группы',
  teacher: 'Преподаватель',
  student: 'Обучающийся',
  parent: 'Родитель',
};

export const YEAR_STATUS_LABELS = { open: 'открыт', closed: 'закрыт', archived: 'в архиве' } as const;

/** Russian plural: plural(5, 'урок', 'урока', 'уроков') → 'уроков'. */
export function plural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10, mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}
