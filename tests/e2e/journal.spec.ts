// The journal in Chromium: today's lesson from the home page filled with the keyboard only, the
// grid's paste, undo and refusals, the rendering time of a 30 × 150 journal (printed), 40 × 200
// scrolling smoothly, and the keyboard reaching rows that were not rendered (virtualised rows).
import { expect, login, test } from './fixtures';
import { seedBigJournal } from './seed-journal';
import type { Page } from '@playwright/test';

const TODAY_DDMM = '25.11';

async function gridNames(page: Page): Promise<string[]> {
  return page
    .getByRole('rowheader')
    .evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/^\d+/, '').trim()));
}

const cell = (page: Page, name: string, dm: string) =>
  page.locator(`[role=gridcell][aria-label^="${name}, ${dm} "]`).first();

async function timings(page: Page) {
  await page.waitForFunction(() => (window as unknown as { __journalTimings?: unknown }).__journalTimings);
  return page.evaluate(
    () =>
      (window as unknown as { __journalTimings: { render: number; paint: number; rows: number; columns: number } })
        .__journalTimings,
  );
}

test("the teacher fills today's lesson from the home page with the keyboard only, and it stays after a reload", async ({
  page,
  demo,
}) => {
  await login(page, demo.url, 'teacher');
  const today = page.getByRole('table').filter({ hasText: 'Дисциплина' }).first();
  await today.getByRole('link').first().click();
  await expect(page).toHaveURL(/#\/journal\/\d+\?date=2026-11-25&lesson=\d/);
  const panel = page.getByRole('region', { name: 'Занятие' });
  await expect(panel).toContainText('ещё не записано');
  // The next topic of the plan is offered; the teacher picks it from the plan.
  const offered = await panel
    .getByLabel('Тема из плана')
    .locator('option', { hasText: 'следующая по плану' })
    .textContent();
  await panel.getByLabel('Тема из плана').selectOption({ label: offered! });
  await expect(panel.getByLabel('Тема занятия')).not.toHaveValue('');
  const topic = await panel.getByLabel('Тема занятия').inputValue();
  await panel.getByRole('button', { name: 'Записать занятие' }).click();
  await expect(panel).toContainText('внесено в день занятия');
  // The keyboard is back in the grid, on the first student of the new lesson.
  await expect(page.locator('.jgrid-sink')).toBeFocused();
  const names = await gridNames(page);
  for (const key of ['н', 'Enter', 'н', 'Enter', '5', 'Enter', '4', 'Enter', '3', 'Enter']) {
    if (key === 'Enter') await page.keyboard.press('Enter');
    else await page.keyboard.type(key);
  }
  const expected = ['н', 'н', '5', '4', '3'];
  for (const [i, v] of expected.entries())
    await expect(cell(page, names[i]!, TODAY_DDMM)).toHaveAttribute('aria-label', new RegExp(`: ${v}$`));
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/journal-today.png' });

  await page.reload();
  await expect(page.getByRole('grid')).toBeVisible();
  for (const [i, v] of expected.entries())
    await expect(cell(page, names[i]!, TODAY_DDMM)).toHaveAttribute('aria-label', new RegExp(`: ${v}$`));
  await expect(page.getByRole('region', { name: 'Занятие' }).getByLabel('Тема занятия')).toHaveValue(topic);
});

test('the grid pastes a column from Excel, undoes with Ctrl+Z and refuses a mark off the scale', async ({
  page,
  demo,
}) => {
  const big = seedBigJournal(demo.dbFile, 6, 3, 'P', false);
  await login(page, demo.url, 'teacher');
  await page.goto(`${demo.url}#/journal/${big.journalId}`);
  await expect(page.getByRole('grid')).toBeVisible();
  const names = await gridNames(page);
  const first = page.locator('[role=gridcell][aria-label*=" 01.09 "]').first();
  const dm = '01.09';
  await first.click();
  // A column copied from Excel: a mark, an absence, a blank (left as is) and a late arrival.
  await page.locator('.jgrid-sink').evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', '5\r\nн\r\n\r\nоп 10\r\n');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(cell(page, names[0]!, dm)).toHaveAttribute('aria-label', /: 5$/);
  await expect(cell(page, names[1]!, dm)).toHaveAttribute('aria-label', /: н$/);
  await expect(cell(page, names[3]!, dm)).toHaveAttribute('aria-label', /оп$/);
  await expect(page.getByRole('status').filter({ hasText: 'Вставлено значений: 3' })).toBeVisible();
  // Arrows move, typing replaces, Ctrl+Z undoes the last change — even while it is still being
  // saved (a slow network: the save is held back here), and not the paste before it.
  let slow = true;
  await page.route('**/api/journal.saveCells', async (route) => {
    if (slow) {
      slow = false;
      await new Promise((r) => setTimeout(r, 1500));
    }
    await route.continue();
  });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await expect(cell(page, names[2]!, dm)).toHaveAttribute('aria-label', /: 2$/);
  await page.keyboard.press('Control+z');
  await expect(cell(page, names[2]!, dm)).toHaveAttribute('aria-label', /: пусто$/);
  await expect(cell(page, names[0]!, dm)).toHaveAttribute('aria-label', /: 5$/);
  await page.unroute('**/api/journal.saveCells');
  // Off the scale: refused with the Russian message, nothing kept.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Неверное значение отметки «7»: допустимы 5, 4, 3, 2, зач, незач');
  await expect(cell(page, names[2]!, dm)).toHaveAttribute('aria-label', /: пусто$/);
  // Enter moved the cursor down again: back up to the absent student. Delete clears; the Latin layout's «y» is «н».
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Delete');
  await expect(cell(page, names[1]!, dm)).toHaveAttribute('aria-label', /: пусто$/);
  await page.keyboard.type('y');
  await page.keyboard.press('Enter');
  await expect(cell(page, names[1]!, dm)).toHaveAttribute('aria-label', /: н$/);
  // The period mark: Enter on the empty cell confirms the mark suggested by the weighted average.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowRight');
  const final = page.locator(`[role=gridcell][aria-label^="${names[0]}, Итог за период"]`);
  await expect(final).toHaveAttribute('aria-label', /предлагается 5$/);
  await page.keyboard.press('Enter');
  await expect(final).toHaveAttribute('aria-label', /Итог за период: 5$/);
  const opened = await demo.api(page, 'journal.open', { journalId: big.journalId });
  const value = opened.body.value as {
    attendance: Array<{ code: string }>;
    marks: Array<{ value: string }>;
    finals: Array<{ value: string; kind: string }>;
  };
  expect(value.attendance.map((a) => a.code).sort()).toContain('оп');
  expect(value.finals).toEqual([expect.objectContaining({ kind: 'period', value: '5' })]);
});

test('two windows edit one cell: the later save is refused and shows the fresh value', async ({
  page,
  demo,
  browser,
}) => {
  const big = seedBigJournal(demo.dbFile, 3, 1, 'C', false);
  const other = await browser.newPage();
  for (const p of [page, other]) {
    await login(p, demo.url, 'teacher');
    await p.goto(`${demo.url}#/journal/${big.journalId}`);
    await expect(p.getByRole('grid')).toBeVisible();
  }
  const name = (await gridNames(page))[0]!;
  for (const [p, value] of [
    [page, '5'],
    [other, '3'],
  ] as const) {
    await cell(p, name, '01.09').click();
    await p.keyboard.type(value);
    await p.keyboard.press('Enter');
  }
  await expect(cell(page, name, '01.09')).toHaveAttribute('aria-label', /: 5$/);
  await expect(other.getByRole('alert')).toContainText(
    'уже изменили в другом окне или другой пользователь — сейчас «5»',
  );
  await expect(cell(other, name, '01.09')).toHaveAttribute('aria-label', /: 5$/);
  await other.close();
});

test('a 30 × 150 journal renders fast (measured in the browser)', async ({ page, demo }) => {
  const big = seedBigJournal(demo.dbFile, 30, 150, '30');
  await login(page, demo.url, 'teacher');
  // Wall time shows what the user waits on this machine; the main thread's CPU time (from Chromium's
  // metrics) is the same work without the waiting for a core that other processes hold.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const cpu = async () =>
    ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? 0) * 1000;
  const figures: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(`${demo.url}#/journals`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.evaluate(() => {
      delete (window as unknown as { __journalTimings?: unknown }).__journalTimings;
    });
    const before = await cpu();
    await page.goto(`${demo.url}#/journal/${big.journalId}`);
    const t = await timings(page);
    const used = (await cpu()) - before;
    expect(t.rows).toBe(30);
    expect(t.columns).toBe(150);
    figures.push(t.render);
    console.log(
      `Журнал 30 × 150: отрисовка ${t.render.toFixed(1)} мс от получения данных до готовой сетки, ` +
        `${t.paint.toFixed(1)} мс до кадра; ` +
        `процессорное время главного потока на всё открытие (запрос, разбор, React, раскладка, кадр) ` +
        `${used.toFixed(1)} мс`,
    );
  }
  const sorted = [...figures].sort((a, b) => a - b);
  const best = sorted[0]!;
  console.log(
    `Журнал 30 × 150: отрисовка лучшая ${best.toFixed(1)} мс, медиана ${sorted[2]!.toFixed(1)} мс (цель < 100 мс)`,
  );
  // A generous bound: the figure itself is the reported measurement (the machine may be shared).
  expect(best).toBeLessThan(1000);
  await page.screenshot({ path: 'test-results/journal-30x150.png' });
});

