// The parent's page in Chromium: exactly their child's marks and the week's homework, another
// child's id refused by the API; a reason of absence sent by the parent and confirmed by the curator;
// a closed period unlocked by the deputy at the teacher's request.
import Database from 'better-sqlite3';
import { expect, login, test } from './fixtures';

function db(file: string) {
  return new Database(file, { readonly: true });
}

/**
 * The demo student's marks of the current semester and the homework of their lessons this week, from the database
 * itself.
 */
function childFacts(file: string) {
  const d = db(file);
  try {
    const student = d
      .prepare(
        "select s.id, s.last_name || ' ' || s.first_name as name from students s join users u on u.id = s.user_id " +
          "where u.login = 'student'",
      )
      .get() as { id: number; name: string };
    const period = d
      .prepare(
        'select p.starts_on, p.ends_on from periods p join academic_years y on y.id = p.year_id where y.status = ' +
          "'open' and p.starts_on <= '2026-11-25' and p.ends_on >= '2026-11-25'",
      )
      .get() as { starts_on: string; ends_on: string };
    const journals = `select j.id from journals j join enrolments e on e.group_id = j.group_id join
      academic_years y on y.id = j.year_id
      where e.student_id = @sid and y.status = 'open' and (j.subgroup_id is null
        or j.subgroup_id in (select subgroup_id from subgroup_students where student_id = @sid))`;
    const marks = d
      .prepare(
        `select m.value from marks m join work_columns c on c.id = m.column_id join lessons l on l.id = c.lesson_id
      where m.student_id = @sid and l.journal_id in (${journals}) and l.date between @from and @to`,
      )
      .all({ sid: student.id, from: period.starts_on, to: period.ends_on }) as Array<{ value: string }>;
    const homework = d
      .prepare(
        `select distinct l.homework from lessons l where l.journal_id in (${journals}) and l.date between ` +
          `'2026-11-23' and '2026-11-28' and l.homework is not null`,
      )
      .all({ sid: student.id }) as Array<{ homework: string }>;
    const other = d
      .prepare(
        'select id from students where id != ? and id not in (select student_id from guardians where user_id = ' +
          "(select id from users where login = 'parent')) order by id",
      )
      .get(student.id) as { id: number };
    return {
      student,
      marks: marks.map((m) => m.value).sort(),
      homework: homework.map((h) => h.homework).sort(),
      otherId: other.id,
    };
  } finally {
    d.close();
  }
}

