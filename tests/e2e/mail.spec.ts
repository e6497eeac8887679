// E-mail to families in Chromium: the administrator points the journal at an SMTP server (a real one on
// loopback) and sends a test letter; the department head ticks a family's letters next to their logins;
// the parent changes their own on their phone.
import Database from 'better-sqlite3';
import { startSmtp } from '../support/smtp';
import { expect, login, test } from './fixtures';

test('the administrator sets up the mail server, sends a test letter and sees it in the log', async ({
  page,
  demo,
}) => {
  const smtp = await startSmtp();
  try {
    await login(page, demo.url, 'admin');
    await page.getByRole('link', { name: 'Почта' }).click();
    const form = page.getByRole('form', { name: 'Сервер почты' });
    await form.getByLabel('Отправлять письма семьям').check();
    await form.getByLabel('Сервер SMTP').fill('127.0.0.1');
    await form.getByLabel('Шифрование').selectOption('none');
    await form.getByLabel('Порт').fill(String(smtp.port));
    await form.getByLabel('Имя отправителя').fill('ЮЭТ — электронный журнал');
    await form.getByLabel('Адрес отправителя').fill('journal@college.example');
    // Without the family site's address the letters would have no unsubscribe link: refused in Russian.
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await expect(form.getByRole('alert')).toContainText('Укажите адрес сайта для семей');
    await form.getByLabel('Адрес сайта для семей').fill(demo.url);
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await expect(form.getByRole('status')).toContainText('Сохранено');

    const test = page.getByRole('form', { name: 'Пробное письмо' });
    await test.getByLabel('Кому').fill('admin@college.example');
    await test.getByRole('button', { name: 'Отправить пробное письмо' }).click();
    await expect(test.getByRole('status')).toContainText('Сервер принял письмо: 250');
    expect(smtp.received.map((l) => l.to)).toEqual(['admin@college.example']);
    await page.getByRole('button', { name: 'Обновить' }).click();
    const log = page.getByRole('table', { name: 'Журнал отправки' });
    await expect(log.getByRole('row').nth(1)).toContainText('Пробное письмо');
    await expect(log.getByRole('row').nth(1)).toContainText('Отправлено');
    await page.screenshot({ path: 'test-results/mail-admin.png', fullPage: true });
  } finally {
    await smtp.stop();
  }
});

test('the department head subscribes a family; the parent changes their own letters on a phone', async ({
  page,
  demo,
  browser,
}) => {
  const head = await browser.newPage();
  await login(head, demo.url, 'depthead');
  await head.getByRole('link', { name: 'Доступ родителей и обучающихся' }).click();
  const table = head.getByRole('table', { name: 'Письма на почту' });
  await expect(table).toBeVisible();
  const row = table.getByRole('row').nth(1);
  const recipient = (await row.getByRole('cell').first().textContent())!;
  await row.getByLabel('Адрес почты').fill('family-e2e@mail.example');
  await row.getByLabel('Пропуск в тот же день').check();
  await row.getByLabel('Итоги недели').check();
  await row.getByRole('button', { name: 'Сохранить' }).click();
  await expect(row.getByRole('status')).toContainText('Сохранено');
  await table.scrollIntoViewIfNeeded();
  await head.screenshot({ path: 'test-results/mail-depthead.png' });
  await head.close();

  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, demo.url, 'parent');
  await expect(page.getByRole('button', { name: 'Меню' })).toBeVisible();
  await page.goto(`${demo.url}#/family`);
  const card = page.getByRole('form', { name: /о ребёнке/ });
  await expect(card.getByLabel('Адрес почты')).toHaveValue('parent@mail.example');
  await card.getByLabel('Новые отметки за день').uncheck();
  await card.getByRole('button', { name: 'Сохранить' }).click();
  await expect(card.getByRole('status')).toContainText('Сохранено');
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/mail-parent-phone.png' });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);

  const d = new Database(demo.dbFile, { readonly: true });
  try {
    const rows = d
      .prepare('select email, absence, daily, weekly from mail_subscriptions where email in (?, ?) order by email')
      .all('family-e2e@mail.example', 'parent@mail.example');
    expect(rows).toEqual([
      { email: 'family-e2e@mail.example', absence: 1, daily: 0, weekly: 1 },
      { email: 'parent@mail.example', absence: 1, daily: 0, weekly: 1 },
    ]);
    expect(recipient.length).toBeGreaterThan(3);
  } finally {
    d.close();
  }
});
