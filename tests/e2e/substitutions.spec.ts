// A week as it really happens (issue 14), in Chromium: the deputy records a substitution for today's lesson of the
// demo student's group; the substitute (a teacher free at that lesson) sees it on the home page, opens the lesson and
// marks attendance; the parent's week shows «замена» with the substitute's name; a lesson of the journal that is not
// theirs stays closed to the substitute.
import Database from 'better-sqlite3';
import { E2E_TODAY } from './paths';
import { expect, expectFits, login, test, type DemoHost } from './fixtures';

interface Candidate {
  journalId: number;
  lessonNo: number;
  subject: string;
  groupName: string;
  teacherName: string;
  /** The substitute: a teacher free at that lesson today. */
  login: string;
  substituteName: string;
  /** «Фамилия Имя Отчество», as the hours sheet lists people. */
  substituteFull: string;
}

const short = (u: { last_name: string; first_name: string; middle_name: string | null }) =>
  `${u.last_name} ${u.first_name[0]}.${u.middle_name ? ` ${u.middle_name[0]}.` : ''}`;

/**
 * A lesson today (a Wednesday) of the demo student's group, not yet recorded, and a teacher free at that lesson who
 * substitutes — straight from the test's copy of the demo database.
 */
function candidate(demo: DemoHost): Candidate {
  const d = new Database(demo.dbFile, { readonly: true });
  try {
    const slot = d
      .prepare(
        `select t.journal_id, t.lesson_no, g.name as group_name, s.name as subject, u.id as teacher_id,
           u.last_name, u.first_name, u.middle_name
         from timetable t join journals j on j.id = t.journal_id join groups g on g.id = t.group_id
           join subjects s on s.id = j.subject_id join users u on u.id = j.teacher_user_id
         where t.weekday = 3 and j.subgroup_id is null
           and t.group_id = (select e.group_id from enrolments e join students st on st.id = e.student_id
             join users su on su.id = st.user_id where su.login = 'student' and e.until_date is null)
           and not exists (select 1 from lessons l where l.journal_id = t.journal_id and l.date = ?
             and l.lesson_no = t.lesson_no)
         order by t.lesson_no desc`,
      )
      .get(E2E_TODAY) as {
      journal_id: number;
      lesson_no: number;
      group_name: string;
      subject: string;
      teacher_id: number;
      last_name: string;
      first_name: string;
      middle_name: string | null;
    };
    const sub = d
      .prepare(
        `select u.login, u.last_name, u.first_name, u.middle_name from users u join user_roles r on r.user_id = u.id
         where r.role = 'teacher' and u.active = 1 and u.id != ? and not exists (select 1 from timetable t
           join journals j on j.id = t.journal_id where j.teacher_user_id = u.id and t.weekday = 3
           and t.lesson_no = ?)
         order by u.login = 'teacher' desc, u.id`,
      )
      .get(slot.teacher_id, slot.lesson_no) as {
      login: string;
      last_name: string;
      first_name: string;
      middle_name: string | null;
    };
    return {
      journalId: slot.journal_id,
      lessonNo: slot.lesson_no,
      subject: slot.subject,
      groupName: slot.group_name,
      teacherName: short(slot),
      login: sub.login,
      substituteName: short(sub),
      substituteFull: [sub.last_name, sub.first_name, sub.middle_name].filter(Boolean).join(' '),
    };
  } finally {
    d.close();
  }
}

