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

interface Browser {
  document: { querySelector(selector: string): (ScrollBox & Freezable) | null };
  performance: { now(): number };
  requestAnimationFrame(callback: (frameStart: number) => void): number;
  requestIdleCallback(callback: () => void, options?: { timeout: number }): number;
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
