// archive.verify: every hash and the signature recomputed, as a job (a stick reads slowly). A copy
// the program recorded gets its verified-at and result written, with an audit entry.
import type { JobInfo, Parsed, VerifyReport } from '../../api/contract.js';
import { verifyArchive, verifySummary } from '../../export/archive/verify.js';
import { audit } from '../audit.js';
import type { AuthedContext } from '../context.js';
import { assertPackage, resolveArchive } from './records.js';
import { ownFingerprint } from './run.js';

export async function verify(ctx: AuthedContext, input: Parsed<'archive.verify'>): Promise<JobInfo> {
  const { dir, archiveId } = await resolveArchive(ctx.db, input);
  assertPackage(dir);
  const session = ctx.session;
  const job = ctx.jobs.start('archive-verify', session.userId, async (control): Promise<VerifyReport> => {
    const result = await verifyArchive(dir, {
      signal: control.signal,
      expectedFingerprint: ownFingerprint(ctx),
      progress: (done, total) => control.progress('Проверка файлов архива', done, total),
    });
    if (archiveId !== null) {
      const now = ctx.clock.now();
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('archives')
          .set({ verified_at: now.toISOString(), verify_ok: result.ok ? 1 : 0 })
          .where('id', '=', archiveId)
          .execute();
        await audit(trx, session, now, {
          action: 'archive.verify',
          entity: 'archives',
          entityId: archiveId,
          after: { ok: result.ok, path: dir, problems: result.problems.slice(0, 5).map((p) => p.message) },
        });
      });
    }
    return {
      ok: result.ok,
      path: dir,
      summary: verifySummary(result),
      fingerprint: result.fingerprint,
      keyMatches: result.keyMatches,
      filesChecked: result.filesChecked,
      problems: result.problems.slice(0, 50).map((p) => ({ kind: p.kind, path: p.path, message: p.message })),
    };
  });
  const { ownerId: _owner, ...info } = job;
  return info;
}
