// The journal grid in Chromium (DESIGN §8: 40 × 200 first render < 50 ms, scroll frame p95 < 16 ms). A small
// demo college is generated in a scratch folder, a journal of 40 students × 200 lessons (marks and absences)
// is written into it, and the browser host serves it with the built renderer, as in the e2e tests; Chromium
// is started the way tests/e2e/playwright.config.ts starts it. Every figure is taken by the page's own clock.
// BENCH_GRID_THROTTLE=4 slows Chromium's CPU that many times, to tell a change from the machine's noise.
// BENCH_GRID_TRACE=/tmp/grid-trace.json writes Chromium's trace of the scroll plan (what each frame's main thread
// did: scroll events, React, style, layout, paint), to be opened in chrome://tracing or read with a script; a traced
// run's own figures are slower than an untraced one's; with BENCH_GRID_TRACE_GC=1 the trace has the garbage
// collector's steps too. BENCH_GRID_OPEN_TRACE=/tmp/open.json traces the last opening. BENCH_GRID_FRAMES=/tmp/f.json
// writes every scroll frame's time, to see which ones are slow.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import e2eConfig from '../../e2e/playwright.config.js';
import { seedBigJournal } from '../../e2e/seed-journal.js';
import { bundleForTests, cliArgs, demoArgs, ROOT } from '../../support/bin.js';
import { BENCH_TODAY } from '../college.js';
import { enterMarks, freezeGrid, scrollFrames, scrollPlan } from '../grid-frames.js';
import { timed, timingOf, type BenchResult } from '../harness.js';

