// The college's semester documents in Chromium (issue 15): the deputy opens last year's exam record sheet and prints
// it, then the group's summary sheet; a department head fills in this semester's sheet — the date, the examiners,
// a student who did not come — and saves it.
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, login, test } from './fixtures';

async function open(page: Page, url: string, who: string) {
  await login(page, url, who);
  await page
    .getByRole('navigation', { name: 'Разделы' })
    .getByRole('link', { name: 'Ведомости и задолженности' })
    .click();
}

async function pdfText(page: Page, click: () => Promise<void>): Promise<string> {
  const download = page.waitForEvent('download');
  await click();
  const file = await (await download).path();
  return execFileSync('pdftotext', ['-layout', file!, '-'], { encoding: 'utf8' });
}

test('the deputy prints an exam record sheet and a summary sheet of last year', async ({ page, demo }) => {
  await open(page, demo.url, 'deputy');
  await page.getByLabel('Учебный год').selectOption({ label: '2025/2026' });
  const sheet = page.getByRole('table', { name: 'Ведомость' });
  // One journal in three took an exam: go through the journals until a sheet has marks.
  const journal = page.getByLabel('Журнал');
  await expect(sheet).toBeVisible();
  const count = await journal.locator('option').count();
  for (let i = 1; i < count; i++) {
    if ((await sheet.getByRole('cell', { name: /\([2-5]\)$/ }).count()) > 0) break;
    const loaded = page.waitForResponse((r) => r.url().endsWith('/api/assessments.sheet'));
    await journal.selectOption({ index: i });
    await loaded;
    await expect(sheet).toBeVisible();
  }
  const first = sheet
    .getByRole('row')
    .filter({ hasText: /\([2-5]\)/ })
    .first();
  const name = (await first.getByRole('cell').nth(1).textContent())!;
  const mark = (await first.getByRole('cell').nth(2).textContent())!;
  expect(mark).toMatch(/^(отлично|хорошо|удовлетворительно|неудовлетворительно) \([2-5]\)$/);
  await page.screenshot({ path: 'test-results/record-sheet.png', fullPage: true });
  const printed = await pdfText(page, () => page.getByRole('button', { name: 'Печать ведомости (PDF)' }).click());
  expect(printed).toContain('ЭКЗАМЕНАЦИОННАЯ ВЕДОМОСТЬ');
  const line = printed.split('\n').find((l) => l.includes(name))!;
  expect(line).toContain(mark);

  await page.getByRole('button', { name: 'Сводная ведомость' }).click();
  const summary = page.getByRole('table', { name: 'Сводная ведомость' });
  await expect(summary.locator('caption')).toContainText('1 семестр 2025/2026 учебного года');
  await expect(page.getByText('абсолютная успеваемость')).toBeVisible();
  await page.screenshot({ path: 'test-results/summary-sheet.png', fullPage: true });
  const total = await pdfText(page, () => page.getByRole('button', { name: 'Печать (PDF)' }).click());
  expect(total).toContain('СВОДНАЯ ВЕДОМОСТЬ УСПЕВАЕМОСТИ');
  expect(total).toMatch(/Абсолютная успеваемость: \d+,\d %\. Качественная успеваемость: \d+,\d %/);
});

test('a department head fills in this semester’s sheet: date, examiners, «не явился»', async ({ page, demo }) => {
  await open(page, demo.url, 'depthead');
  await page.getByLabel('Форма контроля').selectOption({ label: 'зачёт' });
  const sheet = page.getByRole('table', { name: 'Ведомость' });
  await expect(sheet).toBeVisible();
  await page.getByLabel('Дата', { exact: true }).fill('24.11.2026');
  await page.getByLabel('Экзаменаторы').fill('Иванова И. И., Петров П. П.');
  const row = sheet.getByRole('row').nth(1);
  const who = (await row.getByRole('cell').nth(1).textContent())!;
  await page.getByLabel(`Неявка: ${who}`).selectOption({ label: 'не явился' });
  await page.getByRole('button', { name: 'Сохранить ведомость' }).click();
  await expect(page.getByText('Ведомость сохранена.')).toBeVisible();
  await page.reload();
  await page.getByLabel('Форма контроля').selectOption({ label: 'зачёт' });
  await expect(page.getByLabel(`Неявка: ${who}`)).toHaveValue('absent');
  await expect(page.getByLabel('Экзаменаторы')).toHaveValue('Иванова И. И., Петров П. П.');
});
