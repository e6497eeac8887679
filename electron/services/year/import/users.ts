// Staff from Excel: name, position, contacts and roles; a login is made from the name when none is
// given, and each new account gets a one-time password (changed at first login), shown once.
import type { Role } from '../../../../db/schema.js';
import { generateOneTimePassword, hashOneTimePassword } from '../../../../db/passwords.js';
import { nameKey } from '../common.js';
import { translit } from '../../../domain/translit.js';
import type { Words } from '../../../domain/vocabulary.js';
import { institutionWords } from '../../words.js';
import type { Row } from './cells.js';
import type { Importer } from './framework.js';

export interface UserRow {
  last: string;
  first: string;
  middle: string | null;
  login: string;
  position: string | null;
  phone: string | null;
  email: string | null;
  roles: Array<{ role: Role; departmentId: number | null }>;
}

interface Context {
  logins: Set<string>;
  people: Map<string, string>;
  departments: Array<{ id: number; name: string; short: string }>;
  words: Words;
}

const ROLE_WORDS = (w: Words): Array<[RegExp, Role | { problem: string }]> => [
  [/^админ/, 'admin'],
  [/^директор$/, 'director'],
  [/^(зам|завуч)/, 'deputy'],
  [/^зав(\.|едующ)/, 'dept_head'],
  [/^секретар/, 'secretary'],
  [/^(учебн|диспетчер|расписан)/, 'timetabler'],
  [/^(преподават|педагог|учитель|тренер|мастер|воспитат)/, 'teacher'],
  [
    /^(куратор|классн|руководитель (групп|объедин))/,
    {
      problem:
        `${w.short('curator', 'acc')} назначают в карточке ${w.term('group', 'gen')}, а не при загрузке ` +
        `сотрудников`,
    },
  ],
  [
    /^(студент|обучающ|учащ|родител|ученик)/,
    { problem: `учётные записи обучающихся и родителей выдаёт ${w.roleName('dept_head')}` },
  ],
];

/** The word for each role that parseRoles reads back (the export of staff uses it). */
export const ROLE_WORDS_RU: Record<Role, string> = {
  admin: 'администратор',
  director: 'директор',
  deputy: 'заместитель директора',
  dept_head: 'заведующий отделением',
  secretary: 'секретарь',
  teacher: 'преподаватель',
  curator: 'куратор',
  student: 'обучающийся',
  parent: 'родитель',
  timetabler: 'учебная часть',
};

export function parseRoles(text: string, w: Words): Array<Role | { problem: string }> {
  const known = ROLE_WORDS(w);
  return text
    .split(/[,;\n/]+/)
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean)
    .map((word) => {
      const hit = known.find(([re]) => re.test(word));
      if (!hit)
        return {
          problem:
            `роль «${word}» неизвестна: администратор, директор, заместитель директора, ${w.roleName('dept_head')}, ` +
            `секретарь, ${w.short('teacher')}`,
        };
      return hit[1];
    });
}

