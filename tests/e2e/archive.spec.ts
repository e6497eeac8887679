// The year-end archive in the browser: the secretary is reminded, archives the closed year into the
// store and onto a chosen folder with a progress bar, verifies the copy; the deputy sees the transfer
// done and verified, and opens the archived year read-only down to a journal page.
import fs from 'node:fs';
import path from 'node:path';
import { expect, login, test } from './fixtures';

test('the secretary archives the closed year onto a stick and the deputy sees it verified', async ({ page, demo }) => {
  const stick = path.join(demo.dataDir, 'media', 'ARCHIVE');
  fs.mkdirSync(stick, { recursive: true });

  await login(page, demo.url, 'secretary');
  await expect(page.getByText('Пора архивировать 2025/2026 учебный год')).toBeVisible();
  await page.screenshot({ path: 'test-results/archive-home-secretary.png', fullPage: true });
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Архив' }).click();
  await expect(page.getByRole('heading', { name: 'Архив журналов' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Учебный год' })).toHaveValue(/\d+/);

  // Any folder: browse to it by typing its path.
  await page.getByRole('button', { name: 'Выбрать другую папку…' }).click();
  const pathBox = page.getByRole('textbox', { name: 'Путь к папке' });
  await expect(pathBox).not.toHaveValue(''); // the browser opens on the home folder first
  await pathBox.fill(stick);
  await page.getByRole('button', { name: 'Перейти' }).click();
  await expect(page.getByText(`${stick} · свободно`)).toBeVisible();
  await page.getByRole('button', { name: 'Записать сюда' }).click();
  await expect(page.getByRole('radio', { name: /Папка/ })).toBeChecked();
  await page.screenshot({ path: 'test-results/archive-secretary-before.png', fullPage: true });

  await page.getByRole('button', { name: 'Архивировать и записать на носитель' }).click();
  await expect(page.getByRole('progressbar', { name: 'Ход архивирования' })).toBeVisible();
  await page.screenshot({ path: 'test-results/archive-secretary-progress.png' });
  await expect(page.getByText(/Копия записана и проверена/)).toBeVisible({ timeout: 120_000 });
  expect(fs.readdirSync(stick)).toEqual(['Журнал_2025-2026_ГБПОУ_ЮЭТ']);
  await expect(page.getByText('перенесён и проверен')).toBeVisible();

  await page
    .getByRole('button', { name: `Проверить копию: ${path.join(stick, 'Журнал_2025-2026_ГБПОУ_ЮЭТ')}` })
    .click();
  await expect(page.getByRole('status').filter({ hasText: 'Архив цел' })).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: 'test-results/archive-secretary-done.png', fullPage: true });

  await page.getByRole('button', { name: 'Выйти' }).click();
  await login(page, demo.url, 'deputy');
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Перенос на носители' }).click();
  await expect(page.getByRole('heading', { name: 'Перенос журналов на съёмные носители' })).toBeVisible();
  const row = page.getByRole('row', { name: /2025\/2026/ });
  await expect(row.getByText('перенесён и проверен')).toBeVisible();
  await expect(row.getByText(/проверен \d\d\.\d\d\.\d{4}/).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/archive-deputy.png', fullPage: true });

  await row.getByRole('link', { name: 'Открыть' }).last().click();
  await expect(page.getByRole('heading', { name: /Архив 2025\/2026 учебного года/ })).toBeVisible();
  const groups = page.getByRole('navigation', { name: 'Группы и журналы архива' });
  await groups.getByRole('button').first().click();
  await expect(page.getByRole('table', { name: 'Страница журнала (только чтение)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Заверенная копия (PDF)' })).toBeVisible();
  await page.screenshot({ path: 'test-results/archive-view.png', fullPage: true });
});

test('a missing folder and the open year are refused with Russian messages', async ({ page, demo }) => {
  await login(page, demo.url, 'secretary');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Здравствуйте');
  const years = await demo.api(page, 'archive.overview', {});
  const open = (years.body.value as { years: Array<{ yearId: number; status: string }> }).years.find(
    (y) => y.status === 'open',
  )!;
  const refused = await demo.api(page, 'archive.start', { yearId: open.yearId, destination: null });
  expect(refused.body.error?.message).toMatch(/ещё не закрыт/);
  await page.goto(`${demo.url}#/archive`);
  // The home folder's listing arrives late (a slow network share): what was typed meanwhile stays.
  let first = true;
  await page.route('**/api/archive.folders', async (route) => {
    if (first) {
      first = false;
      await new Promise((r) => setTimeout(r, 1500));
    }
    await route.continue();
  });
  const listed = page.waitForResponse('**/api/archive.folders');
  await page.getByRole('button', { name: 'Выбрать другую папку…' }).click();
  await page.getByRole('textbox', { name: 'Путь к папке' }).fill('/нет/такой/папки');
  await listed;
  await expect(page.getByRole('textbox', { name: 'Путь к папке' })).toHaveValue('/нет/такой/папки');
  await page.getByRole('button', { name: 'Перейти' }).click();
  await expect(page.getByRole('alert')).toHaveText('Папка /нет/такой/папки не найдена');
});
