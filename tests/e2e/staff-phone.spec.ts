// Staff pages on a phone (390 × 844): a page whose table, form or select is wider than the screen scrolls inside
// that table, never sideways as a whole (the pages that once did: the thematic plan, the assessment sheets, the
// students' movements and the audit log).
import { expect, expectFits, login, test } from './fixtures';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const PAGES: Array<{ who: string; path: string; heading: string }> = [
  { who: 'deputy', path: '/plan/1', heading: 'Тематический план' },
  { who: 'deputy', path: '/assessments', heading: 'Ведомости и задолженности' },
  { who: 'deputy', path: '/movements', heading: 'Движение контингента' },
  { who: 'admin', path: '/audit', heading: 'Журнал аудита' },
];

test('the plan, the assessment sheets, the movements and the audit log fit a phone', async ({ page, demo }) => {
  let who = '';
  for (const p of PAGES) {
    if (p.who !== who) {
      if (who) await demo.api(page, 'auth.logout', {});
      await login(page, demo.url, p.who);
      await expect(page.getByRole('button', { name: 'Меню' })).toBeVisible();
      who = p.who;
    }
    await page.goto(`${demo.url}#${p.path}`);
    await expect(page.getByRole('heading', { level: 1, name: p.heading })).toBeVisible();
    await expect(page.locator('table').first()).toBeVisible();
    await expectFits(page);
  }
});
