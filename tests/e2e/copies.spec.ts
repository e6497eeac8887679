// The certified copy in Chromium: the deputy picks a journal, says to whom the copy goes, downloads the PDF, and the
// register of issued copies under the form shows it as № 1.
import fs from 'node:fs';
import { expect, login, test } from './fixtures';

test('the deputy issues a certified copy and finds it in the register', async ({ page, demo }) => {
  await login(page, demo.url, 'deputy');
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Отчёты' }).click();
  await page.getByRole('tab', { name: 'Копия страниц журнала', exact: true }).click();
  const form = page.getByRole('form', { name: 'Копия страниц журнала' });
  const journal = form.getByLabel('Журнал');
  await journal.selectOption({ index: 1 });
  const submit = form.getByRole('button', { name: 'Сформировать заверенную копию (PDF)' });
  await expect(submit).toBeDisabled();
  await form.getByLabel('Кому выдаётся копия').fill('Петровой А. В. по заявлению');
  const download = page.waitForEvent('download');
  await submit.click();
  const file = await (await download).path();
  expect(fs.readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');
  const register = page.getByRole('table', { name: 'Выданные копии' });
  await expect(register.getByRole('row').nth(1)).toContainText('Петровой А. В. по заявлению');
  await expect(register.getByRole('row').nth(1).getByRole('cell').first()).toHaveText('1');
  await page.screenshot({ path: 'test-results/copies.png', fullPage: true });
});
