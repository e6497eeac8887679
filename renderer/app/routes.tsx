// Every screen, who may open it and whether it shows in the navigation. Screens of later features
// add their entries here; the services refuse what a role can't do regardless.
import { lazy, type ComponentType, type ReactNode } from 'react';
import type { Me } from '../../electron/api/contract';
import type { InstitutionKind, Role } from '../../electron/domain/enums';
import type { Words } from '../../electron/domain/vocabulary';
import { HomeScreen } from '../screens/home/HomeScreen';
import { ChangePasswordScreen } from '../screens/login/ChangePasswordScreen';

/**
 * A screen loaded when first opened: the login, the home page and the shell come in the first script, each
 * section in its own (a parent's phone never downloads the deputy's reports).
 */
function screen<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  type Screen = M[K] extends ComponentType<any> ? M[K] : never;
  return lazy(async () => ({ default: (await load())[name] as Screen }));
}

const ArchiveScreen = screen(() => import('../screens/archive/ArchiveScreen'), 'ArchiveScreen');
const ArchivedYearScreen = screen(() => import('../screens/archive/ArchivedYearScreen'), 'ArchivedYearScreen');
const TransfersScreen = screen(() => import('../screens/archive/TransfersScreen'), 'TransfersScreen');
const RemarksScreen = screen(() => import('../screens/remarks/RemarksScreen'), 'RemarksScreen');
const CorrectionsScreen = screen(() => import('../screens/corrections/CorrectionsScreen'), 'CorrectionsScreen');
const ReportsScreen = screen(() => import('../screens/reports/ReportsScreen'), 'ReportsScreen');
const JournalListScreen = screen(() => import('../screens/journal/JournalListScreen'), 'JournalListScreen');
const JournalScreen = screen(() => import('../screens/journal/JournalScreen'), 'JournalScreen');
const FamilyRedirect = screen(() => import('../screens/family/FamilyScreen'), 'FamilyRedirect');
const FamilyScreen = screen(() => import('../screens/family/FamilyScreen'), 'FamilyScreen');
const ExcusesScreen = screen(() => import('../screens/excuses/ExcusesScreen'), 'ExcusesScreen');
const UnlocksScreen = screen(() => import('../screens/unlocks/UnlocksScreen'), 'UnlocksScreen');
const BackupsScreen = screen(() => import('../screens/backups/BackupsScreen'), 'BackupsScreen');
const SettingsScreen = screen(() => import('../screens/settings/SettingsScreen'), 'SettingsScreen');
const UsersScreen = screen(() => import('../screens/users/UsersScreen'), 'UsersScreen');
const FamilyAccessScreen = screen(() => import('../screens/users/FamilyAccessScreen'), 'FamilyAccessScreen');
const MailScreen = screen(() => import('../screens/mail/MailScreen'), 'MailScreen');
const AuditScreen = screen(() => import('../screens/audit/AuditScreen'), 'AuditScreen');
const YearScreen = screen(() => import('../screens/year/YearScreen'), 'YearScreen');
const GroupsScreen = screen(() => import('../screens/groups/GroupsScreen'), 'GroupsScreen');
const TimetableScreen = screen(() => import('../screens/timetable/TimetableScreen'), 'TimetableScreen');
const RegistersScreen = screen(() => import('../screens/registers/RegistersScreen'), 'RegistersScreen');
const PlanScreen = screen(() => import('../screens/plan/PlanScreen'), 'PlanScreen');
const MovementsScreen = screen(() => import('../screens/movements/MovementsScreen'), 'MovementsScreen');
const MyGroupsScreen = screen(() => import('../screens/mygroups/MyGroupsScreen'), 'MyGroupsScreen');
const AssessmentsScreen = screen(() => import('../screens/assessments/AssessmentsScreen'), 'AssessmentsScreen');

export interface RouteDef {
  path: string;
  /** A title with an institution's word in it is given as a function of the words. */
  title: string | ((w: Words) => string);
  roles: readonly Role[] | 'any';
  /** Only in these kinds of institution (a centre's teacher keeps lists, a college's does not). */
  kinds?: readonly InstitutionKind[];
  /** Shown in the navigation (routes with parameters are reached from other screens). */
  nav: boolean;
  render: (params: Record<string, string>, me: Me) => ReactNode;
}

const JOURNAL_READERS: Role[] = ['admin', 'director', 'deputy', 'dept_head', 'secretary', 'curator', 'teacher'];

