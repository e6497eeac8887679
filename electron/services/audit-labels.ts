// Russian names of the audit log's actions, entities and fields, for the screen and the Excel export.
// Each domain adds its own entries; an action without one is shown by its code.

export const ACTION_LABELS: Record<string, string> = {
  'setup.initialize': 'Начальная настройка базы',
  'demo.generate': 'Созданы демонстрационные данные',
  'auth.login': 'Вход в программу',
  'auth.logout': 'Выход из программы',
  'auth.login_failed': 'Неудачная попытка входа',
  'auth.lockout': 'Учётная запись заблокирована после неверных паролей',
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
  remark: 'Замечание',
  plan_correction: 'Корректировка плана',
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
  journals: 'Журналов',
  users: 'Пользователей',
};

export const REASON_LABELS: Record<string, string> = {
  unknown_login: 'неизвестный логин',
  wrong_password: 'неверный пароль',
  inactive: 'учётная запись отключена',
  locked: 'учётная запись заблокирована',
};

export const actionLabel = (code: string) => ACTION_LABELS[code] ?? code;
export const entityLabel = (code: string) => ENTITY_LABELS[code] ?? code;
export const fieldLabel = (code: string) => FIELD_LABELS[code] ?? code;
