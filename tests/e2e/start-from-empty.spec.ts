// From an empty database to a working journal, through the screens only (issue 13): the first-run screen
// creates a supplementary-education centre and its administrator, who runs the year wizard — the year, groups,
// programmes, staff from Excel, the load, children from Excel, bells and the timetable; the teacher then marks an
// absence and writes a topic; a child goes to two объединения; the deputy leaves a remark and downloads the keeping
// report. The centre's screens are photographed into /tmp/shots and carry none of the college's words. A college's
// way through the same screens is year.spec.ts (from `cli init`) after first-run.spec.ts (the first-run screen).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from '@playwright/test';
import { wordsOf } from '../../electron/domain/vocabulary';
import { collegeWordsIn } from '../support/college-words';
import { expect, login, test, type DemoHost } from './fixtures';

test.use({ blankDb: true, viewport: { width: 1280, height: 800 } });
// Each path takes about a minute alone; other workers on a shared 2-core machine can stretch it.
test.describe.configure({ timeout: 180_000 });

/** Each path's time is printed; more than two minutes means something became slow. */
function tookUnder(started: number, what: string): void {
  const ms = Date.now() - started;
  console.log(`${what}: ${(ms / 1000).toFixed(1)} s`);
  expect(ms, what).toBeLessThan(120_000);
}

const SHOTS = '/tmp/shots';
const PASSWORD = 'Nachalo2026';

async function xlsxFile(name: string, headers: string[], rows: Array<Array<string | null>>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Лист1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-start-')), name);
  await wb.xlsx.writeFile(file);
  return file;
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name, exact: true }).click();
const step = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Шаги открытия года' }).getByRole('button', { name }).click();

/** A photograph of a centre's screen, and its text checked for the college's words. */
async function shoot(page: Page, name: string): Promise<void> {
  await expect(page.locator('.loading')).toHaveCount(0);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  expect(collegeWordsIn(await page.locator('body').innerText(), 'supplementary'), name).toEqual([]);
}