test('a 40 × 200 journal scrolls and takes keys smoothly (frame times printed)', async ({ page, demo }) => {
  test.setTimeout(180_000);
  const big = seedBigJournal(demo.dbFile, 40, 200, '40');
  await login(page, demo.url, 'teacher');
  await page.goto(`${demo.url}#/journal/${big.journalId}`);
  const t = await timings(page);
  expect([t.rows, t.columns]).toEqual([40, 200]);
  const frames = await page.evaluate(async () => {
    const grid = document.querySelector('.jgrid') as HTMLElement;
    grid.scrollLeft = 0;
    const deltas: number[] = [];
    let last = performance.now();
    for (let i = 0; i < 60; i++) {
      grid.scrollLeft += i < 30 ? 160 : -160;
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const now = performance.now();
      deltas.push(now - last);
      last = now;
    }
    deltas.sort((a, b) => a - b);
    return { median: deltas[30]!, p95: deltas[57]!, max: deltas[59]! };
  });
  console.log(
    `Журнал 40 × 200, прокрутка: кадр медиана ${frames.median.toFixed(1)} мс, p95 ${frames.p95.toFixed(1)} мс, ` +
      `максимум ${frames.max.toFixed(1)} мс`,
  );
  // Keys: moving the cursor 40 cells to the right and back, frame by frame.
  await page.locator('[role=gridcell]').first().click();
  const keys = await page.evaluate(async () => {
    const sink = document.querySelector('.jgrid-sink') as HTMLInputElement;
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      sink.dispatchEvent(
        new KeyboardEvent('keydown', { key: i < 15 ? 'ArrowRight' : 'ArrowDown', bubbles: true, cancelable: true }),
      );
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { median: times[15]!, p95: times[28]! };
  });
  console.log(
    `Журнал 40 × 200, переход курсора: медиана ${keys.median.toFixed(1)} мс до кадра, p95 ${keys.p95.toFixed(1)} мс`,
  );
  // Only the columns in view are in the page, whatever the journal's length (virtualised columns).
  const rendered = await page.locator('[role=gridcell]').count();
  console.log(`Журнал 40 × 200: в странице ${rendered} ячеек из ${40 * 200}`);
  expect(rendered).toBeLessThan(40 * 60);
  // Generous bounds: the figures above are the measurement; these only catch a grid gone pathological.
  expect(frames.p95).toBeLessThan(5000);
  expect(keys.p95).toBeLessThan(5000);
});

