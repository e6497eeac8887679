// The stipend committee's sheet in Chromium: the curator opens the reports, the tab «Пропуски для стипендии» shows
// their group for the month picked, and the sheet downloads as Excel.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, login, test } from './fixtures';

test('the curator reads and downloads the month’s sheet for the stipend committee', async ({ page, demo }) => {
  await login(page, demo.url, 'curator');
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Отчёты' }).click();
  await page.getByRole('tab', { name: 'Пропуски для стипендии', exact: true }).click();
  await page.getByLabel('Месяц').selectOption({ label: 'октябрь 2026' });
  const table = page.getByRole('table', { name: /^Пропуски: / });
  await expect(table).toHaveCount(1);
  await expect(table.locator('caption')).toContainText(/^Группа \S+, \d курс · /);
  await expect(table.getByRole('row').filter({ hasText: 'Итого по группе' })).toBeVisible();
  await page.screenshot({ path: 'test-results/stipend.png', fullPage: true });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Скачать Excel' }).click();
  const file = await (await download).path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file!) as unknown as ArrayBuffer);
  expect(wb.worksheets[0]!.name).toBe('Пропуски за месяц');
  expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(3);
});
