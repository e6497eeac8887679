// The family pages on a phone (390 × 844, touch): a parent finds the week, one subject's marks and
// sends a reason of absence without the page ever scrolling sideways; the login, timetable and
// password pages fit 360 and 430 px with touch targets a finger can hit.
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, expectFits, test } from './fixtures';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/** Every visible button, link, input and select is at least 44 px tall. */
async function expectTouchTargets(page: Page): Promise<void> {
  const small = await page.locator('button, a[href], input, select, textarea').evaluateAll((els) =>
    els
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ el, box }) => box.width > 1 && box.height > 1 && getComputedStyle(el).visibility !== 'hidden')
      .filter(({ box }) => box.height < 44)
      .map(
        ({ el, box }) => `${el.tagName} «${(el.getAttribute('aria-label') ?? el.textContent)?.trim()}» ${box.height}`,
      ),
  );
  expect(small).toEqual([]);
}

async function logIn(page: Page, url: string, who: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Логин').fill(who);
  await page.getByLabel('Пароль').fill('demo12345');
  await page.getByRole('button', { name: 'Войти' }).tap();
  await expect(page.getByRole('button', { name: 'Меню' })).toBeVisible();
}

/** A long homework with an unbroken link and a long name, so wrapping is tested on real pages. */
function makeTextsLong(file: string): { date: string } {
  const d = new Database(file);
  try {
    const student = "select s.id from students s join users u on u.id = s.user_id where u.login = 'student'";
    const sid = (d.prepare(student).get() as { id: number }).id;
    d.prepare('update students set last_name = ? where id = ?').run('Константинопольская-Преображенская', sid);
    const lesson = d
      .prepare(
        `select l.id from lessons l
      join enrolments e on e.group_id = (select group_id from journals where id = l.journal_id)
      where e.student_id = ? and l.date between '2026-11-23' and '2026-11-28' order by l.date, l.id`,
      )
      .get(sid) as { id: number };
    d.prepare('update lessons set homework = ?, topic = ? where id = ?').run(
      `Прочитать https://example.org/${'очень-длинная-ссылка-без-пробелов'.repeat(4)} и решить задачи № 1–12`,
      'Электромагнитная индукция и самоиндукция. '.repeat(5).trim(),
      lesson.id,
    );
    return d
      .prepare(
        `select l.date from attendance a join lessons l on l.id = a.lesson_id
      where a.student_id = ? and a.code = 'н' and not exists (select 1 from absence_excuses x
        where x.student_id = a.student_id and l.date between x.from_date and x.to_date)
      order by l.date desc`,
      )
      .get(sid) as { date: string };
  } finally {
    d.close();
  }
}

test('a parent on a phone: week, one subject, a reason of absence; no sideways scroll', async ({ page, demo }) => {
  const absence = makeTextsLong(demo.dbFile);
  await page.goto(demo.url);
  await expectFits(page);
  await logIn(page, demo.url, 'parent');
  await expectFits(page);
  await expect(page.getByRole('navigation', { name: 'Разделы' })).toBeHidden();

  await page.getByRole('button', { name: 'Меню' }).tap();
  const menu = page.getByRole('navigation', { name: 'Меню' });
  await expect(menu.getByRole('link', { name: 'Расписание' })).toBeVisible();
  await expectFits(page);
  await expectTouchTargets(page);
  await menu.getByRole('link', { name: 'Дневник' }).tap();
  await expect(menu).toBeHidden();

  // The week: days one under another, today marked, long homework wrapped.
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Константинопольская-Преображенская');
  const today = page.getByRole('region', { name: 'среда, 25 ноября 2026' });
  await expect(today).toContainText('сегодня');
  await expect(page.getByText(/очень-длинная-ссылка-без-пробелов/)).toBeVisible();
  await expectFits(page);
  await expectTouchTargets(page);
  await page.screenshot({ path: 'test-results/family-phone-week.png' });
  await page.getByRole('button', { name: 'Следующая неделя' }).tap();
  await expect(page.getByRole('heading', { name: 'Неделя 30.11.2026 – 05.12.2026' })).toBeVisible();
  await page.getByRole('button', { name: 'Текущая' }).tap();
  await expect(page.getByRole('heading', { name: 'Неделя 23.11.2026 – 28.11.2026' })).toBeVisible();
  await expectFits(page);

  // Marks: a list of subjects; one subject opens with every mark's date and kind of work.
  await page.getByRole('link', { name: 'Отметки' }).tap();
  const subjects = page.getByRole('list', { name: 'Дисциплины' });
  const math = subjects.getByRole('link', { name: /^Математика/ });
  const chips = await math.locator('.chips .chip').count();
  const average = (await math.locator('.subject-average').textContent())!;
  expect(chips).toBeGreaterThan(0);
  await expectFits(page);
  await expectTouchTargets(page);
  await math.tap();
  const subject = page.getByRole('region', { name: 'Отметки: Математика' });
  await expect(subject.getByRole('heading', { name: 'Математика' })).toBeVisible();
  await expect(subject.getByRole('definition').first()).toHaveText(average);
  const marks = subject.getByRole('list', { name: 'Отметки по датам' }).getByRole('listitem');
  await expect(marks).toHaveCount(chips);
  for (const text of await marks.allTextContents()) expect(text).toMatch(/\d{2}\.\d{2}\.\d{4}$/);
  await expectFits(page);
  await expectTouchTargets(page);
  await page.screenshot({ path: 'test-results/family-phone-marks.png' });
  await subject.getByRole('button', { name: '← Все дисциплины' }).tap();
  await expect(subjects.getByRole('link', { name: /^Математика/ })).toBeFocused();

  // A reason of absence, sent from the phone.
  await page.getByRole('link', { name: 'Пропуски' }).tap();
  const form = page.getByRole('form', { name: 'Сообщить причину отсутствия' });
  await form.getByLabel('С', { exact: true }).fill(absence.date.split('-').reverse().join('.'));
  await form.getByLabel('По', { exact: true }).fill(absence.date.split('-').reverse().join('.'));
  await form.getByLabel('Причина').fill('Была температура, справку из поликлиники передадим куратору в понедельник');
  await expectFits(page);
  await expectTouchTargets(page);
  await page.screenshot({ path: 'test-results/family-phone-excuse.png' });
  await form.getByRole('button', { name: 'Отправить куратору' }).tap();
  await expect(form.getByRole('status')).toContainText('Причина отправлена куратору');
  const sent = page
    .getByRole('list', { name: 'Сообщённые причины' })
    .getByRole('listitem')
    .filter({ hasText: 'справку из поликлиники' });
  await expect(sent).toContainText('на рассмотрении у куратора');
  await expectFits(page);
});

