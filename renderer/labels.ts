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

export function ruDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

export function ruDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getDate())}.${pad(date.getMonth() + 1)}.${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const WEEKDAYS = ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'];
const MONTHS_GEN = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** «среда, 25 ноября 2026» */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  return `${WEEKDAYS[date.getUTCDay()]}, ${d} ${MONTHS_GEN[m! - 1]} ${y}`;
}

/** Russian plural: plural(5, 'урок', 'урока', 'уроков') → 'уроков'. */
export function plural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10, mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}
