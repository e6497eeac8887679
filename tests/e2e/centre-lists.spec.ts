// «Мои объединения» (000 §3.5.1, §3.5.4): a centre's педагог enrols a child by order, sees them on the
// list, opens the card to add a parent, and withdraws the child by order — and a college's teacher has
// no such entry in the navigation.
import { expect, login, test } from './fixtures';

test.describe('a centre', () => {
  test.use({ demoKind: 'supplementary' });

  test('the teacher keeps the list of their объединение', async ({ page, demo }) => {
    await login(page, demo.url, 'teacher');
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Мои объединения' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Мои объединения' })).toBeVisible();
    const roster = page.getByRole('table', { name: /^Список объединения/ });
    await expect(roster).toBeVisible();

    await page.getByRole('button', { name: 'Зачислить', exact: true }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Номер приказа').fill('77-д');
    await dialog.getByLabel('Дата приказа').fill('20.11.2026');
    await dialog.getByLabel('Фамилия').fill('Зябликова');
    await dialog.getByLabel('Имя').fill('Ксения');
    await dialog.getByLabel('Дата рождения').fill('02.02.2016');
    await dialog.getByLabel('Телефон').fill('+7 900 123-45-67');
    await dialog.getByRole('button', { name: 'Зачислить' }).click();
    await expect(dialog.getByRole('status')).toContainText('Зачислены: Зябликова Ксения');
    await dialog.getByRole('button', { name: 'Закрыть' }).first().click();
    await expect(roster).toContainText('Зябликова Ксения');
    await expect(roster).toContainText('02.02.2016');
    await expect(roster).toContainText('с 20.11.2026');

    // The card: a parent's contacts.
    await roster.getByRole('button', { name: 'Зябликова Ксения' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Добавить представителя' }).click();
    await dialog.getByLabel('ФИО представителя').fill('Зябликова Ольга Ивановна');
    await dialog.getByLabel('Кем приходится').fill('мать');
    await dialog.getByRole('form', { name: 'Представитель' }).getByLabel('Телефон').fill('+7 900 765-43-21');
    await dialog.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await expect(dialog.getByRole('region', { name: 'Законные представители' })).toContainText(
      'Зябликова Ольга Ивановна',
    );
    await dialog.getByRole('button', { name: 'Закрыть' }).first().click();

    // Withdrawal by order.
    await roster.getByLabel('Отметить Зябликова Ксения').check();
    await page.getByRole('button', { name: 'Отчислить (1)' }).click();
    dialog = page.getByRole('dialog', { name: 'Отчисление' });
    await dialog.getByLabel('Отчислить с').fill('25.11.2026');
    await dialog.getByLabel('Номер приказа').fill('80-д');
    await dialog.getByLabel('Дата приказа').fill('24.11.2026');
    await dialog.getByRole('button', { name: 'Провести приказ' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(roster).not.toContainText('Зябликова Ксения');
  });
});

test('a college teacher has no «Мои объединения»', async ({ page, demo }) => {
  await login(page, demo.url, 'teacher');
  const nav = page.getByRole('navigation', { name: 'Разделы' });
  await expect(nav.getByRole('link', { name: 'Журналы' })).toBeVisible();
  await expect(nav.getByRole('link', { name: /^Мои / })).toHaveCount(0);
});
