// Finished jobs do not pile up: the screens run every report as a job, and each result holds its data.
import { expect, it } from 'vitest';
import { JobRegistry } from '../../electron/services/jobs.js';

it('keeps the last 50 finished jobs and every running one', async () => {
  const jobs = new JobRegistry();
  const ids: string[] = [];
  for (let i = 0; i < 60; i++) {
    const job = jobs.start('report', 1, async () => ({ data: i }));
    await jobs.wait(job.id, 1);
    ids.push(job.id);
  }
  let release = () => undefined as void;
  const running = jobs.start(
    'report',
    1,
    () =>
      new Promise((resolve) => {
        release = () => resolve(null);
      }),
  );
  expect(jobs.get(ids[0]!)).toBeNull();
  expect(jobs.get(ids[9]!)).toBeNull();
  expect(jobs.get(ids[10]!)?.result).toEqual({ data: 10 });
  expect(jobs.get(running.id)?.state).toBe('running');
  release();
  expect((await jobs.wait(running.id, 1)).state).toBe('done');
});
