// The deputy's control in the browser: a remark written, answered by the teacher and accepted; the
// half-year keeping report downloaded as PDF and Excel, and the semester pack in one click.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { readSheet } from '../../electron/export/xlsx-read';
import { expect, login, test } from './fixtures';

interface Journal {
  journalId: number;
  groupName: string;
  subgroup: number | null;
  subjectName: string;
  teacherId: number;
  teacherName: string;
}

// Two logins, several screens, a report job: more than the default 90 s on a busy 2-core machine.
test.describe.configure({ timeout: 240_000 });

const label = (j: Journal) =>
  `${j.subgroup ? `${j.groupName} (подгр. ${j.subgroup})` : j.groupName} · ${j.subjectName} · ${j.teacherName}`;

test('the deputy leaves a remark, the teacher answers it, the deputy accepts it', async ({ page, browser, demo }) => {
  const teacherContext = await browser.newContext({ locale: 'ru-RU' });
  const teacher = await teacherContext.newPage();
  await login(teacher, demo.url, 'teacher');
  await expect(teacher.getByRole('heading', { level: 1 })).toContainText('Здравствуйте');
  const me = (await demo.api(teacher, 'auth.me', {})).body.value as { userId: number };

  await login(page, demo.url, 'deputy');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Здравствуйте');
  const filters = (await demo.api(page, 'reports.filters', {})).body.value as { journals: Journal[] };
  const journal = filters.journals.find((j) => j.teacherId === me.userId)!;
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Замечания' }).click();
  await page.getByRole('button', { name: 'Новое замечание' }).click();
  await page.getByLabel('Журнал').selectOption({ label: label(journal) });
  const text = 'Не указаны темы двух последних занятий. Заполнить по тематическому плану.';
  await page.getByLabel('Текст замечания').fill(text);
  await page.getByRole('button', { name: 'Отправить замечание' }).click();
  const sent = page.getByRole('article').filter({ hasText: text });
  await expect(sent).toBeVisible();
  await expect(sent.getByText('ждёт ответа')).toBeVisible();

  // The teacher sees it on the home page and answers it.
  await teacher.reload();
  await expect(teacher.getByRole('heading', { name: 'Замечания заместителя директора' })).toBeVisible();
  await expect(teacher.getByText(text)).toBeVisible();
  await teacher.getByRole('link', { name: 'Все замечания' }).click();
  const mine = teacher.getByRole('article').filter({ hasText: text });
  await mine.getByLabel('Ответ на замечание').fill('Темы внесены из тематического плана.');
  await mine.getByRole('button', { name: 'Ответить' }).click();
  await expect(teacher.getByRole('article').filter({ hasText: text })).toHaveCount(0);
  await teacher.getByRole('tab', { name: 'На проверке' }).click();
  await expect(teacher.getByRole('article').filter({ hasText: text }).getByText('ответ получен')).toBeVisible();

  // The deputy accepts the answer.
  await page.getByRole('tab', { name: 'Ответы на проверку' }).click();
  const answered = page.getByRole('article').filter({ hasText: text });
  await expect(answered.getByText('Темы внесены из тематического плана.')).toBeVisible();
  // Accepting reloads the list of answers; that answer is held back here until after the next tab's list has come,
  // as a slow network may deliver it. The tab must keep its own list: an older answer never replaces a newer one.
  const held = (r: { url(): string; postDataJSON(): unknown }) =>
    r.url().endsWith('/api/remarks.list') && (r.postDataJSON() as { filter?: string } | null)?.filter === 'answered';
  await page.route('**/api/remarks.list', async (route) => {
    if (held(route.request())) await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  const late = page.waitForResponse((r) => held(r.request()));
  // The tab is changed once that reload is on its way: changed before it starts (the accept not yet answered on a
  // slow machine), the reload asks for the new tab's list, and no late answer comes at all.
  const reloading = page.waitForRequest((r) => held(r));
  await answered.getByRole('button', { name: 'Принять' }).click();
  await reloading;
  await page.getByRole('tab', { name: 'Устранённые' }).click();
  await expect(page.getByRole('article').filter({ hasText: text }).getByText('устранено')).toBeVisible();
  await late;
  await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
  await expect(page.getByRole('tab', { name: 'Устранённые' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('article').filter({ hasText: text }).getByText('устранено')).toBeVisible();
  await expect(page.getByRole('article').filter({ hasText: 'ответ получен' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/remarks-deputy.png' });
  await teacherContext.close();
});

async function download(page: Page, button: string, dir: string): Promise<string[]> {
  const files: string[] = [];
  page.on('download', async (d) => {
    const file = path.join(dir, d.suggestedFilename());
    files.push(file);
    await d.saveAs(file);
  });
  await page.getByRole('button', { name: button }).click();
  return files;
}

test('the deputy downloads the half-year keeping report as PDF and Excel, and the semester pack', async ({
  page,
  demo,
}, info) => {
  const dir = info.outputPath('downloads');
  fs.mkdirSync(dir, { recursive: true });
  await login(page, demo.url, 'deputy');
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Отчёты' }).click();
  await expect(page.getByRole('tab', { name: 'Ведение журналов' })).toHaveAttribute('aria-selected', 'true');
  await page.getByLabel('Период').selectOption({ label: '1 семестр' });
  await expect(page.getByText('Сводка по отделениям')).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: 'test-results/reports-keeping.png' });

  const pdfDone = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Скачать PDF' }).click();
  const pdf = await pdfDone;
  expect(pdf.suggestedFilename()).toBe('Ведение журналов — 1 семестр 2026-2027 учебного года.pdf');
  const pdfFile = path.join(dir, 'keeping.pdf');
  await pdf.saveAs(pdfFile);
  expect(fs.readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
  expect(text).toContain('Отчёт о ведении электронных журналов');
  expect(text).toContain('Заместитель директора');

  const xlsxDone = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Скачать Excel' }).click();
  const xlsx = await xlsxDone;
  expect(xlsx.suggestedFilename()).toBe('Ведение журналов — 1 семестр 2026-2027 учебного года.xlsx');
  const xlsxFile = path.join(dir, 'keeping.xlsx');
  await xlsx.saveAs(xlsxFile);
  const report = (await demo.api(page, 'reports.keeping', { periodId: await currentPeriod(page, demo) })).body
    .value as { rows: unknown[] };
  expect((await readSheet(xlsxFile, 'По журналам')).rows).toHaveLength(report.rows.length);

  const files = await download(page, 'Пакет отчётов за период (PDF + Excel)', dir);
  await expect.poll(() => files.length, { timeout: 60_000 }).toBe(2);
  expect(files.map((f) => path.extname(f)).sort()).toEqual(['.pdf', '.xlsx']);
});

async function currentPeriod(
  page: Page,
  demo: { api: (p: Page, m: string, i: unknown) => Promise<{ body: { value?: unknown } }> },
): Promise<number> {
  return ((await demo.api(page, 'reports.filters', {})).body.value as { currentPeriodId: number }).currentPeriodId;
}
