// On an EMPTY database the administrator opens the year with the wizard — periods, a department and
// a group, a subject, staff from Excel, the load, a thematic plan, bells and a working timetable —
// loads students from Excel (skipping the bad row), and the new teacher then sees the group's journal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { expect, login, test } from './fixtures';
import { joined } from '../support/regex.js';

test.use({ emptyDb: true });

async function xlsxFile(
  name: string,
  headers: string[],
  rows: Array<Array<string | number | Date | null>>,
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Лист1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-xlsx-')), name);
  await wb.xlsx.writeFile(file);
  return file;
}

async function changePassword(page: Page, current: string, next: string) {
  const form = page.getByRole('form', { name: 'Смена пароля' });
  await form.getByLabel('Текущий пароль').fill(current);
  await form.getByLabel('Новый пароль', { exact: true }).fill(next);
  await form.getByLabel('Повторите новый пароль').fill(next);
  await form.getByRole('button', { name: 'Сохранить пароль' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Здравствуйте');
}

const step = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Шаги открытия года' }).getByRole('button', { name }).click();

test(
  'the admin opens the year on an empty database, loads staff and students from Excel, and the teacher sees the ' +
    'journal',
  async ({ page, demo }) => {
    test.setTimeout(180_000);
    await login(page, demo.url, 'admin', demo.adminPassword);
    await changePassword(page, demo.adminPassword, 'Kollege2026x');
    await expect(page.getByText('Учебный год ещё не открыт')).toBeVisible();

    // 1. The year and its periods.
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Учебный год' }).click();
    const create = page.getByRole('form', { name: 'Открыть учебный год' });
    await create.getByLabel('Учебный год').fill('2026/2027');
    await create.getByLabel('Периоды').selectOption('semester');
    await create.getByRole('button', { name: 'Открыть год' }).click();
    await expect(page.getByRole('heading', { name: 'Учебный год 2026/2027' })).toBeVisible();
    await expect(page.getByLabel('Название периода 1')).toHaveValue('1 семестр');
    await page.screenshot({ path: 'test-results/year-1-periods.png' });

    // 2. A department and a group, typed into the tables.
    await step(page, 'Отделения и группы');
    const depts = page.getByRole('table', { name: 'Отделения' });
    await depts.getByLabel('Название, новая строка').fill('Энергетическое отделение');
    await depts.getByLabel('Кратко, новая строка').fill('ЭО');
    await depts.getByLabel('Кратко, новая строка').press('Enter');
    await expect(depts.getByLabel('Кратко, Энергетическое отделение')).toHaveValue('ЭО');
    const groups = page.getByRole('table', { name: 'Группы' });
    await expect(groups.getByLabel('Отделение, новая строка')).toHaveValue(/\d+/);
    await groups.getByLabel('Группа, новая строка').fill('ЭС-11');
    await groups
      .getByLabel('Специальность / программа, новая строка')
      .fill('13.02.03 Электрические станции, сети и системы');
    await groups.getByLabel('Группа, новая строка').press('Enter');
    await expect(groups.getByLabel('Группа, ЭС-11')).toHaveValue('ЭС-11');
    // Two groups with one name in a year: refused next to the row.
    await groups.getByLabel('Группа, новая строка').fill('эс-11');
    await groups.getByLabel('Группа, новая строка').press('Enter');
    await expect(groups.getByRole('alert')).toHaveText('Группа «эс-11» уже есть в учебном году 2026/2027');
    await groups.getByLabel('Группа, новая строка').press('Escape');
    await page.screenshot({ path: 'test-results/year-2-groups.png' });

    // 3. A subject.
    await step(page, 'Дисциплины');
    const subjects = page.getByRole('table', { name: 'Дисциплины' });
    await subjects.getByLabel('Код, новая строка').fill('оуд 04');
    await subjects.getByLabel('Наименование, новая строка').fill('Математика');
    await subjects.getByLabel('Наименование, новая строка').press('Enter');
    await expect(subjects.getByLabel('Код, ОУД.04 Математика')).toHaveValue('ОУД.04');

    // 4. Staff from Excel: the teacher's login and one-time password are shown once.
    await step(page, 'Сотрудники');
    await page.getByRole('button', { name: 'Загрузить сотрудников из Excel' }).click();
    let dialog = page.getByRole('dialog', { name: 'Загрузка сотрудников из Excel' });
    await dialog
      .getByLabel('Файл Excel')
      .setInputFiles(
        await xlsxFile(
          'сотрудники.xlsx',
          ['Фамилия', 'Имя', 'Отчество', 'Должность', 'Роли'],
          [['Иванова', 'Ольга', 'Петровна', 'преподаватель', 'преподаватель']],
        ),
      );
    await dialog.getByRole('button', { name: 'Проверить файл' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Пробный прогон' })).toContainText(
      'все 1 строка в порядке',
    );
    await dialog.getByRole('button', { name: 'Загрузить 1 строку' }).click();
    const credentials = dialog.getByRole('table', { name: 'Учётные записи' });
    await expect(credentials).toContainText('ivanova.op');
    const teacherPassword = (await credentials.locator('.otp').first().textContent())!.trim();
    await page.screenshot({ path: 'test-results/year-4-staff.png' });
    await dialog.getByRole('button', { name: 'Готово' }).click();

    // 5. The load, and a thematic plan for it.
    await step(page, 'Нагрузка и планы');
    const load = page.getByRole('table', { name: 'Нагрузка группы ЭС-11' });
    await load.getByLabel('Дисциплина, новая строка').selectOption({ label: 'ОУД.04 Математика' });
    await load.getByLabel('Преподаватель, новая строка').selectOption({ label: 'Иванова О. П.' });
    await load.getByLabel('1 семестр, ч, новая строка').fill('36');
    await load.getByLabel('2 семестр, ч, новая строка').fill('40');
    await load.getByRole('button', { name: 'Назначить' }).click();
    await expect(load.getByLabel('1 семестр, ч, ОУД.04 Математика')).toHaveValue('36');
    await page.screenshot({ path: 'test-results/year-5-load.png' });
    await load.getByRole('link', { name: 'составить' }).click();
    await expect(page.getByRole('heading', { name: 'Тематический план' })).toBeVisible();
    await page.getByRole('button', { name: 'Добавить тему' }).click();
    await page.getByLabel('Тема 1', { exact: true }).fill('Действительные числа');
    await page.getByLabel('Тема 1', { exact: true }).press('Enter');
    await page.getByLabel('Тема 2', { exact: true }).fill('Контрольная работа');
    await page.getByLabel('Вид занятия, тема 2').selectOption('test');
    await page.getByRole('button', { name: 'Сохранить план' }).click();
    await expect(page.getByText('План сохранён')).toBeVisible();
    await expect(page.getByText('В плане 4 ч, а по нагрузке 76 ч.')).toBeVisible();

    // 7. Bells and a working timetable.
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Учебный год' }).click();
    await step(page, 'Звонки и расписание');
    await page.getByRole('button', { name: 'Сохранить звонки' }).click();
    await expect(page.getByText('Расписание звонков сохранено')).toBeVisible();
    await page.getByRole('link', { name: 'Открыть расписание' }).click();
    await page.getByRole('button', { name: 'Добавить занятие: Среда, 1-е занятие' }).click();
    dialog = page.getByRole('dialog', { name: 'Новое занятие: Среда, 1-е' });
    await expect(dialog.getByLabel('Журнал')).toHaveValue(/\d+/);
    await dialog.getByLabel('Номер занятия').fill('9');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Номер занятия 9 вне диапазона: в день от 1 до 8 занятий');
    await dialog.getByLabel('Номер занятия').fill('1');
    await dialog.getByLabel('Аудитория').fill('204');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await expect(page.getByRole('button', { name: 'Математика, ЭС-11, Среда, 1-е занятие' })).toContainText('ауд. 204');
    await page.screenshot({ path: 'test-results/year-7-timetable.png' });

    // 6. Students from Excel: the dry run names the bad row; the clean rows load when it is skipped.
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Учебный год' }).click();
    await step(page, 'Обучающиеся');
    await page.getByRole('button', { name: 'Загрузить обучающихся из Excel' }).click();
    dialog = page.getByRole('dialog', { name: 'Загрузка обучающихся из Excel' });
    await dialog.getByLabel('Дата зачисления').fill('01.09.2026');
    await dialog.getByLabel('Номер приказа').fill('112-к');
    await dialog.getByLabel('Дата приказа').fill('25.08.2026');
    await dialog.getByLabel('Файл Excel').setInputFiles(
      await xlsxFile(
        'обучающиеся.xlsx',
        [
          'Фамилия',
          'Имя',
          'Отчество',
          'Дата рождения',
          'Группа',
          'Родитель (ФИО)',
          'Телефон родителя',
          'Дата',
          'Хобби',
        ],
        [
          [
            'Ёлкина-Смирнова',
            'Анна',
            null,
            new Date(Date.UTC(2010, 8, 1)),
            'ЭС-11',
            'Ёлкина Мария Петровна',
            '89123456789',
            '01.09.2026',
            'шахматы',
          ],
          ['  ПЕТРОВ ', 'Пётр', 'Петрович', '03.02.2010', 'эс-11', null, null, '02.09.2026', null],
          ['Сидоров', 'Семён', null, '31.02.2010', 'ЭС-11', null, null, '01.09.2026', 'футбол'],
        ],
      ),
    );
    await dialog.getByRole('button', { name: 'Проверить файл' }).click();
    // The mapping step: parents are recognised, «Дата» is ambiguous, «Хобби» unknown — and both are named.
    const columns = dialog.getByRole('table', { name: 'Столбцы файла' });
    await expect(columns.getByRole('row', { name: /Родитель \(ФИО\)/ })).toContainText('распознан');
    await expect(dialog.getByLabel('Поле для столбца «Родитель (ФИО)»')).toHaveValue('g1Name');
    await expect(dialog.getByLabel('Поле для столбца «Телефон родителя»')).toHaveValue('g1Phone');
    await expect(columns.getByRole('row', { name: /Хобби/ })).toContainText('не распознан — не загружается');
    await expect(dialog.getByRole('status').filter({ hasText: 'Пробный прогон' })).toContainText(
      'Столбец «Хобби» не распознан и не загружен.',
    );
    await expect(dialog.getByRole('status').filter({ hasText: 'Пробный прогон' })).toContainText(
      'Столбец «Дата» не загружен: непонятно, что в нём — «Дата приказа» или «Дата зачисления»',
    );
    await dialog.getByLabel('Поле для столбца «Дата»').selectOption({ label: 'Дата зачисления' });
    const dateRow = columns.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Дата', exact: true }) });
    await expect(dateRow).toContainText('выбрано');
    await expect(dialog.getByRole('status').filter({ hasText: 'Пробный прогон' })).not.toContainText('«Дата»');
    await page.setViewportSize({ width: 1280, height: 800 });
    await dialog.getByRole('heading', { name: 'Сопоставление столбцов' }).evaluate((h) => h.scrollIntoView());
    await page.screenshot({ path: 'test-results/year-6-import-mapping.png' });
    await page.setViewportSize({ width: 1366, height: 860 });
    const problems = dialog.getByRole('table', { name: 'Ошибки в файле' });
    await expect(problems.getByRole('row')).toHaveCount(2);
    await expect(problems).toContainText('Дата рождения');
    await expect(problems).toContainText('«31.02.2010»: такой даты нет');
    await page.screenshot({ path: 'test-results/year-6-import-dry-run.png' });
    await dialog.getByRole('button', { name: 'Загрузить 2 строки, пропустив 1 с ошибками' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Загружено' })).toHaveText(
      joined(
        /^Загружено обучающихся: новых 2, обновлено 0; пропущено 1 строка с ошибками\. /,
        /Столбец «Хобби» не распознан и не загружен\. /,
        /Перед загрузкой сделана резервная копия journal_\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d_import\.sqlite\.$/,
      ),
    );
    await dialog.getByRole('button', { name: 'Готово' }).click();
    await expect(
      page.getByRole('table', { name: 'Группы и число обучающихся' }).getByRole('row', { name: /ЭС-11/ }),
    ).toContainText('2');
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Группы и обучающиеся' }).click();
    const roster = page.getByRole('table', { name: 'Список группы ЭС-11' });
    await expect(roster.getByRole('button', { name: 'Ёлкина-Смирнова Анна' })).toBeVisible();
    await expect(roster.getByRole('button', { name: 'Петров Пётр Петрович' })).toBeVisible();
    await page.screenshot({ path: 'test-results/year-6-roster.png' });

    // 8. The check, then the teacher.
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Учебный год' }).click();
    await step(page, 'Проверка');
    await expect(page.getByRole('list', { name: 'Замечания по году' })).toContainText(
      'Группа ЭС-11: не назначен куратор',
    );
    await page.getByRole('button', { name: 'Выйти' }).click();

    await login(page, demo.url, 'ivanova.op', teacherPassword);
    await changePassword(page, teacherPassword, 'Ivanova2026');
    const today = page
      .getByRole('region', { name: 'Занятия сегодня' })
      .or(page.locator('section.card', { has: page.getByRole('heading', { name: 'Занятия сегодня' }) }));
    await expect(today).toContainText('ЭС-11');
    await expect(today).toContainText('Математика');
    await expect(page.getByRole('list', { name: 'Мои журналы' })).toContainText(/ЭС-11 · .*Математика/);
    await page.screenshot({ path: 'test-results/year-teacher-home.png' });
    // The journal of the new group opens with the students loaded from Excel on its roster.
    await page.getByRole('list', { name: 'Мои журналы' }).getByRole('link').first().click();
    const grid = page.getByRole('grid');
    await expect(grid).toContainText('Ёлкина-Смирнова');
    await expect(grid).toContainText('Петров');
    await expect(grid).not.toContainText('Сидоров');
    await page.screenshot({ path: 'test-results/year-teacher-journal.png' });
  },
);