async function changePassword(page: Page, current: string) {
  const form = page.getByRole('form', { name: 'Смена пароля' });
  await form.getByLabel('Текущий пароль').fill(current);
  await form.getByLabel('Новый пароль', { exact: true }).fill(PASSWORD);
  await form.getByLabel('Повторите новый пароль').fill(PASSWORD);
  await form.getByRole('button', { name: 'Сохранить пароль' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Здравствуйте');
}

interface Path {
  kindLabel: string;
  fullName: string;
  shortName: string;
  period: string;
  groups: [string, string];
  subjects: [string, string];
  staff: { teacher: [string, string, string, string]; deputy: [string, string, string, string] };
  children: Array<[string, string, string, string]>;
}

const CENTRE: Path = {
  kindLabel: 'Центр дополнительного образования',
  fullName: 'МБУ ДО «Дом детского творчества»',
  shortName: 'ДДТ',
  period: '1 полугодие',
  groups: ['Юный художник', 'Робототехника'],
  subjects: ['Изобразительное искусство', 'Основы робототехники'],
  staff: {
    teacher: ['Смирнова', 'Ольга', 'Петровна', 'педагог дополнительного образования'],
    deputy: ['Кузнецова', 'Елена', 'Ивановна', 'заместитель директора'],
  },
  // One child in both объединения.
  children: [
    ['Ёлкина', 'Анна', '01.09.2015', 'Юный художник'],
    ['Петров', 'Пётр', '03.02.2014', 'Юный художник'],
    ['Ёлкина', 'Анна', '01.09.2015', 'Робототехника'],
    ['Сидорова', 'Мария', '12.12.2013', 'Робототехника'],
  ],
};

/** First run, the year wizard and the first mark; returns the deputy's one-time password. */
async function startFromEmpty(page: Page, demo: DemoHost, p: Path): Promise<{ deputyPassword: string }> {
  const w = wordsOf('supplementary');
  // 1. The first run: the institution and its administrator.
  await page.goto(demo.url);
  const form = page.getByRole('form', { name: 'Создать организацию' });
  await page.getByLabel('Код настройки').fill(demo.setupCode!);
  await form.getByLabel(p.kindLabel).check();
  await form.getByLabel('Полное наименование').fill(p.fullName);
  await form.getByLabel('Краткое наименование').fill(p.shortName);
  await form.getByLabel('Директор (ФИО)').fill('Соколова Елена Сергеевна');
  await form.getByLabel('Фамилия').fill('Петрова');
  await form.getByLabel('Имя', { exact: true }).fill('Анна');
  await form.getByLabel('Логин').fill('admin');
  await form.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
  await form.getByLabel('Пароль ещё раз').fill(PASSWORD);
  await form.getByRole('button', { name: 'Создать организацию и войти' }).click();

  // 2. The year and its periods: the kind's own periods are offered.
  const create = page.getByRole('form', { name: 'Открыть учебный год' });
  await expect(create).toBeVisible();
  const me = (await demo.api(page, 'auth.me', {})).body.value as { institution: { kind: string; shortName: string } };
  expect(me.institution).toEqual({ kind: 'supplementary', shortName: p.shortName });
  await shoot(page, '01-year-new');
  await create.getByLabel('Учебный год').fill('2026/2027');
  await create.getByRole('button', { name: 'Открыть год' }).click();
  await expect(page.getByRole('heading', { name: 'Учебный год 2026/2027' })).toBeVisible();
  await expect(page.getByLabel('Название периода 1')).toHaveValue(p.period);
  await shoot(page, '02-year-periods');

  // 3. Two groups typed into the table (no department: a small centre has none).
  await step(page, `${w.Term('department', 'nom', 'many')} и ${w.term('group', 'nom', 'many')}`);
  const groups = page.getByRole('table', { name: w.Term('group', 'nom', 'many') });
  for (const g of p.groups) {
    await groups.getByLabel(`${w.Term('group')}, новая строка`).fill(g);
    await groups.getByLabel(`${w.Term('group')}, новая строка`).press('Enter');
    await expect(groups.getByLabel(`${w.Term('group')}, ${g}`)).toHaveValue(g);
  }
  await shoot(page, '03-groups');

  // 4. Subjects — a centre's are programmes.
  await step(page, w.Term('subject', 'nom', 'many'));
  const subjects = page.getByRole('table', { name: w.Term('subject', 'nom', 'many') });
  for (const s of p.subjects) {
    await subjects.getByLabel('Наименование, новая строка').fill(s);
    await subjects.getByLabel('Наименование, новая строка').press('Enter');
    await expect(subjects.getByLabel(`Наименование, ${s}`)).toHaveValue(s);
  }
  await shoot(page, '04-subjects');

  // 5. Staff from Excel: a teacher and a deputy, each with a one-time password shown once.
  await step(page, 'Сотрудники');
  await page.getByRole('button', { name: 'Загрузить сотрудников из Excel' }).click();
  let dialog = page.getByRole('dialog', { name: 'Загрузка сотрудников из Excel' });
  const { teacher, deputy } = p.staff;
  await dialog.getByLabel('Файл Excel').setInputFiles(
    await xlsxFile(
      'сотрудники.xlsx',
      ['Фамилия', 'Имя', 'Отчество', 'Должность', 'Роли', 'Логин'],
      [
        [...teacher, teacher[3], 'smirnova'],
        [...deputy, deputy[3], 'kuznetsova'],
      ],
    ),
  );
  await dialog.getByRole('button', { name: 'Проверить файл' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Пробный прогон' })).toContainText('все 2 строки');
  await shoot(page, '05-staff-dry-run');
  await dialog.getByRole('button', { name: 'Загрузить 2 строки' }).click();
  const credentials = dialog.getByRole('table', { name: 'Учётные записи' });
  const otp = async (loginName: string) =>
    (await credentials.getByRole('row').filter({ hasText: loginName }).locator('.otp').textContent())!.trim();
  await expect(credentials).toContainText('kuznetsova');
  const teacherPassword = await otp('smirnova');
  const deputyPassword = await otp('kuznetsova');
  await dialog.getByRole('button', { name: 'Готово' }).click();
  await expect(page.getByRole('table', { name: 'Сотрудники' })).toContainText('Смирнова Ольга Петровна');
  await shoot(page, '06-staff');

  // 6. The load: each group's subject with its teacher and hours.
  await step(page, 'Нагрузка и планы');
  for (const [i, g] of p.groups.entries()) {
    await page
      .getByRole('navigation', { name: w.Term('group', 'nom', 'many') })
      .getByRole('button', { name: g })
      .click();
    const load = page.getByRole('table', { name: `Нагрузка ${w.term('group', 'gen')} ${g}` });
    await load.getByLabel(`${w.Term('subject')}, новая строка`).selectOption({ label: p.subjects[i]! });
    await load.getByLabel(`${w.Short('teacher')}, новая строка`).selectOption({ label: 'Смирнова О. П.' });
    await load.getByLabel(`${p.period}, ч, новая строка`).fill('36');
    await load.getByRole('button', { name: 'Назначить' }).click();
    await expect(load.getByLabel(`${p.period}, ч, ${p.subjects[i]}`)).toHaveValue('36');
  }
  await shoot(page, '07-load');

  // 7. Children from Excel; in a centre one child comes twice, to two объединения.
  await step(page, 'Обучающиеся');
  await page.getByRole('button', { name: 'Загрузить обучающихся из Excel' }).click();
  dialog = page.getByRole('dialog', { name: 'Загрузка обучающихся из Excel' });
  await dialog.getByLabel('Дата зачисления').fill('01.09.2026');
  await dialog.getByLabel('Номер приказа').fill('15-о');
  await dialog.getByLabel('Дата приказа').fill('28.08.2026');
  await dialog
    .getByLabel('Файл Excel')
    .setInputFiles(
      await xlsxFile('обучающиеся.xlsx', ['Фамилия', 'Имя', 'Дата рождения', w.Term('group')], p.children),
    );
  await dialog.getByRole('button', { name: 'Проверить файл' }).click();
  const n = p.children.length;
  await expect(dialog.getByRole('status').filter({ hasText: 'Пробный прогон' })).toContainText(`все ${n} строк`);
  await shoot(page, '08-children-dry-run');
  await dialog.getByRole('button', { name: `Загрузить ${n} строк` }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Загружено' })).toContainText(
    'Загружено обучающихся: новых 3',
  );
  await shoot(page, '09-children-loaded');
  await dialog.getByRole('button', { name: 'Готово' }).click();
  const counts = page.getByRole('table', { name: `${w.Term('group', 'nom', 'many')} и число обучающихся` });
  await expect(counts.getByRole('row', { name: new RegExp(p.groups[0]) })).toContainText('2');
  await expect(counts.getByRole('row', { name: new RegExp(p.groups[1]) })).toContainText('2');

  // 8. Bells and a working timetable: the first group on Wednesday (today), first lesson.
  await step(page, 'Звонки и расписание');
  await page.getByRole('button', { name: 'Сохранить звонки' }).click();
  await expect(page.getByText('Расписание звонков сохранено')).toBeVisible();
  await shoot(page, '10-bells');
  await page.getByRole('link', { name: 'Открыть расписание' }).click();
  await page.getByLabel(w.Term('group'), { exact: true }).selectOption({ label: p.groups[0] });
  await page.getByRole('button', { name: 'Добавить занятие: Среда, 1-е занятие' }).click();
  dialog = page.getByRole('dialog', { name: 'Новое занятие: Среда, 1-е' });
  await dialog.getByLabel('Журнал').selectOption({ index: 1 });
  await dialog.getByLabel('Аудитория').fill('12');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(
    page.getByRole('button', { name: `${p.subjects[0]}, ${p.groups[0]}, Среда, 1-е занятие` }),
  ).toBeVisible();
  await shoot(page, '11-timetable');

  // 9. The check.
  await nav(page, 'Учебный год');
  await step(page, 'Проверка');
  await expect(page.getByText('что заведено')).toBeVisible();
  await shoot(page, '12-check');
  await page.getByRole('button', { name: 'Выйти' }).click();

  // 10. The teacher: first login, today's lesson from the home page, a topic and an absence by keyboard.
  await login(page, demo.url, 'smirnova', teacherPassword);
  await changePassword(page, teacherPassword);
  const today = page.locator('section.card', { has: page.getByRole('heading', { name: 'Занятия сегодня' }) });
  await expect(today).toContainText(p.groups[0]);
  await shoot(page, '13-teacher-home');
  await today.getByRole('link').first().click();
  const panel = page.getByRole('region', { name: 'Занятие' });
  await expect(panel).toContainText('ещё не записано');
  await panel.getByLabel('Тема занятия').fill('Натюрморт с натуры');
  await panel.getByRole('button', { name: 'Записать занятие' }).click();
  await expect(panel).toContainText('внесено в день занятия');
  await expect(page.locator('.jgrid-sink')).toBeFocused();
  await page.keyboard.type('н');
  await page.keyboard.press('Enter');
  const first = page.locator('[role=gridcell][aria-label^="Ёлкина А., 25.11 "]').first();
  await expect(first).toHaveAttribute('aria-label', /: н$/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await shoot(page, '14-journal');
  await page.getByRole('button', { name: 'Выйти' }).click();
  return { deputyPassword };
}

const CENTRE_TITLE =
  'a centre starts from an empty database: the wizard, children in two объединения, a mark, a remark, a report';
test(CENTRE_TITLE, async ({ page, browser, demo }, info) => {
  const started = Date.now();
  const { deputyPassword } = await startFromEmpty(page, demo, CENTRE);

  // The child in two объединения is on both rosters.
  await login(page, demo.url, 'admin', PASSWORD);
  await nav(page, 'Объединения и обучающиеся');
  for (const g of CENTRE.groups) {
    await page.getByRole('navigation', { name: 'Объединения' }).getByRole('button', { name: g }).click();
    await expect(page.getByRole('table', { name: `Список объединения ${g}` })).toContainText('Ёлкина Анна');
  }
  await shoot(page, '15-roster');

  // 11. The deputy leaves a remark on the journal, then downloads the keeping report.
  await deputySteps(browser, demo.url, deputyPassword, info.outputPath('downloads'));
  tookUnder(started, 'центр: от пустой базы до отчёта');
});

async function deputySteps(browser: Browser, url: string, password: string, dir: string): Promise<void> {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await login(page, url, 'kuznetsova', password);
  await changePassword(page, password);
  await nav(page, 'Замечания');
  await page.getByRole('button', { name: 'Новое замечание' }).click();
  const journal = page.getByLabel('Журнал');
  await expect(journal.locator('option', { hasText: 'Юный художник' })).toHaveCount(1);
  const option = await journal.locator('option', { hasText: 'Юный художник' }).textContent();
  expect(option).toContain('Изобразительное искусство');
  await journal.selectOption({ label: option! });
  const text = 'Запишите домашнее задание к следующему занятию.';
  await page.getByLabel('Текст замечания').fill(text);
  await page.getByRole('button', { name: 'Отправить замечание' }).click();
  await expect(page.getByRole('article').filter({ hasText: text }).getByText('ждёт ответа')).toBeVisible();
  await shoot(page, '16-remarks');

  await nav(page, 'Отчёты');
  await page.getByRole('tab', { name: 'Ведение журналов' }).click();
  await page.getByLabel('Период').selectOption({ label: '1 полугодие' });
  await expect(page.getByText(/^Ведение журналов: /)).toBeVisible({ timeout: 30_000 });
  await shoot(page, '17-report-keeping');
  const done = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Скачать PDF' }).click();
  const pdf = await done;
  expect(pdf.suggestedFilename()).toMatch(/^Ведение журналов — 1 полугодие 2026-2027 учебного года\.pdf$/);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'keeping.pdf');
  await pdf.saveAs(file);
  expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  const text2 = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text2).toContain('Юный художник');
  expect(collegeWordsIn(text2, 'supplementary')).toEqual([]);
  await context.close();
}
