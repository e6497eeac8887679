// What the grid bench runs inside the page (page.evaluate), timed by the browser's own clock. The bench
// is type-checked without the DOM library, so the little of the browser it touches is declared here.

interface ScrollBox {
  scrollLeft: number;
  scrollTop: number;
}

interface Freezable {
  cloneNode(deep: boolean): unknown;
  replaceWith(node: unknown): void;
}

interface TextField {
  dispatchEvent(event: unknown): boolean;
}

interface Browser {
  document: { querySelector(selector: string): (ScrollBox & Freezable & TextField) | null };
  performance: { now(): number };
  requestAnimationFrame(callback: (frameStart: number) => void): number;
  requestIdleCallback(callback: () => void, options?: { timeout: number }): number;
  Event: new (type: string, init: { bubbles: boolean }) => unknown;
  KeyboardEvent: new (type: string, init: { key: string; bubbles: boolean; cancelable: boolean }) => unknown;
  HTMLInputElement: { prototype: object };
}

/** One scroll step per frame: pixels right and down. */
export type ScrollPlan = Array<[dx: number, dy: number]>;

export interface FrameFigures {
  /** Per step: main-thread time of the frame, from its start to the first idle moment after it (ms). */
  busy: number[];
  /** The same for frames with no scrolling: what an idle frame costs on this machine (ms). */
  quiet: number[];
  /** Steps whose frame made the next one late (the step took more than 1.5 frame intervals of 16.7 ms). */
  late: number;
}

/**
 * Scrolls the grid by `plan`, one step at the start of a frame, and measures each frame's main-thread work:
 * from the frame's start (the rAF timestamp, before the scroll events are dispatched) to the first idle
 * callback after it — the scroll handling, React's render and commit, style, layout and paint all finish
 * before the main thread is idle. Frames are ~16.7 ms apart here whatever the work (vsync), so rAF deltas
 * alone would say nothing under a frame; this is the work that has to fit in one.
 */
export async function scrollFrames(plan: ScrollPlan): Promise<FrameFigures> {
  const w = globalThis as unknown as Browser;
  const grid = w.document.querySelector('.jgrid');
  if (!grid) throw new Error('no grid');
  // Methods, not arrow functions in constants: tsx names those with a helper the page does not have.
  const at = {
    idle(): Promise<number> {
      return new Promise((resolve) => w.requestIdleCallback(() => resolve(w.performance.now()), { timeout: 2000 }));
    },
    step(dx: number, dy: number): Promise<number> {
      return new Promise((resolve) =>
        w.requestAnimationFrame((frameStart) => {
          grid.scrollLeft += dx;
          grid.scrollTop += dy;
          resolve(frameStart);
        }),
      );
    },
  };
  grid.scrollLeft = 0;
  grid.scrollTop = 0;
  const quiet: number[] = [];
  for (let i = 0; i < 30; i++) {
    const start = await at.step(0, 0);
    quiet.push((await at.idle()) - start);
  }
  const busy: number[] = [];
  let late = 0;
  let previous = await at.step(0, 0);
  await at.idle();
  for (const [dx, dy] of plan) {
    const start = await at.step(dx, dy);
    if (start - previous > 25) late++;
    busy.push((await at.idle()) - start);
    previous = start;
  }
  // The last step's scroll is handled in the frame after it.
  const start = await at.step(0, 0);
  busy.push((await at.idle()) - start);
  return { busy, quiet, late };
}

/** Right across the lessons and back, down the students and back, `passes` times. */
export function scrollPlan(passes: number): ScrollPlan {
  const plan: ScrollPlan = [];
  for (let p = 0; p < passes; p++) {
    for (let i = 0; i < 45; i++) plan.push([160, 0]);
    for (let i = 0; i < 24; i++) plan.push([0, 30]);
    for (let i = 0; i < 45; i++) plan.push([-160, 0]);
    for (let i = 0; i < 24; i++) plan.push([0, -30]);
  }
  return plan;
}

/**
 * Replaces the grid with a copy of its elements that nothing renders into (no React, no handlers): the same
 * plan scrolled over it then costs what the browser alone spends on a scroll of this grid here — the floor.
 */
export function freezeGrid(): void {
  const w = globalThis as unknown as Browser;
  const grid = w.document.querySelector('.jgrid');
  if (!grid) throw new Error('no grid');
  grid.replaceWith(grid.cloneNode(true));
}

export interface EntryFigures {
  /** Per mark: Enter pressed → the first idle moment after the frame showing it (being saved, cursor moved on). */
  drawn: number[];
  /** Per mark: Enter pressed → the frame after the server's answer is drawn (no cell left «being saved»). */
  saved: number[];
}

/**
 * Enters `count` marks down the column of the cell the keyboard is on, as a teacher does: a digit typed into the
 * grid's text field, then Enter, which saves it and moves to the next student. Marks alternate 5 and 4, so each
 * is a real change. Timed by the page's clock from the Enter key's event.
 */
export async function enterMarks(count: number): Promise<EntryFigures> {
  const w = globalThis as unknown as Browser;
  const sink = w.document.querySelector('.jgrid-sink');
  if (!sink) throw new Error('no grid');
  const setValue = Object.getOwnPropertyDescriptor(w.HTMLInputElement.prototype, 'value')!.set!;
  const at = {
    idle(): Promise<number> {
      return new Promise((resolve) => w.requestIdleCallback(() => resolve(w.performance.now()), { timeout: 2000 }));
    },
    frame(): Promise<number> {
      return new Promise((resolve) => w.requestAnimationFrame(resolve));
    },
  };
  const drawn: number[] = [];
  const saved: number[] = [];
  for (let i = 0; i < count; i++) {
    setValue.call(sink, i % 2 ? '4' : '5');
    sink.dispatchEvent(new w.Event('input', { bubbles: true }));
    await at.frame();
    await at.idle();
    const start = w.performance.now();
    sink.dispatchEvent(new w.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await at.frame();
    drawn.push((await at.idle()) - start);
    for (let f = 0; w.document.querySelector('.jcell.saving') && f < 600; f++) await at.frame();
    await at.frame();
    saved.push((await at.idle()) - start);
  }
  return { drawn, saved };
}
