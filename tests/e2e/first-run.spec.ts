// A journal with no institution at all (`demo --empty`): the first screen offers to create the
// institution, to connect to a server (not on the browser host) or to restore a copy. The setup code
// the host printed is required; the new administrator lands in the year wizard. A centre is created on the same
// screen in start-from-empty.spec.ts.
import type { Page } from '@playwright/test';
import { expect, expectFits, test } from './fixtures';
import { TEMPLATE_DB } from './paths';

test.use({ blankDb: true });

const form = (page: Page) => page.getByRole('form', { name: 'Создать организацию' });

async function fillInstitution(page: Page, kind: string, fullName: string, shortName: string) {
  const f = form(page);
  await f.getByLabel(kind).check();
  await f.getByLabel('Полное наименование').fill(fullName);
  await f.getByLabel('Краткое наименование').fill(shortName);
  await f.getByLabel('Директор (ФИО)').fill('Соколова Елена Сергеевна');
  await f.getByLabel('Фамилия').fill('Петрова');
  await f.getByLabel('Имя', { exact: true }).fill('Анна');
  await f.getByLabel('Отчество').fill('Сергеевна');
  await f.getByLabel('Логин').fill('admin');
}

async function setPasswords(page: Page, password: string, repeat: string) {
  await form(page).getByLabel('Пароль', { exact: true }).fill(password);
  await form(page).getByLabel('Пароль ещё раз').fill(repeat);
  await form(page).getByRole('button', { name: 'Создать организацию и войти' }).click();
}

test('the first-run screen creates a college with the setup code, and the admin lands in the year wizard', async ({
  page,
  demo,
}) => {
  expect(demo.setupCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(demo.url);
  await expect(page.getByRole('heading', { name: 'Журнал: первый запуск' })).toBeVisible();
  await expect(page.getByText('не короче 8 символов')).toBeVisible();
  await page.screenshot({ path: 'test-results/first-run-1280.png', fullPage: true });
  await expectFits(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/first-run-390.png', fullPage: true });
  await expectFits(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  // The browser host chooses its database at start: connecting elsewhere is explained, not offered.
  await page.getByLabel(/Подключиться к серверу/).check();
  await expect(page.getByText(/параметр --db/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Подключить' })).toHaveCount(0);
  await page.getByLabel(/Создать организацию/).check();

  await fillInstitution(
    page,
    'Колледж или техникум',
    'Государственное бюджетное профессиональное образовательное учреждение «Технический колледж № 3»',
    'ТК № 3',
  );
  // Refusals: nothing is created, the message is Russian and says what to fix.
  await setPasswords(page, 'Kollege2026', 'Kollege2027');
  await expect(form(page).getByRole('alert')).toContainText('Пароли не совпадают');
  await setPasswords(page, 'Kollege2026', 'Kollege2026');
  await expect(form(page).getByRole('alert')).toContainText('Введите код настройки');
  await page.getByLabel('Код настройки').fill('AAAA-BBBB-CCCC');
  await setPasswords(page, 'Kollege2026', 'Kollege2026');
  await expect(form(page).getByRole('alert')).toContainText('Неверный код настройки');
  await page.getByLabel('Код настройки').fill(demo.setupCode!);
  await setPasswords(page, 'kollegekollege', 'kollegekollege');
  await expect(form(page).getByRole('alert')).toContainText('буквы и цифры');
  await form(page).getByLabel('Краткое наименование').fill('');
  await setPasswords(page, 'Kollege2026', 'Kollege2026');
  await expect(form(page).getByRole('alert')).toContainText('Краткое наименование: не заполнено');
  expect((await demo.api(page, 'setup.status', {})).body.value).toMatchObject({ initialized: false });

  await form(page).getByLabel('Краткое наименование').fill('ТК № 3');
  await setPasswords(page, 'Kollege2026', 'Kollege2026');
  await expect(page.getByRole('form', { name: 'Открыть учебный год' })).toBeVisible();
  expect(page.url()).toMatch(/#\/year$/);
  const me = (await demo.api(page, 'auth.me', {})).body.value as { institution: { kind: string; shortName: string } };
  expect(me.institution).toEqual({ kind: 'college', shortName: 'ТК № 3' });
  // A college's year is offered in semesters (a centre's in half-years: start-from-empty.spec.ts).
  const year = page.getByRole('form', { name: 'Открыть учебный год' });
  await year.getByLabel('Учебный год').fill('2026/2027');
  await year.getByRole('button', { name: 'Открыть год' }).click();
  await expect(page.getByLabel('Название периода 1')).toHaveValue('1 семестр');

  // Set up: a second visitor gets the login screen, and the first run is refused over HTTP.
  const again = await demo.api(page, 'setup.initialize', {
    setupCode: demo.setupCode,
    fullName: 'Чужая',
    shortName: 'Ч',
    kind: 'school',
    directorName: 'Х',
    admin: { login: 'evil', lastName: 'Х', firstName: 'Х', password: 'Parol2026x', passwordRepeat: 'Parol2026x' },
  });
  expect(again.status).toBe(409);
});

test('a backup copy restores the journal; then its users log in', async ({ page, demo }) => {
  await page.goto(demo.url);
  await page.getByLabel('Код настройки').fill(demo.setupCode!);
  await page.getByLabel(/Восстановить из копии/).check();
  const restore = page.getByRole('form', { name: 'Восстановить из резервной копии' });
  await restore.getByLabel('Файл резервной копии').setInputFiles({
    name: 'заметки.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('не копия'),
  });
  await restore.getByRole('button', { name: 'Восстановить журнал' }).click();
  await expect(restore.getByRole('alert')).toContainText('не является базой данных программы «Журнал»: «заметки.txt»');

  await restore.getByLabel('Файл резервной копии').setInputFiles(TEMPLATE_DB);
  await restore.getByRole('button', { name: 'Восстановить журнал' }).click();
  // Copying and checking the whole journal takes a while on a busy machine.
  await expect(page.getByRole('status')).toContainText('Журнал восстановлен из копии «demo.sqlite»', {
    timeout: 30_000,
  });
  await page.getByLabel('Логин').fill('admin');
  await page.getByLabel('Пароль').fill('demo12345');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Здравствуйте', { timeout: 30_000 });
});
