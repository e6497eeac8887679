import fs from 'node:fs';
import path from 'node:path';
import { expect, login, test } from './fixtures';

test('the admin changes the backup folder in settings, takes a backup now and sees it listed', async ({
  page,
  demo,
}) => {
  const folder = path.join(demo.dataDir, 'Диск D', 'Копии журнала');
  fs.mkdirSync(folder, { recursive: true });
  await login(page, demo.url, 'admin');
  const nav = page.getByRole('navigation', { name: 'Разделы' });

  await nav.getByRole('link', { name: 'Настройки' }).click();
  const form = page.getByRole('form', { name: 'Резервные копии' });
  // A folder that does not exist is refused before saving.
  await form.getByLabel('Папка резервных копий').fill(path.join(demo.dataDir, 'нет такой папки'));
  await form.getByRole('button', { name: 'Сохранить' }).click();
  await expect(form.getByRole('alert').first()).toContainText('не найдена');
  await form.getByLabel('Папка резервных копий').fill(folder);
  await form.getByRole('button', { name: 'Проверить папку' }).click();
  await expect(form.getByText(/Папка доступна для записи, свободно/)).toBeVisible();
  await form.getByLabel('Ежедневно в (ЧЧ:ММ)').fill('17:45');
  await form.getByRole('button', { name: 'Сохранить' }).click();
  await expect(form.getByText('Сохранено')).toBeVisible();
  await page.screenshot({ path: 'test-results/settings.png', fullPage: true });

  await nav.getByRole('link', { name: 'Резервные копии' }).click();
  await expect(page.getByRole('heading', { name: 'Резервные копии', level: 1 })).toBeVisible();
  await expect(page.getByText(folder)).toBeVisible();
  await expect(page.getByText('17:45')).toBeVisible();
  await page.getByRole('button', { name: 'Сделать копию сейчас' }).click();
  await expect(page.getByText(/Копия сделана и проверена/)).toBeVisible({ timeout: 30_000 });
  const row = page.getByRole('row').filter({ hasText: 'создана вручную' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('2026/2027');
  await expect(row).toContainText('проверена');
  const copies = fs.readdirSync(folder).filter((n) => /^journal_.*_manual\.sqlite$/.test(n));
  expect(copies).toHaveLength(1);
  await page.screenshot({ path: 'test-results/backups.png', fullPage: true });
});

test('the admin checks a copy and restores the journal from it; the restore can be undone', async ({ page, demo }) => {
  await login(page, demo.url, 'admin');
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Резервные копии' }).click();
  await page.getByRole('button', { name: 'Сделать копию сейчас' }).click();
  await expect(page.getByText(/Копия сделана и проверена/)).toBeVisible({ timeout: 30_000 });
  const row = page.getByRole('row').filter({ hasText: 'создана вручную' });
  await row.getByRole('button', { name: /Открыть копию от/ }).click();
  const check = page.getByRole('region', { name: 'Проверка копии' });
  await expect(
    check.getByText(/Копия исправна: проверка целостности пройдена, контрольная сумма совпадает/),
  ).toBeVisible({ timeout: 30_000 });
  await expect(check.getByText('Обучающихся')).toBeVisible();
  await check.getByRole('button', { name: 'Восстановить журнал из этой копии…' }).click();
  const confirm = page.getByRole('group', { name: 'Подтверждение восстановления' });
  await expect(confirm.getByRole('button', { name: 'Восстановить' })).toBeDisabled();
  await confirm.getByRole('checkbox').check();
  await page.screenshot({ path: 'test-results/restore-confirm.png', fullPage: true });
  await confirm.getByRole('button', { name: 'Восстановить' }).click();
  await expect(page.getByRole('heading', { name: 'Журнал восстановлен' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/перед восстановлением/)).toBeVisible();
  await page.getByRole('button', { name: 'Войти снова' }).click();
  await login(page, demo.url, 'admin');
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Резервные копии' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'перед восстановлением (для отмены)' })).toHaveCount(1);
});