export const routes: RouteDef[] = [
  { path: '/', title: 'Главная', roles: 'any', nav: true, render: (_p, me) => <HomeScreen me={me} /> },
  {
    path: '/reports',
    title: 'Отчёты',
    roles: ['director', 'deputy', 'dept_head', 'curator', 'teacher'],
    nav: true,
    render: (_p, me) => <ReportsScreen me={me} />,
  },
  {
    path: '/remarks',
    title: 'Замечания',
    roles: ['director', 'deputy', 'dept_head', 'teacher'],
    nav: true,
    render: (_p, me) => <RemarksScreen me={me} />,
  },
  {
    path: '/corrections',
    title: 'Корректировки плана',
    roles: ['director', 'deputy', 'dept_head', 'teacher'],
    nav: true,
    render: (_p, me) => <CorrectionsScreen me={me} />,
  },
  {
    path: '/journals',
    title: 'Журналы',
    roles: JOURNAL_READERS,
    nav: true,
    render: (_p, me) => <JournalListScreen me={me} />,
  },
  {
    path: '/journal/:id',
    title: 'Журнал',
    roles: JOURNAL_READERS,
    nav: false,
    render: (p) => <JournalScreen key={p.id} id={Number(p.id)} />,
  },
  {
    path: '/journal/:id/group',
    title: (w) => `Журнал ${w.term('group', 'gen')}`,
    roles: JOURNAL_READERS,
    nav: false,
    render: (p) => <JournalScreen key={`g${p.id}`} id={Number(p.id)} combined />,
  },
  {
    path: '/family',
    title: 'Дневник',
    roles: ['student', 'parent'],
    nav: true,
    render: (_p, me) => <FamilyRedirect me={me} />,
  },
  {
    path: '/student/:id',
    title: 'Дневник обучающегося',
    roles: ['student', 'parent', 'curator', 'dept_head', 'admin', 'director', 'deputy'],
    nav: false,
    render: (p, me) => <FamilyScreen key={p.id} id={Number(p.id)} me={me} />,
  },
  {
    path: '/excuses',
    title: 'Причины отсутствия',
    roles: ['curator', 'dept_head', 'admin'],
    nav: true,
    render: () => <ExcusesScreen />,
  },
  {
    path: '/unlocks',
    title: 'Разблокировка периодов',
    roles: ['deputy', 'director'],
    nav: true,
    render: () => <UnlocksScreen />,
  },
  {
    path: '/password',
    title: 'Смена пароля',
    roles: 'any',
    nav: false,
    render: (_p, me) => <ChangePasswordScreen me={me} forced={false} onDone={() => undefined} />,
  },
  { path: '/archive', title: 'Архив', roles: ['secretary', 'admin'], nav: true, render: () => <ArchiveScreen /> },
  {
    path: '/archive/transfers',
    title: 'Перенос на носители',
    roles: ['deputy', 'director'],
    nav: true,
    render: () => <TransfersScreen />,
  },
  {
    path: '/archive/view',
    title: 'Архивный год',
    roles: ['secretary', 'deputy', 'director', 'admin'],
    nav: false,
    render: () => <ArchivedYearScreen />,
  },
  {
    path: '/year',
    title: 'Учебный год',
    roles: ['admin', 'director', 'deputy'],
    nav: true,
    render: (_p, me) => <YearScreen me={me} />,
  },
  {
    path: '/groups',
    title: (w) => `${w.Term('group', 'nom', 'many')} и обучающиеся`,
    roles: ['admin', 'director', 'deputy', 'dept_head', 'secretary', 'curator', 'teacher'],
    nav: true,
    render: (_p, me) => <GroupsScreen me={me} />,
  },
  {
    // 000 §3.5.1: a centre's педагог forms the lists of the объединения they teach.
    path: '/my-groups',
    title: (w) => `Мои ${w.term('group', 'nom', 'many')}`,
    roles: ['teacher'],
    kinds: ['supplementary'],
    nav: true,
    render: () => <MyGroupsScreen />,
  },
  { path: '/timetable', title: 'Расписание', roles: 'any', nav: true, render: (_p, me) => <TimetableScreen me={me} /> },
  {
    path: '/plan/:journalId',
    title: 'Тематический план',
    roles: ['admin', 'director', 'deputy', 'dept_head', 'secretary', 'curator', 'teacher'],
    nav: false,
    render: (p) => <PlanScreen key={p.journalId} journalId={Number(p.journalId)} />,
  },
  {
    // 003 §2.2: the department heads check the curators' registers.
    path: '/registers',
    title: 'Полнота реестров',
    roles: ['admin', 'director', 'deputy', 'dept_head', 'curator'],
    nav: true,
    render: (_p, me) => <RegistersScreen me={me} />,
  },
  {
    // Issue 15: a college's record sheets, debts and resits, the summary sheet of results.
    path: '/assessments',
    title: 'Ведомости и задолженности',
    roles: ['director', 'deputy', 'dept_head', 'curator', 'teacher'],
    kinds: ['college'],
    nav: true,
    render: (_p, me) => <AssessmentsScreen me={me} />,
  },
  {
    path: '/movements',
    title: 'Движение контингента',
    roles: ['admin', 'director', 'deputy', 'dept_head'],
    nav: true,
    render: (_p, me) => <MovementsScreen me={me} />,
  },
  { path: '/users', title: 'Пользователи и роли', roles: ['admin'], nav: true, render: () => <UsersScreen /> },
  {
    path: '/mail',
    title: 'Почта',
    roles: ['admin'],
    nav: true,
    render: () => <MailScreen />,
  },
  {
    path: '/family-access',
    title: 'Доступ родителей и обучающихся',
    roles: ['admin', 'dept_head'],
    nav: true,
    render: () => <FamilyAccessScreen />,
  },
  { path: '/audit', title: 'Журнал аудита', roles: ['admin', 'director'], nav: true, render: () => <AuditScreen /> },
  { path: '/backups', title: 'Резервные копии', roles: ['admin'], nav: true, render: () => <BackupsScreen /> },
  { path: '/settings', title: 'Настройки', roles: ['admin'], nav: true, render: () => <SettingsScreen /> },
];

export function routeTitle(route: RouteDef, w: Words): string {
  return typeof route.title === 'function' ? route.title(w) : route.title;
}

export function allowed(route: RouteDef, me: Me): boolean {
  if (route.kinds && !(me.institution && route.kinds.includes(me.institution.kind))) return false;
  return route.roles === 'any' || me.roles.some((g) => (route.roles as readonly Role[]).includes(g.role));
}
