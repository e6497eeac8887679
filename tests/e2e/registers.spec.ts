// 003 §2.2 in Chromium: the department head opens «Полнота реестров», sees their department's groups, opens one to
// read who lacks what, and prints the list as PDF.
import fs from 'node:fs';
import { expect, login, test } from './fixtures';

test('the department head checks the curators’ registers and prints the list', async ({ page, demo }) => {
  await login(page, demo.url, 'depthead');
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Полнота реестров' }).click();
  const table = page.getByRole('table', { name: 'Полнота реестров' });
  await expect(table).toBeVisible();
  const first = table.locator('tbody tr.clickable').first();
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(first).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('list', { name: /^Не заполнено: / })).toBeVisible();
  await page.screenshot({ path: 'test-results/registers.png', fullPage: true });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Печать (PDF)' }).click();
  const file = await (await download).path();
  expect(fs.readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');
});
