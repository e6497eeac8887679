// A late correction in Chromium (issue 14): the teacher changes a mark of a lesson more than three days old; the
// journal asks why, takes a reason from the list with words of the teacher's own, saves it and marks the cell
// «исправлено»; the deputy opens the journal's history and reads the change with its reason.
import Database from 'better-sqlite3';
import { expect, login, test } from './fixtures';

test('a late correction asks for a reason, and the deputy reads it in the journal’s history', async ({
  page,
  demo,
}) => {
  // The demo teacher's journal with a mark on a lesson of 16–18.11 (more than three days before today, 25.11).
  const d = new Database(demo.dbFile, { readonly: true });
  const found = d
    .prepare(
      `select j.id, l.date from journals j join users u on u.id = j.teacher_user_id
       join lessons l on l.journal_id = j.id join work_columns c on c.lesson_id = l.id
       join marks m on m.column_id = c.id
       where u.login = 'teacher' and l.date between '2026-11-16' and '2026-11-18' and m.value in ('3', '4', '5')
       order by l.date limit 1`,
    )
    .get() as { id: number; date: string };
  d.close();
  const dm = `${found.date.slice(8)}.${found.date.slice(5, 7)}`;
  await login(page, demo.url, 'teacher');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto(`${demo.url}#/journal/${found.id}`);
  await expect(page.getByRole('grid')).toBeVisible();
  const marked = page
    .locator(`[role=gridcell][aria-label*=" ${dm} "]`)
    .filter({ hasText: /^[345]$/ })
    .first();
  await expect(marked).toBeVisible();
  const before = (await marked.textContent())!.trim();
  const after = before === '4' ? '5' : '4';
  await marked.click();
  await page.keyboard.type(after);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Причина исправления' });
  await expect(dialog).toContainText('укажите причину исправления');
  await dialog.getByRole('combobox', { name: 'Причина' }).selectOption('Ошибка при вводе');
  await dialog.getByRole('textbox', { name: 'Уточнение (необязательно)' }).fill('перепутаны строки');
  await page.screenshot({ path: 'test-results/correction-reason.png' });
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(marked).toHaveText(after);
  await expect(marked).toHaveAttribute('title', 'исправлено 25.11.2026');
  await expect(page.getByRole('alert')).toHaveCount(0);
  const url = page.url();
  await demo.api(page, 'auth.logout', {});

  await login(page, demo.url, 'deputy');
  await page.goto(url);
  await page.getByRole('button', { name: 'История изменений' }).click();
  const history = page.getByRole('dialog', { name: /^История изменений/ });
  await history.getByLabel('Только исправления с причиной').check();
  const row = history.getByRole('row').filter({ hasText: 'Ошибка при вводе: перепутаны строки' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`${before} → ${after}`);
  await page.screenshot({ path: 'test-results/correction-history.png' });
});