test("the parent sees exactly their child's marks and homework, and the API refuses another child", async ({
  page,
  demo,
}) => {
  const facts = childFacts(demo.dbFile);
  await login(page, demo.url, 'parent');
  await page.getByRole('link', { name: new RegExp(facts.student.name) }).click();
  await expect(page).toHaveURL(new RegExp(`#/student/${facts.student.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(facts.student.name);
  const marksTable = page.getByRole('table').filter({ hasText: 'Средний балл' });
  await expect(marksTable).toBeVisible();
  const shown = await marksTable.locator('.chips .chip').allTextContents();
  expect(shown.sort()).toEqual(facts.marks);
  const homework = await page.locator('.homework:not(.individual)').allTextContents();
  expect([...new Set(homework.map((h) => h.replace(/^Домашнее задание: /, '')))].sort()).toEqual(facts.homework);
  await page.screenshot({ path: 'test-results/family-parent.png' });

  const refused = await demo.api(page, 'family.page', { studentId: facts.otherId });
  expect(refused.status).toBe(403);
  expect(refused.body.error?.code).toBe('forbidden');
  const excuses = await demo.api(page, 'excuses.list', { studentId: facts.otherId });
  expect(excuses.body.error?.code).toBe('forbidden');
  await page.goto(`${demo.url}#/student/${facts.otherId}`);
  await expect(page.getByRole('alert')).toContainText('Недостаточно прав');
});

test("a parent's reason of absence, confirmed by the curator, excuses the absence", async ({ page, demo, browser }) => {
  const facts = childFacts(demo.dbFile);
  const d = db(demo.dbFile);
  const absence = d
    .prepare(
      `select l.date from attendance a join lessons l on l.id = a.lesson_id where a.student_id = ? and a.code = 'н'
    and l.date >= '2026-09-01' and not exists (select 1 from absence_excuses x where x.student_id =
      a.student_id and l.date between x.from_date and x.to_date)
    order by l.date desc`,
    )
    .get(facts.student.id) as { date: string };
  d.close();
  await login(page, demo.url, 'parent');
  await page.goto(`${demo.url}#/student/${facts.student.id}`);
  const form = page.getByRole('form', { name: 'Сообщить причину отсутствия' });
  await form.getByLabel('С', { exact: true }).fill(absence.date.split('-').reverse().join('.'));
  await form.getByLabel('По', { exact: true }).fill(absence.date.split('-').reverse().join('.'));
  await form.getByLabel('Причина').fill('Был на приёме у врача-стоматолога, талон передан куратору');
  await form.getByRole('button', { name: 'Отправить куратору' }).click();
  await expect(form.getByRole('status')).toContainText('Причина отправлена куратору');

  const curator = await browser.newPage();
  await login(curator, demo.url, 'curator');
  await curator.getByRole('link', { name: 'Причины отсутствия' }).click();
  const row = curator.getByRole('row').filter({ hasText: 'врача-стоматолога' });
  await row.getByRole('button', { name: /^Подтвердить причину/ }).click();
  await expect(curator.getByRole('status')).toContainText('причина подтверждена, уважительными стали пропуски');
  await curator.screenshot({ path: 'test-results/excuses-curator.png' });
  await curator.close();

  await page.reload();
  const [y, m, dd] = absence.date.split('-');
  const line = page
    .getByRole('row')
    .filter({ hasText: `${dd}.${m}.${y}` })
    .first();
  await expect(line).toContainText('причина подтверждена');
  await expect(line).toContainText('у');
});

test('a closed period opens for the teacher only after the deputy approves, and the change is listed', async ({
  page,
  demo,
  browser,
}) => {
  const d = new Database(demo.dbFile);
  const journal = d
    .prepare(
      'select j.id from journals j join users u on u.id = j.teacher_user_id join academic_years y on y.id = ' +
        "j.year_id where u.login = 'teacher' and y.status = 'open' order by j.id",
    )
    .get() as { id: number };
  d.prepare("update periods set locked = 1 where starts_on <= '2026-11-25' and ends_on >= '2026-11-25'").run();
  d.close();
  await login(page, demo.url, 'teacher');
  await page.goto(`${demo.url}#/journal/${journal.id}`);
  await expect(page.getByText(/закрыт: журнал за него только для просмотра/)).toBeVisible();
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Период закрыт');
  await page.getByRole('button', { name: 'Запросить разблокировку' }).click();
  await page.getByLabel('Причина разблокировки').fill('Не выставлены отметки за контрольную работу');
  await page.getByRole('button', { name: 'Отправить' }).click();
  await expect(page.getByText('ждёт решения заместителя директора')).toBeVisible();

  const deputy = await browser.newPage();
  await login(deputy, demo.url, 'deputy');
  await deputy.getByRole('link', { name: 'Разблокировка периодов' }).click();
  await deputy.getByRole('button', { name: 'Разрешить' }).click();
  // For a week by default, counted from the server's today (the demo's 25.11.2026), not this computer's date.
  await expect(deputy.getByRole('status')).toContainText('разблокирован до 02.12.2026');

  await page.reload();
  await expect(page.getByText(/разблокирован до/)).toBeVisible();
  // The cell is named once and clicked by its name: «the first empty cell» changes when the grid renders the columns
  // beyond its view, and a locator is resolved again at the click.
  const label = (await page
    .locator('[role=gridcell][aria-label$=": пусто"]:not([aria-disabled])')
    .first()
    .getAttribute('aria-label'))!;
  await page.locator(`[role=gridcell][aria-label="${label}"]`).click();
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  await expect(page.locator(`[role=gridcell][aria-label="${label.replace(': пусто', ': 4')}"]`)).toBeVisible();

  await deputy.getByRole('button', { name: 'Все' }).click();
  await deputy.getByRole('button', { name: /Изменения после разблокировки: 1/ }).click();
  await expect(deputy.getByRole('cell', { name: 'отметка', exact: true })).toBeVisible();
  await deputy.screenshot({ path: 'test-results/unlocks-deputy.png' });
  await deputy.close();
});
