// Russian names of the audit log's actions, entities and fields, for the screen and the Excel export.
// Each domain adds its own entries; an action without one is shown by its code.
import type { Words } from '../domain/vocabulary.js';

export const ACTION_LABELS: Record<string, string> = {
  'setup.initialize': 'Начальная настройка базы',
  'setup.restore': 'Первый запуск: журнал восстановлен из резервной копии',
  'demo.generate': 'Созданы демонстрационные данные',
  'auth.login': 'Вход в программу',
  'auth.logout': 'Выход из программы',
  'auth.login_failed': 'Неудачная попытка входа',
  'auth.lockout': 'Учётная запись заблокирована после неверных паролей',
  'auth.login_flood': 'Много неудачных входов: дальше только подсчёт',
  'auth.password_changed': 'Смена своего пароля',
  'users.create': 'Создан пользователь',
  'users.update': 'Изменены данные пользователя',
  'users.activate': 'Учётная запись включена',
  'users.deactivate': 'Учётная запись отключена',
  'users.roles': 'Изменены роли',
  'users.password_reset': 'Выдан одноразовый пароль',
  'users.unlock': 'Снята блокировка учётной записи',
  'journals.teacher': 'Журнал передан преподавателю',
  'export.personal_data': 'Выгрузка персональных данных',
  'remark.create': 'Замечание записано',
  'remark.update': 'Замечание изменено',
  'remark.discard': 'Черновик замечания удалён',
  'remark.send': 'Замечание направлено преподавателю',
  'remark.draftWeekly': 'Черновики замечаний по еженедельной проверке',
  'remark.answer': 'Ответ на замечание',
  'remark.accept': 'Замечание снято (устранено)',
  'remark.reopen': 'Замечание возвращено',
  'correction.request': 'Запрошена корректировка плана',
  'correction.approve': 'Корректировка плана утверждена',
  'correction.refuse': 'Корректировка плана отклонена',
  'archive.create': 'Сформирован архив учебного года',
  'archive.copy': 'Архив года записан на носитель',
  'archive.verify': 'Архив проверен',
  'archive.schedule': 'Изменено расписание архивации',
  'year.archive': 'Учебный год переведён в архив',
  'timetableChange.create': 'Изменение в расписании на дату',
  'timetableChange.remove': 'Изменение в расписании отменено',
  'marks.set': 'Отметка поставлена или изменена',
  'marks.delete': 'Отметка удалена',
  'attendance.set': 'Отмечена посещаемость',
  'attendance.delete': 'Отметка о посещаемости снята',
  'attendance.excuse': 'Пропуск признан уважительным',
  'finals.set': 'Итоговая отметка выставлена',
  'finals.delete': 'Итоговая отметка удалена',
  'lessons.create': 'Записано занятие',
  'lessons.update': 'Занятие изменено',
  'lessons.delete': 'Занятие удалено',
  'lessons.individualHomework': 'Индивидуальное задание',
  'columns.add': 'Добавлен вид работы',
  'columns.update': 'Изменён вид работы',
  'columns.remove': 'Удалён вид работы',
  'unlocks.request': 'Запрошена разблокировка периода',
  'periods.autoLock': 'Период закрыт автоматически',
  'copies.issue': 'Выдана заверенная копия',
};

export const ENTITY_LABELS: Record<string, string> = {
  user: 'Пользователь',
  institution: 'Учреждение',
  journal: 'Журнал',
  credential_slips: 'Листки с паролями',
  audit_log: 'Журнал аудита',
  student: 'Обучающийся',
  group: 'Группа',
  lesson: 'Занятие',
  mark: 'Отметка',
  attendance: 'Посещаемость',
  marks: 'Отметка',
  lessons: 'Занятие',
  final_marks: 'Итоговая отметка',
  periods: 'Период',
  issued_copies: 'Заверенная копия',
  remark: 'Замечание',
  plan_correction: 'Корректировка плана',
  archives: 'Архив',
  academic_years: 'Учебный год',
  settings: 'Настройки',
};

