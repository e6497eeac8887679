import { expect, login, test } from './fixtures';

test('the demo admin logs in and sees the home page', async ({ page, demo }) => {
  await login(page, demo.url, 'admin');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Здравствуйте');
  await expect(page.getByText('Администратор', { exact: false }).first()).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Главная' })).toBeVisible();
  await expect(page.getByText('обучающихся', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/home-admin.png' });
});

test('a wrong password shows the Russian error and no session', async ({ page, demo }) => {
  await login(page, demo.url, 'admin', 'не тот пароль');
  await expect(page.getByRole('alert')).toHaveText('Неверный логин или пароль');
  await expect(page.getByLabel('Пароль')).toHaveValue('');
  const me = await demo.api(page, 'auth.me', {});
  expect(me.body.value).toBeNull();
});

test("the teacher sees today's lessons from the timetable on the home page", async ({ page, demo }) => {
  await login(page, demo.url, 'teacher');
  await expect(page.getByRole('heading', { name: 'Занятия сегодня' })).toBeVisible();
  await expect(page.getByText('не заполнено').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/home-teacher.png' });
});
