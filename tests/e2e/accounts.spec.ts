// Accounts end to end in the browser host: the admin creates a teacher and hands them a journal; the
// teacher must change the one-time password and then sees only their own journals; slips for families;
// lockout and unlock; the audit log; and the API refusing what a role or scope does not allow.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, login, test } from './fixtures';

test('the admin creates a teacher with a journal; the teacher changes the password and sees only that journal', async ({
  page,
  demo,
}) => {
  await login(page, demo.url, 'admin');
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Пользователи и роли' }).click();
  await expect(page.getByRole('heading', { name: 'Пользователи и роли' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Пользователи' }).getByText('teacher', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/users-list.png' });

  await page.getByRole('button', { name: 'Создать пользователя' }).click();
  const dialog = page.getByRole('dialog', { name: 'Новый пользователь' });
  await dialog.getByLabel('Фамилия').fill('Лебедева');
  await dialog.getByLabel('Имя').fill('Ксения');
  await dialog.getByLabel('Отчество').fill('Андреевна');
  await dialog.getByLabel('Логин').fill('lebedeva.ka');
  await dialog.getByLabel('Должность').fill('преподаватель');
  await expect(dialog.getByLabel('Роль 1')).toHaveValue('teacher');
  await dialog.getByRole('button', { name: 'Создать пользователя' }).click();

  const card = page.getByRole('dialog', { name: /Пользователь Лебедева Ксения Андреевна/ });
  const password = (await card.getByLabel('Одноразовый пароль').textContent())!.trim();
  expect(password).toMatch(/^[a-z2-9]{10}$/);
  await expect(card.getByRole('heading', { name: 'Журналы текущего года (0)' })).toBeVisible();
  const select = card.getByLabel('Журнал для передачи');
  const option = select.locator('option').nth(1);
  const journalLabel = (await option.textContent())!.split(' — ')[0]!;
  await select.selectOption({ index: 1 });
  await card.getByRole('button', { name: 'Передать журнал этому преподавателю' }).click();
  await expect(card.getByRole('heading', { name: 'Журналы текущего года (1)' })).toBeVisible();
  await expect(card.getByText(journalLabel, { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/users-editor.png' });
  await card.getByRole('button', { name: 'Закрыть', exact: true }).first().click();
  await page.getByRole('button', { name: 'Выйти' }).click();

  await login(page, demo.url, 'lebedeva.ka', password);
  const form = page.getByRole('form', { name: 'Смена пароля' });
  await expect(form.getByText('пароль выдан администратором')).toBeVisible();
  // A weak password is refused in Russian; nothing else opens until the password is changed.
  await form.getByLabel('Текущий пароль').fill(password);
  await form.getByLabel('Новый пароль', { exact: true }).fill('короткий');
  await form.getByLabel('Повторите новый пароль').fill('короткий');
  await form.getByRole('button', { name: 'Сохранить пароль' }).click();
  await expect(page.getByRole('alert')).toContainText('буквы и цифры');
  const gated = await demo.api(page, 'home.summary', {});
  expect(gated.body.error?.code).toBe('password_change');
  await form.getByLabel('Текущий пароль').fill(password);
  await form.getByLabel('Новый пароль', { exact: true }).fill('Lebedeva2026');
  await form.getByLabel('Повторите новый пароль').fill('Lebedeva2026');
  await form.getByRole('button', { name: 'Сохранить пароль' }).click();

  const mine = page.getByRole('list', { name: 'Мои журналы' });
  await expect(mine.getByRole('listitem')).toHaveCount(1);
  await expect(mine).toContainText(journalLabel);
  await page.screenshot({ path: 'test-results/teacher-own-journals.png' });
  const api = await demo.api(page, 'users.myJournals', {});
  expect((api.body.value as unknown[]).length).toBe(1);
  expect((await demo.api(page, 'users.list', {})).status).toBe(403);
  await expect(
    page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Пользователи и роли' }),
  ).toHaveCount(0);
});

test('the department head prints slips for parents and students of their group', async ({ page, demo }) => {
  await login(page, demo.url, 'depthead');
  await page
    .getByRole('navigation', { name: 'Разделы' })
    .getByRole('link', { name: 'Доступ родителей и обучающихся' })
    .click();
  const table = page.getByRole('table', { name: 'Обучающиеся и родители группы' });
  await expect(table).toBeVisible();
  const students = table.getByRole('checkbox', { name: /^Обучающийся / });
  const parents = table.getByRole('checkbox', { name: /^Родитель / });
  await students.nth(1).check();
  await parents.nth(2).check();
  const studentName = (await students.nth(1).getAttribute('aria-label'))!.replace('Обучающийся ', '');
  await page.screenshot({ path: 'test-results/family-access.png' });
  await page.getByRole('button', { name: 'Печать листков с паролями (2)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Печать листков с паролями' });
  await expect(dialog.getByLabel('Адрес для входа через браузер')).toHaveValue(demo.url);
  await page.screenshot({ path: 'test-results/slips-dialog.png' });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Выдать пароли и напечатать' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Листки с паролями 25.11.2026.pdf');
  const pdf = `${demo.dataDir}/slips.pdf`;
  await file.saveAs(pdf);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text.replace(/\s+/g, ' ')).toContain(studentName);
  expect(text).toMatch(/Логин:\s+\S+/);
  expect(text).toContain(demo.url);
  await expect(dialog.getByText(/Сформировано 2 листка/)).toBeVisible();
  await page.screenshot({ path: 'test-results/slips-done.png' });
  await dialog.getByRole('button', { name: 'Закрыть', exact: true }).last().click();
  await expect(table.getByText('пароль не сменён').first()).toBeVisible();
  fs.rmSync(pdf);

  // Another department's group is out of reach even by calling the API directly.
  const other = await demo.api(page, 'users.families', { groupId: 999_999 });
  expect(other.body.error?.code).toBe('not_found');
  const staff = await demo.api(page, 'users.slips', { userIds: [1] });
  expect(staff.status).toBe(403);
});

test(
  'five wrong passwords close the account to that address until the admin unlocks it; the audit log shows it ' + 'all',
  async ({ page, demo }) => {
    for (let i = 0; i < 5; i++) {
      await login(page, demo.url, 'teacher', `wrong-${i}-pass`);
      await expect(page.getByRole('alert')).toBeVisible();
    }
    await expect(page.getByRole('alert')).toContainText('Слишком много неверных попыток входа с этого адреса');
    await login(page, demo.url, 'teacher');
    await expect(page.getByRole('alert')).toContainText('Повторите через 15 мин');

    await login(page, demo.url, 'admin');
    await page.getByRole('link', { name: 'Пользователи и роли' }).click();
    await page.getByLabel('Состояние').selectOption('locked');
    const row = page.getByRole('row').filter({ hasText: 'teacher' });
    await expect(row.getByText(/заблокирована до/)).toBeVisible();
    await row.getByRole('button', { name: /^Открыть/ }).click();
    await page.getByRole('button', { name: 'Снять блокировку' }).click();
    await expect(page.getByRole('dialog').getByText(/заблокирована до/)).toHaveCount(0);
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Журнал аудита' }).click();
    await expect(page.getByRole('heading', { name: 'Журнал аудита' })).toBeVisible();
    await page.getByLabel('Действие').selectOption({ label: 'Учётная запись заблокирована после неверных паролей' });
    const entries = page.getByRole('table', { name: 'Записи журнала аудита' });
    await expect(entries.locator(':scope > tbody > tr')).toHaveCount(1);
    await expect(entries).toContainText('teacher');
    await page.getByLabel('Действие').selectOption({ label: 'Снята блокировка учётной записи' });
    await expect(entries).toContainText('Пользователь: ');
    await expect(entries).toContainText('(teacher)');
    await expect(entries).toContainText('Заблокирована до');
    await page.getByLabel('Действие').selectOption('');
    await page.screenshot({ path: 'test-results/audit-log.png', fullPage: false });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Выгрузить в Excel' }).click();
    expect((await download).suggestedFilename()).toBe('Журнал аудита 25.11.2026.xlsx');
    await expect(page.getByText(/Выгружено записей: \d+/)).toBeVisible();

    await page.getByRole('button', { name: 'Выйти' }).click();
    await login(page, demo.url, 'teacher');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Здравствуйте');
  },
);

test("a parent calling the family page with another child's id is refused", async ({ page, demo }) => {
  await login(page, demo.url, 'parent');
  await expect(page.getByRole('heading', { name: 'Мои дети' })).toBeVisible();
  const home = await demo.api(page, 'home.summary', {});
  const own = (home.body.value as { children: Array<{ studentId: number }> }).children[0]!.studentId;
  expect((await demo.api(page, 'family.page', { studentId: own })).status).toBe(200);
  for (const other of [own + 1, own - 1]) {
    const r = await demo.api(page, 'family.page', { studentId: other });
    expect(r.status, `ребёнок №${other}`).toBe(403);
    expect(r.body.error?.message).toMatch(/Недостаточно прав/);
  }
});

test('the API refuses a parent another child, and roles what they may not do', async ({ page, demo }) => {
  await login(page, demo.url, 'parent');
  await expect(page.getByRole('heading', { name: 'Мои дети' })).toBeVisible();
  const home = await demo.api(page, 'home.summary', {});
  const own = (home.body.value as { children: Array<{ studentId: number }> }).children.map((c) => c.studentId);
  expect(own).toHaveLength(1);
  for (const [method, input] of [
    ['users.get', { id: 1 }],
    ['users.families', {}],
    ['audit.list', {}],
    ['users.slips', { studentIds: [own[0]! + 1] }],
  ] as const) {
    const r = await demo.api(page, method, input);
    expect(r.status, method).toBe(403);
    expect(r.body.error?.message).toBe('Недостаточно прав');
  }
});

test('after the idle time the window locks over unsaved input and only the same password opens it', async ({
  page,
  demo,
}) => {
  await page.clock.install();
  await login(page, demo.url, 'admin');
  await page.getByRole('link', { name: 'Пользователи и роли' }).click();
  await page.getByRole('button', { name: 'Создать пользователя' }).click();
  const dialog = page.getByRole('dialog', { name: 'Новый пользователь' });
  await dialog.getByLabel('Фамилия').fill('Несохранённая');
  await page.clock.fastForward('10:30');
  const lock = page.getByRole('dialog', { name: 'Окно заблокировано' });
  await expect(lock).toBeVisible();
  expect((await demo.api(page, 'users.list', {})).body.error?.code).toBe('locked');
  await lock.getByLabel('Пароль').fill('не тот');
  await lock.getByRole('button', { name: 'Разблокировать' }).click();
  await expect(lock.getByRole('alert')).toHaveText('Неверный пароль');
  await lock.getByLabel('Пароль').fill('demo12345');
  await lock.getByRole('button', { name: 'Разблокировать' }).click();
  await expect(lock).toHaveCount(0);
  await expect(dialog.getByLabel('Фамилия')).toHaveValue('Несохранённая');
});