test('the deputy records a substitution; the substitute writes the lesson; the parent sees «замена»', async ({
  page,
  demo,
}) => {
  const c = candidate(demo);

  // 1. The deputy records the substitution on the timetable screen.
  await login(page, demo.url, 'deputy');
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Расписание' }).click();
  await page.getByLabel('Группа', { exact: true }).selectOption({ label: c.groupName });
  await page.getByLabel('Неделя изменений').fill('25.11.2026');
  const form = page.getByRole('form', { name: 'Новое изменение' });
  await form.getByLabel('Вид изменения').selectOption({ label: 'замена' });
  const journalOption = form
    .getByLabel('Журнал')
    .locator('option', { hasText: `${c.groupName}` })
    .filter({ hasText: c.subject })
    .filter({ hasText: c.teacherName });
  await form.getByLabel('Журнал').selectOption({ label: (await journalOption.first().textContent())! });
  await form.getByLabel('Дата', { exact: true }).fill('25.11.2026');
  await form.getByLabel('№ занятия', { exact: true }).fill(String(c.lessonNo));
  const teacherName = c.substituteName;
  await form.getByLabel('Заменяющий преподаватель').selectOption({ label: teacherName });
  await form.getByLabel('Причина').fill('болезнь преподавателя');
  await form.getByRole('button', { name: 'Внести: замена' }).click();
  const changes = page.getByRole('table', { name: 'Изменения недели' });
  await expect(changes).toContainText(teacherName);
  // The weekly grid of that week draws it in the lesson's cell: the week of the server's today (the demo runs on
  // 25.11.2026 whatever this computer's date), shown without choosing it.
  await expect(page.getByLabel('Неделя расписания')).toHaveValue('25.11.2026');
  const grid = page.getByRole('table', { name: 'Расписание на неделю' });
  await expect(grid.getByRole('note').filter({ hasText: `замена: ${teacherName}` })).toBeVisible();
  await page.screenshot({ path: 'test-results/substitution-1-deputy.png', fullPage: true });
  // On a phone the week is a list of days, and the change is there too.
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  const days = page.getByRole('region', { name: 'Расписание на неделю' });
  await expect(days.getByRole('note').filter({ hasText: `замена: ${teacherName}` })).toBeVisible();
  await page.screenshot({ path: 'test-results/substitution-1-phone.png', fullPage: true });
  await page.setViewportSize(size);
  await demo.api(page, 'auth.logout', {});

  // 2. The substitute sees it on the home page and opens the lesson from there.
  await login(page, demo.url, c.login);
  const today = page.getByRole('table').filter({ hasText: 'Дисциплина' }).first();
  const row = today.getByRole('row').filter({ hasText: c.subject }).filter({ hasText: c.groupName });
  await expect(row).toContainText('замена');
  await page.screenshot({ path: 'test-results/substitution-2-home.png' });
  await row.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`#/journal/${c.journalId}\\?date=2026-11-25&lesson=${c.lessonNo}`));
  await expect(page.getByText('Замена: вы ведёте 25.11.2026')).toBeVisible();
  const panel = page.getByRole('region', { name: 'Занятие' });
  await panel.getByLabel('Тема занятия').fill('Решение задач (замена)');
  await panel.getByRole('button', { name: 'Записать занятие' }).click();
  await expect(panel).toContainText(`замена: ${teacherName}`);
  await expect(page.locator('.jgrid-sink')).toBeFocused();
  await page.keyboard.type('н');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveCount(0);
  const first = page.locator('[role=gridcell][aria-label*=", 25.11 "]').first();
  await expect(first).toHaveAttribute('aria-label', /: н$/);
  await page.screenshot({ path: 'test-results/substitution-3-journal.png' });
  // On a phone the journal's page fits the screen: the grid scrolls inside its box, the lesson's fields wrap.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(panel.getByLabel('Вид занятия')).toBeVisible();
  await expectFits(page);
  await page.screenshot({ path: 'test-results/substitution-3-journal-phone.png', fullPage: true });
  await page.setViewportSize(size);

  // An earlier lesson of that journal stays read-only for the substitute.
  const earlier = page.locator('[role=gridcell][aria-label*=" 18.11 "]').first();
  if ((await earlier.count()) > 0) {
    const before = await earlier.getAttribute('aria-label');
    await earlier.click();
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('только замену');
    await page.keyboard.press('Escape');
    await expect(earlier).toHaveAttribute('aria-label', before!);
  }
  await demo.api(page, 'auth.logout', {});

  // 3. The deputy's hours sheet for November credits the lesson to the substitute.
  await login(page, demo.url, 'deputy');
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Отчёты' }).click();
  await page.getByRole('tab', { name: 'Часы преподавателей', exact: true }).click();
  await page.getByLabel('Месяц').selectOption({ label: 'ноябрь 2026' });
  const sheet = page.locator('table.hours-table');
  await expect(sheet.locator('caption')).toContainText('Табель часов: ноябрь 2026');
  const line = sheet.getByRole('row').filter({ has: page.getByRole('cell', { name: c.substituteFull, exact: true }) });
  const day = await sheet.getByRole('columnheader').allTextContents();
  const cells = await line.getByRole('cell').allTextContents();
  // Whatever the substitute held that day, their own lessons and the one they replaced in: all theirs.
  const d = new Database(demo.dbFile, { readonly: true });
  const held = d
    .prepare(
      'select coalesce(sum(l.hours), 0) as h from lessons l join users u on u.id = l.taught_by ' +
        "where u.login = ? and l.date = '2026-11-25'",
    )
    .get(c.login) as { h: number };
  const own = d
    .prepare(
      'select coalesce(sum(l.hours), 0) as h from lessons l join journals j on j.id = l.journal_id ' +
        "join users u on u.id = j.teacher_user_id where u.login = ? and l.date = '2026-11-25'",
    )
    .get(c.login) as { h: number };
  d.close();
  expect(held.h).toBeGreaterThan(own.h);
  expect(Number(cells[day.indexOf('25')] || 0)).toBe(held.h);
  await page.screenshot({ path: 'test-results/substitution-5-hours.png' });
  await demo.api(page, 'auth.logout', {});

  // 4. The parent's week shows «замена» with the substitute's name.
  await login(page, demo.url, 'parent');
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Дневник' }).click();
  await expect(page.getByRole('heading', { name: 'Неделя 23.11.2026 – 28.11.2026' })).toBeVisible();
  const week = page.getByRole('note').filter({ hasText: 'замена' });
  await expect(week.first()).toContainText(teacherName);
  await page.screenshot({ path: 'test-results/substitution-4-parent.png' });
});
