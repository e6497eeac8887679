// archive.overview, archive.setSchedule: every year with its archive state — the copy in the store,
// the transfers to removable media and their verification (000 §3.2.2: the deputy checks that the
// year was carried over), and the schedule the secretary is reminded by.
import path from 'node:path';
import type { ArchiveOverview, ArchiveSchedule, ArchiveYear, Parsed } from '../../api/contract.js';
import { badInput } from '../../api/errors.js';
import { audit } from '../audit.js';
import type { AuthedContext, Db } from '../context.js';
import type { SettingsStore } from '../settings.js';
import { dueOn, yearState } from './plan.js';
import { archiveCopies } from './records.js';
import { ownFingerprint, runningArchiveJob } from './run.js';

export function scheduleOf(settings: SettingsStore): ArchiveSchedule {
  const a = settings.get().archive;
  return { dueDate: a.dueDate, mode: a.mode, targetFolder: a.targetFolder, lastReminderAt: a.lastReminderAt };
}

/** Every year, newest first, with its copies and where it stands against the schedule. */
export async function archiveYears(db: Db, today: string, dueDate: string): Promise<ArchiveYear[]> {
  const years = await db
    .selectFrom('academic_years')
    .select(['id', 'title', 'starts_on', 'ends_on', 'status'])
    .orderBy('starts_on', 'desc')
    .execute();
  const copies = await archiveCopies(db);
  return years.map((y) => {
    const mine = copies.filter((c) => c.yearId === y.id);
    const plan = { id: y.id, title: y.title, endsOn: y.ends_on, status: y.status };
    const strip = ({ yearId: _y, ...c }: (typeof copies)[number]) => c;
    return {
      yearId: y.id,
      title: y.title,
      startsOn: y.starts_on,
      endsOn: y.ends_on,
      status: y.status,
      dueOn: dueOn(y.ends_on, dueDate),
      state: yearState(
        plan,
        mine.map((c) => ({ yearId: c.yearId, target: c.target, path: c.path, verifyOk: c.verifyOk })),
        today,
        dueDate,
      ),
      store: mine.filter((c) => c.target === 'store').map(strip)[0] ?? null,
      transfers: mine.filter((c) => c.target !== 'store').map(strip),
    };
  });
}

export async function overview(ctx: AuthedContext): Promise<ArchiveOverview> {
  const schedule = scheduleOf(ctx.settings);
  const running = runningArchiveJob(ctx.jobs);
  return {
    years: await archiveYears(ctx.db, ctx.clock.today(), schedule.dueDate),
    schedule,
    storePath: ctx.paths.archiveStore,
    keyFingerprint: ownFingerprint(ctx),
    runningJobId: running && ctx.jobs.get(running)?.ownerId === ctx.session.userId ? running : null,
  };
}

export async function setSchedule(ctx: AuthedContext, input: Parsed<'archive.setSchedule'>): Promise<ArchiveSchedule> {
  if (input.targetFolder && !path.isAbsolute(input.targetFolder)) {
    throw badInput('Папка для копии: укажите полный путь, например /media/secretary/ARCHIVE или E:\\Архив', {
      targetFolder: 'Нужен полный путь к папке',
    });
  }
  const before = scheduleOf(ctx.settings);
  // Settings live in a file, not the database; the change is still recorded in the audit log.
  ctx.settings.update({ archive: { dueDate: input.dueDate, mode: input.mode, targetFolder: input.targetFolder } });
  const after = scheduleOf(ctx.settings);
  await ctx.db.transaction().execute((trx) =>
    audit(trx, ctx.session, ctx.clock.now(), {
      action: 'archive.schedule',
      entity: 'settings',
      entityId: 'archive',
      before: { dueDate: before.dueDate, mode: before.mode, targetFolder: before.targetFolder },
      after: { dueDate: after.dueDate, mode: after.mode, targetFolder: after.targetFolder },
    }),
  );
  return after;
}
