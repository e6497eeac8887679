// A centre's and a school's screens speak their own words (DESIGN.md §10): the home page, the journal
// list, a journal, every report tab and the family page show none of the college's words
// (tests/support/college-words.ts). The centre's home page and journal list are photographed at 1280×800.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { collegeWordsIn } from '../support/college-words';
import { expect, login, test, type DemoKind } from './fixtures';
import { ROOT } from './paths';

test.describe.configure({ timeout: 240_000 });

/**
 * What people typed is theirs: the demo's topics, homework and positions were written for a college
 * («Распорядок дня студента»), so they are reworded before the screens are read.
 */
function rewordTypedText(file: string): void {
  const d = new Database(file);
  try {
    d.pragma('busy_timeout = 5000');
    for (const [table, column] of [
      ['plan_corrections', 'reason'],
      ['plan_topics', 'title'],
      ['lessons', 'topic'],
      ['lessons', 'homework'],
      ['users', 'position'],
      ['students', 'notes'],
    ]) {
      d.prepare(
        `update ${table} set ${column} = replace(replace(replace(replace(${column}, 'студента', 'обучающегося'), ` +
          `'группы', 'коллектива'), 'группе', 'коллективе'), 'преподаватель', 'педагог')`,
      ).run();
    }
  } finally {
    d.close();
  }
}

/** The visible text of the page once its main heading is there. */
async function screenText(page: Page): Promise<string> {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);
  return page.locator('body').innerText();
}

for (const kind of ['supplementary', 'school'] as const satisfies readonly DemoKind[]) {
  test.describe(`${kind}`, () => {
    test.use({ demoKind: kind, viewport: { width: 1280, height: 800 } });

    test(`the screens of a ${kind} carry none of the college's words`, async ({ page, browser, demo }) => {
      rewordTypedText(demo.dbFile);
      const shots = path.join(ROOT, 'test-results', 'vocabulary');
      fs.mkdirSync(shots, { recursive: true });
      const check = async (where: string) => {
        const text = await screenText(page);
        expect(collegeWordsIn(text, kind), where).toEqual([]);
        return text;
      };

      // The teacher: home page with today's lessons, the journal list, a journal.
      await login(page, demo.url, 'teacher');
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Здравствуйте');
      await expect(page.getByRole('heading', { name: 'Занятия сегодня' })).toBeVisible();
      const home = await check('главная учителя');
      expect(home).toContain(kind === 'school' ? 'Учитель' : 'Педагог дополнительного образования');
      if (kind === 'supplementary') await page.screenshot({ path: path.join(shots, 'centre-home.png') });

      await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Журналы' }).click();
      await expect(page.getByRole('searchbox', { name: 'Поиск журнала' })).toBeVisible();
      const list = await check('список журналов');
      expect(list).toContain(kind === 'school' ? 'Класс ' : 'Объединение ');
      if (kind === 'supplementary') await page.screenshot({ path: path.join(shots, 'centre-journals.png') });

      await page.locator('main a[href^="#/journal/"]').first().click();
      await expect(page.getByRole('grid')).toBeVisible();
      await check('журнал');

      // The deputy: every report tab.
      const deputyContext = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 800 } });
      const deputy = await deputyContext.newPage();
      await login(deputy, demo.url, 'deputy');
      await expect(deputy.getByRole('heading', { level: 1 })).toContainText('Здравствуйте');
      expect(collegeWordsIn(await deputy.locator('body').innerText(), kind), 'главная заместителя').toEqual([]);
      await deputy.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Отчёты' }).click();
      const tabs = deputy.getByRole('tablist', { name: 'Отчёты' }).getByRole('tab');
      await expect(tabs.first()).toBeVisible();
      for (const title of await tabs.allInnerTexts()) {
        await deputy.getByRole('tablist', { name: 'Отчёты' }).getByRole('tab', { name: title, exact: true }).click();
        if (title !== 'Копия страниц журнала')
          await expect(deputy.getByText(new RegExp(`^${title}: `))).toBeVisible({ timeout: 60_000 });
        const text = await deputy.locator('body').innerText();
        expect(collegeWordsIn(text, kind), `отчёт «${title}»`).toEqual([]);
      }
      await deputyContext.close();

      // The parent: the family page.
      const parentContext = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 800 } });
      const parent = await parentContext.newPage();
      await login(parent, demo.url, 'parent');
      await expect(parent.getByRole('heading', { level: 1 })).toContainText('Здравствуйте');
      expect(collegeWordsIn(await parent.locator('body').innerText(), kind), 'главная родителя').toEqual([]);
      await parent.locator('main a[href^="#/student/"]').first().click();
      await expect(parent.getByText('Пропуски и опоздания за период')).toBeVisible();
      const family = await parent.locator('body').innerText();
      expect(collegeWordsIn(family, kind), 'страница семьи').toEqual([]);
      await parentContext.close();
    });
  });
}