for (const width of [360, 430]) {
  test.describe(`${width} px wide`, () => {
    test.use({ viewport: { width, height: 800 } });

    test('login, timetable and password change fit and can be tapped', async ({ page, demo }) => {
      await page.goto(demo.url);
      await expect(page.getByRole('form', { name: 'Вход в программу' })).toBeVisible();
      await expectFits(page);
      await expectTouchTargets(page);
      await logIn(page, demo.url, 'student');

      await page.getByRole('button', { name: 'Меню' }).tap();
      await expectTouchTargets(page);
      await page.getByRole('navigation', { name: 'Меню' }).getByRole('link', { name: 'Расписание' }).tap();
      await expect(page.getByRole('region', { name: 'Понедельник' })).toBeVisible();
      await expectFits(page);
      await expectTouchTargets(page);

      await page.getByRole('button', { name: 'Меню' }).tap();
      await page.getByRole('navigation', { name: 'Меню' }).getByRole('link', { name: 'Сменить пароль' }).tap();
      await expect(page.getByRole('form', { name: 'Смена пароля' })).toBeVisible();
      await expectFits(page);
      await expectTouchTargets(page);
    });
  });
}

test('installable: manifest, icons, theme colour; and no service worker', async ({ page, demo }) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto(demo.url);
  await expect(page.getByRole('form', { name: 'Вход в программу' })).toBeVisible();
  const href = (await page.locator('link[rel=manifest]').getAttribute('href'))!;
  const res = await page.request.get(new URL(href, demo.url).toString());
  expect(res.headers()['content-type']).toBe('application/manifest+json');
  const manifest = (await res.json()) as {
    name: string;
    lang: string;
    display: string;
    start_url: string;
    theme_color: string;
    icons: Array<{ src: string; sizes: string; type: string }>;
  };
  expect(manifest).toMatchObject({ name: 'Журнал', lang: 'ru', display: 'standalone', start_url: '.' });
  expect(await page.locator('meta[name=theme-color]').getAttribute('content')).toBe(manifest.theme_color);
  const manifestUrl = new URL(href, demo.url);
  for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) {
    const png = await page.request.get(new URL(icon.src, manifestUrl).toString());
    expect(png.headers()['content-type']).toBe('image/png');
    const body = await png.body();
    expect(`${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`).toBe(icon.sizes);
  }
  const apple = (await page.locator('link[rel=apple-touch-icon]').getAttribute('href'))!;
  expect((await page.request.get(new URL(apple, demo.url).toString())).status()).toBe(200);
  // Chromium's own reading of the manifest: no parse errors, and the CSP let it load.
  const cdp = await page.context().newCDPSession(page);
  const read = await cdp.send('Page.getAppManifest');
  expect(read.errors).toEqual([]);
  expect(read.data).toContain('Журнал');
  expect(await page.evaluate(async () => ((await navigator.serviceWorker?.getRegistrations()) ?? []).length)).toBe(0);
  expect(problems).toEqual([]);
});
