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