test('rows are virtualised: ArrowDown to the last student keeps the cursor cell rendered and active', async ({
  page,
  demo,
}) => {
  const big = seedBigJournal(demo.dbFile, 40, 200, 'V');
  await login(page, demo.url, 'teacher');
  await page.goto(`${demo.url}#/journal/${big.journalId}`);
  await timings(page);
  const grid = page.getByRole('grid');
  await expect(grid).toHaveAttribute('aria-rowcount', '42');
  // Not every student is in the page: the rows below the view are spacers.
  expect(await page.getByRole('rowheader').count()).toBeLessThan(40);
  await page.locator('[role=gridcell]').first().click();
  const sink = page.locator('.jgrid-sink');
  for (let i = 0; i < 39; i++) await page.keyboard.press('ArrowDown');
  const active = async () => {
    const id = await sink.getAttribute('aria-activedescendant');
    return page.locator(`[id="${id}"]`);
  };
  const last = await active();
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(last).toBeInViewport();
  await expect(last.locator('xpath=ancestor::*[@role="row"][1]')).toHaveAttribute('aria-rowindex', '42');
  await expect(sink).toBeFocused();
  await page.screenshot({ path: 'test-results/journal-virtual-rows.png' });
  // And back up to the first student.
  await page.keyboard.press('Control+Home');
  const first = await active();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(first.locator('xpath=ancestor::*[@role="row"][1]')).toHaveAttribute('aria-rowindex', '3');
});

test('a period clicked while the whole year loads is the period shown', async ({ page, demo }) => {
  await login(page, demo.url, 'teacher');
  await page.goto(`${demo.url}#/journals`);
  await page.locator('main a[href^="#/journal/"]').first().click();
  await expect(page.getByRole('grid')).toBeVisible();
  const periods = page.getByRole('group', { name: 'Период' });
  const second = periods.getByRole('button', { name: /^2 семестр/ });
  const year = periods.getByRole('button', { name: 'Весь год' });
  // The whole year's answer is held back until after the semester's has come, as a slow network may deliver it.
  const held = (r: { url(): string; postDataJSON(): unknown }) =>
    r.url().endsWith('/api/journal.open') && (r.postDataJSON() as { from?: string } | null)?.from !== undefined;
  await page.route('**/api/journal.open', async (route) => {
    if (held(route.request())) await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  const late = page.waitForResponse((r) => held(r.request()));
  await year.click();
  await second.click();
  await expect(second).toHaveAttribute('aria-pressed', 'true');
  await late;
  await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
  await expect(second).toHaveAttribute('aria-pressed', 'true');
  await expect(year).toHaveAttribute('aria-pressed', 'false');
});
