// A centre's programmes (issue 13): the deputy opens the year wizard, edits a programme's passport and its
// thematic plan, is told when the plan's hours differ from the hours a year and when the ages are the wrong
// way round, and the объединение then shows its programme on the groups screen.
import { expect, login, test } from './fixtures';

test.use({ demoKind: 'supplementary', viewport: { width: 1280, height: 800 } });
test.describe.configure({ timeout: 240_000 });

test('the deputy edits a programme and its plan; the объединение shows it', async ({ page, demo }) => {
  await login(page, demo.url, 'deputy');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Здравствуйте');
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Учебный год' }).click();
  await page.getByRole('navigation', { name: 'Шаги открытия года' }).getByRole('button', { name: 'Программы' }).click();
  const table = page.getByRole('table', { name: 'Паспорта программ' });
  const first = table.locator('tbody tr').first();
  await expect(first.locator('td').nth(1)).not.toHaveText('не указана');
  const name = (await first.locator('td').first().innerText()).trim();
  await page.getByRole('button', { name: `Изменить программу ${name}` }).click();

  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Направленность')).not.toHaveValue('');
  const hours = Number(await dialog.getByLabel('Часов в год').inputValue());
  expect(hours).toBeGreaterThan(0);
  // The demo's plans add up to the hours a year.
  await expect(dialog.getByRole('status')).toContainText(`Часов в плане: ${hours} из ${hours}`);
  // A topic added to the plan: the plan now has more hours than the year.
  await dialog.getByLabel('Тема, новая строка').fill('Экскурсия в технопарк');
  await dialog.getByLabel('Часы, новая строка').fill('4');
  await dialog.getByLabel('Вид занятия, новая строка').selectOption('excursion');
  await dialog.getByLabel('Часы, новая строка').press('Enter');
  await expect(dialog.getByText(`В плане ${hours + 4} `)).toContainText(
    `а в год по программе — ${hours}: разница 4 ч.`,
  );
  await dialog.getByLabel('Часов в год').fill(String(hours + 4));
  await expect(dialog.getByRole('status')).toContainText(`Часов в плане: ${hours + 4} из ${hours + 4}`);

  // Ages the wrong way round are refused in Russian, and nothing is saved.
  await dialog.getByLabel('Возраст от, лет').fill('14');
  await dialog.getByLabel('Возраст до, лет').fill('10');
  await dialog.getByRole('button', { name: 'Сохранить программу' }).click();
  await expect(dialog.getByRole('alert').first()).toContainText('Возраст «от» (14) больше возраста «до» (10)');
  await dialog.getByLabel('Возраст от, лет').fill('10');
  await dialog.getByRole('button', { name: 'Сохранить программу' }).click();
  await expect(page.getByText(`Программа «${name}» сохранена`)).toBeVisible();
  await expect(table.locator('tbody tr').first().locator('td').nth(2)).toHaveText(String(hours + 4));

  // The объединение shows its programme where staff see it.
  await page
    .getByRole('navigation', { name: 'Разделы' })
    .getByRole('link', { name: /Объединения/ })
    .click();
  await expect(page.getByText(/Программа «.+»: .+ направленность · \d+ ч в год/)).toBeVisible();
});