const STUDENTS = 40;
const LESSONS = 200;
const OPENS = 40;
/** Marks entered down a column, one student after another. */
const MARKS = 40;
const THROTTLE = Number(process.env.BENCH_GRID_THROTTLE ?? 1);
const TRACE = process.env.BENCH_GRID_TRACE;
const TRACE_CATEGORIES = [
  ...(process.env.BENCH_GRID_TRACE_GC ? ['v8', 'disabled-by-default-v8.gc'] : []),
  ...['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'toplevel'],
];
/** Each scroll frame's time, in the plan's order, written to this file as JSON. */
const FRAMES = process.env.BENCH_GRID_FRAMES;
const OPEN_TRACE = process.env.BENCH_GRID_OPEN_TRACE;
/** With the page's own marks (journal:data, journal:painted), to find the opening in the trace. */
const OPEN_CATEGORIES = [...TRACE_CATEGORIES, 'blink.user_timing'];

interface Timings {
  render: number;
  paint: number;
  rows: number;
  columns: number;
}

export async function gridCases(): Promise<BenchResult[]> {
  bundleForTests();
  buildRendererIfStale();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-grid-bench-'));
  let host: ChildProcess | null = null;
  const browser = await chromium.launch(e2eConfig.use?.launchOptions);
  try {
    const db = path.join(dir, 'journal.sqlite');
    execFileSync(
      process.execPath,
      cliArgs('demo-data', '--db', db, '--today', BENCH_TODAY, '--students', '60', '--groups', '3', '--data', dir),
      { cwd: ROOT, stdio: 'ignore' },
    );
    const journal = seedBigJournal(db, STUDENTS, LESSONS, 'G');
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ backup: { onExit: false } }));
    host = spawn(
      process.execPath,
      demoArgs('--db', db, '--data', dir, '--port', '0', '--today', BENCH_TODAY, '--no-daily-backup'),
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const url = await readyUrl(host);
    const { viewport, locale, timezoneId } = e2eConfig.use ?? {};
    const page = await browser.newPage({ viewport, locale, timezoneId });
    if (THROTTLE > 1) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    }
    await page.goto(url);
    await page.getByLabel('Логин').fill('teacher');
    await page.getByLabel('Пароль').fill('demo12345');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();

    const paints: number[] = [];
    const renders: number[] = [];
    for (let i = 0; i < OPENS + 3; i++) {
      const traced = OPEN_TRACE && i === OPENS + 2;
      if (traced) await browser.startTracing(page, { path: OPEN_TRACE, categories: OPEN_CATEGORIES });
      const t = await openJournal(page, url, journal.journalId);
      if (traced) await browser.stopTracing();
      if (t.rows !== STUDENTS || t.columns !== LESSONS) throw new Error(`сетка ${t.rows} × ${t.columns}`);
      // The first openings warm the JIT and the host's caches.
      if (i < 3) continue;
      paints.push(t.paint);
      renders.push(t.render);
    }
    const inDom = await page.locator('[role=gridcell]').count();
    if (TRACE) await browser.startTracing(page, { path: TRACE, categories: TRACE_CATEGORIES });
    const frames = await page.evaluate(scrollFrames, scrollPlan(2));
    if (TRACE) await browser.stopTracing();
    if (FRAMES) fs.writeFileSync(FRAMES, JSON.stringify(frames.busy));
    // Marks entered down the first column of a type of work, from the first student.
    const work = await page.locator('.jhead.work').first().getAttribute('aria-colindex');
    await page.locator(`#jc-0-${Number(work) - 2}`).click();
    const entries = await page.evaluate(enterMarks, MARKS);
    await page.evaluate(freezeGrid);
    const floor = timingOf((await page.evaluate(scrollFrames, scrollPlan(2))).busy);
    const throttled = THROTTLE > 1 ? `; CPU slowed ${THROTTLE}×` : '';
    const render = timingOf(renders);
    return [
      ...timed(`grid ${STUDENTS}×${LESSONS}: first render`, timingOf(paints), {
        target: 50,
        note:
          `journal.open's answer parsed (mark journal:data) → the first frame showing the grid drawn (rAF, then ` +
          `a task after it): the page's React render, layout and paint (the lesson panel below the grid comes a ` +
          `frame later); ${inDom} cells in the DOM; ` +
          `to the grid laid out p50 ${render.p50.toFixed(1)} ms${throttled}`,
      }),
      ...timed(`grid ${STUDENTS}×${LESSONS}: a mark entered, drawn`, timingOf(entries.drawn), {
        note:
          `Enter pressed on a typed mark → the first idle moment after the frame that shows it being saved, the ` +
          `cursor on the next student (${MARKS} marks down a column, from the first student to the last)${throttled}`,
      }),
      ...timed(`grid ${STUDENTS}×${LESSONS}: a mark entered, saved and drawn`, timingOf(entries.saved), {
        note: `Enter pressed → the frame after the browser host's answer is drawn (the server's save included)`,
      }),
      ...timed(`grid ${STUDENTS}×${LESSONS}: floor: scroll frame of the grid frozen`, floor, {
        note:
          'the same plan over a copy of the grid that nothing renders into (columns beyond it left blank): what ' +
          'the browser alone spends on each frame of this scroll here',
      }),
      ...timed(`grid ${STUDENTS}×${LESSONS}: scroll frame`, timingOf(frames.busy), {
        target: 16,
        floorMs: floor.p50,
        note:
          `main-thread time per frame (rAF start → next idle callback) scrolling 160 px right/left and 30 px ` +
          `down/up a frame; a frame with no scroll costs ${timingOf(frames.quiet).p50.toFixed(1)} ms; ` +
          `${frames.late} of ${frames.busy.length} frames late${throttled}`,
      }),
    ];
  } finally {
    await browser.close();
    if (host && host.exitCode === null) {
      const exited = new Promise((resolve) => host!.once('exit', resolve));
      host.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens the journal from the list of journals and returns the page's own timings of that opening. */
async function openJournal(page: Page, url: string, journalId: number): Promise<Timings> {
  await page.goto(`${url}#/journals`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.evaluate(() => delete (globalThis as { __journalTimings?: Timings }).__journalTimings);
  await page.goto(`${url}#/journal/${journalId}`);
  const handle = await page.waitForFunction(() => (globalThis as { __journalTimings?: Timings }).__journalTimings);
  return (await handle.jsonValue()) as Timings;
}

/** The bench measures the renderer as it is in the sources: rebuilt when a source is newer than the build. */
function buildRendererIfStale(): void {
  const built = path.join(ROOT, 'dist', 'renderer', 'index.html');
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  const newest = ['renderer', 'electron/api', 'electron/domain']
    .flatMap((d) => fs.readdirSync(path.join(ROOT, d), { recursive: true, encoding: 'utf8' }).map((f) => `${d}/${f}`))
    .reduce((at, f) => Math.max(at, fs.statSync(path.join(ROOT, f)).mtimeMs), 0);
  if (newest > builtAt) execFileSync('npm', ['run', 'build:renderer'], { cwd: ROOT, stdio: 'ignore' });
}

function readyUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`хост не запустился:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Журнал: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`хост завершился с кодом ${code}:\n${out}`));
    });
  });
}