export const FIELD_LABELS: Record<string, string> = {
  login: 'Логин',
  lastName: 'Фамилия',
  firstName: 'Имя',
  middleName: 'Отчество',
  position: 'Должность',
  phone: 'Телефон',
  email: 'Эл. почта',
  active: 'Учётная запись включена',
  roles: 'Роли',
  mustChangePassword: 'Сменить пароль при входе',
  lockedUntil: 'Заблокирована до',
  locked_until: 'Заблокирована до',
  failedAttempts: 'Неверных попыток',
  attempts: 'Неверных попыток подряд',
  reason: 'Причина',
  address: 'Адрес',
  fromAddress: 'Неверных попыток с адреса',
  scope: 'Кому закрыт вход',
  until: 'Заблокирована до',
  failures: 'Неверных попыток',
  note: 'Примечание',
  teacherId: 'Преподаватель (№)',
  unlocked: 'Блокировка снята',
  via: 'Способ',
  what: 'Что выгружено',
  count: 'Записей',
  created: 'Создано учётных записей',
  logins: 'Логины',
  filter: 'Отбор',
  rows: 'Строк',
  guardianId: 'Родитель (№ записи)',
  fullName: 'Полное наименование',
  kind: 'Вид',
  seed: 'Начальное число генератора',
  director: 'Директор',
  students: 'Обучающихся',
  groups: 'Групп',
  departments: 'Отделений',
  teachers: 'Преподавателей',
  parents: 'Родителей',
  week: 'Неделя с',
  drafts: 'Черновики (№)',
  journals: 'Журналов',
  users: 'Пользователей',
  year: 'Учебный год',
  target: 'Куда',
  path: 'Папка',
  manifestSha256: 'SHA-256 описи',
  files: 'Файлов',
  bytes: 'Байт',
  ok: 'Цел',
  problems: 'Нарушения',
  status: 'Состояние',
  dueDate: 'Срок (ММ-ДД)',
  mode: 'Режим',
  targetFolder: 'Папка для копии',
};

export const REASON_LABELS: Record<string, string> = {
  unknown_login: 'неизвестный логин',
  wrong_password: 'неверный пароль',
  inactive: 'учётная запись отключена',
  locked: 'учётная запись заблокирована',
  wrong_password_unlock: 'неверный пароль при снятии блокировки окна',
  wrong_current_password: 'неверный текущий пароль при его смене',
};

/** Who a block of logins applies to (auth.lockout's scope). */
export const BLOCK_SCOPE_LABELS: Record<string, string> = {
  pair: 'этому адресу для этой учётной записи',
  address: 'этому адресу для всех учётных записей',
  account: 'новым адресам для этой учётной записи',
};

/** The labels that name a group, a teacher: in a centre «Журнал передан педагогу», «Объединение» (DESIGN.md §10). */
function worded(w: Words | undefined): {
  actions: Record<string, string>;
  entities: Record<string, string>;
  fields: Record<string, string>;
} {
  if (!w) return { actions: {}, entities: {}, fields: {} };
  return {
    actions: {
      'journals.teacher': `Журнал передан ${w.short('teacher', 'dat')}`,
      'remark.send': `Замечание направлено ${w.short('teacher', 'dat')}`,
    },
    entities: { group: w.Term('group') },
    fields: {
      teacherId: `${w.Short('teacher')} (№)`,
      groups: w.Term('group', 'gen', 'many'),
      departments: w.Term('department', 'gen', 'many'),
      teachers: w.Term('teacher', 'gen', 'many'),
    },
  };
}

export const actionLabel = (code: string, w?: Words) => worded(w).actions[code] ?? ACTION_LABELS[code] ?? code;
export const entityLabel = (code: string, w?: Words) => worded(w).entities[code] ?? ENTITY_LABELS[code] ?? code;
export const fieldLabel = (code: string, w?: Words) => worded(w).fields[code] ?? FIELD_LABELS[code] ?? code;