export const userImporter: Importer<Context, UserRow> = {
  list: 'users',
  genitive: 'сотрудников',
  localize: (w) =>
    w.kind === 'college'
      ? {}
      : {
          position: { example: w.short('teacher') },
          roles: { hint: `через запятую; если пусто — ${w.short('teacher')}`, example: w.short('teacher') },
          department: { header: w.Term('department'), hint: `для роли «${w.role('dept_head')}»` },
        },
  columns: [
    { key: 'last', header: 'Фамилия', required: true, hint: 'обязательно', example: 'Иванова', width: 20 },
    { key: 'first', header: 'Имя', required: true, hint: 'обязательно', example: 'Ольга', width: 16 },
    { key: 'middle', header: 'Отчество', hint: 'если есть', example: 'Петровна', width: 18 },
    { key: 'login', header: 'Логин', hint: 'латиница; если пусто — составится из ФИО', example: null },
    { key: 'position', header: 'Должность', hint: 'для подписей и списков', example: 'преподаватель', width: 26 },
    {
      key: 'roles',
      header: 'Роли',
      hint: 'через запятую; если пусто — преподаватель',
      example: 'преподаватель',
      width: 26,
    },
    { key: 'department', header: 'Отделение', hint: 'для заведующего отделением', example: null, width: 24 },
    { key: 'phone', header: 'Телефон', hint: 'рабочий телефон', example: null },
    {
      key: 'email',
      header: 'E-mail',
      hint: 'рабочая почта',
      example: 'o.ivanova@college.example',
    },
  ],

  async prepare(env) {
    const users = await env.db
      .selectFrom('users')
      .select(['login_key', 'login', 'last_name', 'first_name', 'middle_name'])
      .execute();
    const departments = await env.db.selectFrom('departments').select(['id', 'name', 'short_name as short']).execute();
    return {
      words: await institutionWords(env.db),
      logins: new Set(users.map((u) => u.login_key)),
      people: new Map(users.map((u) => [nameKey(u.last_name, u.first_name, u.middle_name), u.login])),
      departments,
    };
  },

  check(row: Row, c, earlier) {
    const last = row.name('last', 'не указана фамилия');
    const first = row.name('first', 'не указано имя');
    const middle = row.name('middle', null);
    const position = row.text('position', { max: 150 });
    const phone = row.phone('phone');
    const email = row.email('email');
    const roleText = row.text('roles', { max: 300 }) ?? 'преподаватель';
    const roles: UserRow['roles'] = [];
    const w = c.words;
    for (const r of parseRoles(roleText, w)) {
      if (typeof r !== 'string') {
        row.problem('roles', r.problem, 'Роли');
        continue;
      }
      if (r === 'dept_head') {
        const d = row.text('department', { max: 150 });
        const dept = d
          ? c.departments.find((x) => [x.name, x.short].some((n) => n.toLowerCase() === d.toLowerCase()))
          : undefined;
        if (!d)
          row.problem(
            'department',
            `для роли «${w.role('dept_head')}» укажите ${w.term('department', 'acc')}`,
            w.Term('department'),
          );
        else if (!dept)
          row.problem(
            'department',
            `${w.term('department', 'gen')} «${d}» нет: ` +
              (c.departments.map((x) => x.short).join(', ') ||
                `${w.term('department', 'nom', 'many')} ещё не заведены`),
          );
        else roles.push({ role: r, departmentId: dept.id });
      } else if (!roles.some((x) => x.role === r)) {
        roles.push({ role: r, departmentId: null });
      }
    }
    let login = row.text('login', { max: 50 });
    if (login && !/^[a-zA-Z0-9._-]{3,50}$/.test(login)) {
      row.problem('login', `«${login}»: логин — от 3 до 50 латинских букв, цифр, точек, дефисов`);
      login = null;
    }
    if (!last || !first) return null;
    const key = nameKey(last, first, middle);
    const twin = earlier.find((e) => nameKey(e.value.last, e.value.first, e.value.middle) === key);
    if (twin) row.problem(null, `повтор: ${last} ${first} уже есть в строке ${twin.row}`);
    const existing = c.people.get(key);
    if (existing)
      row.problem(null, `сотрудник ${last} ${first}${middle ? ` ${middle}` : ''} уже есть (логин ${existing})`);
    const taken = (l: string) =>
      c.logins.has(l.toLowerCase()) || earlier.some((e) => e.value.login.toLowerCase() === l.toLowerCase());
    if (login && taken(login)) row.problem('login', `логин «${login}» уже занят`);
    if (row.problems.length > 0) return null;
    if (!login) {
      const base =
        `${translit(last)}.${translit(first).slice(0, 1)}${middle ? translit(middle).slice(0, 1) : ''}`.replace(
          /^\.|\.$/g,
          '',
        ) || 'user';
      login = base.length >= 3 ? base : `${base}01`;
      for (let n = 2; taken(login); n++) login = `${base}${n}`;
    }
    return { last, first, middle, login, position, phone, email, roles };
  },

  async write(trx, env, _c, items) {
    const now = env.clock.now().toISOString();
    const credentials = [];
    const ids: number[] = [];
    for (let i = 0; i < items.length; i++) {
      env.progress('Запись (пароли)', i, items.length);
      const u = items[i]!.value;
      const password = generateOneTimePassword();
      const user = await trx
        .insertInto('users')
        .values({
          login: u.login,
          login_key: u.login.toLowerCase(),
          password_hash: await hashOneTimePassword(password),
          last_name: u.last,
          first_name: u.first,
          middle_name: u.middle,
          position: u.position,
          phone: u.phone,
          email: u.email,
          active: 1,
          must_change_password: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (u.roles.length > 0) {
        await trx
          .insertInto('user_roles')
          .values(
            u.roles.map((r) => ({ user_id: user.id, role: r.role, department_id: r.departmentId, group_id: null })),
          )
          .execute();
      }
      ids.push(user.id);
      credentials.push({ fullName: [u.last, u.first, u.middle].filter(Boolean).join(' '), login: u.login, password });
    }
    return { created: items.length, updated: 0, credentials, ids };
  },
};
