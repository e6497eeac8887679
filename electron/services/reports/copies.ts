// Certified copies of journal pages and their register (issue 15, part 6; 000 §3.1.6, §3.2.3): each copy takes the
// next number in the register of issued copies — printed on it with the recipient — and carries the journal's final
// marks. The number, the line of the register and the audit entry are written in one transaction with the making of
// the copy: a copy that failed to render leaves no line, and no two copies share a number.
import type { FileOutput, IssuedCopyInfo, Parsed } from '../../api/contract.js';
import { PDF_MIME, XLSX_MIME } from '../../api/contract.js';
import { AppError } from '../../api/errors.js';
import { journalCopyPdf } from '../../export/journal-pages.js';
import { addTableSheet, createWorkbook, toBuffer } from '../../export/xlsx.js';
import { localIsoDate } from '../../domain/calendar.js';
import { ruDate } from '../../domain/format-dates.js';
import { finalMarks } from '../archive/year-data.js';
import { audit } from '../audit.js';
import type { AuthedContext, Db, Session } from '../context.js';
import { fileOutput, safeFileName } from '../files.js';
import { currentYear } from '../schedule.js';
import { fullName } from '../session.js';
import { signatures, type DocumentDeps } from './documents.js';
import { loadJournalPages } from './journal-copy.js';

export interface CopyRequest {
  journalId: number;
  from: string;
  to: string;
  /** The period's title when the copy is of a whole period. */
  periodTitle: string | undefined;
  signer: 'director' | 'deputy';
  /** To whom the copy is issued (the register's «кому»). */
  recipient: string;
  /** Who made it (null: the command line). */
  by: Pick<Session, 'userId' | 'login'> | null;
}

/** The certified copy of one journal's pages, numbered and entered in the register. */
export async function journalCopyFile(deps: DocumentDeps, request: CopyRequest): Promise<FileOutput> {
  const { journalId, from, to } = request;
  const data = await loadJournalPages(deps.db, journalId, from, to, request.periodTitle);
  const journal = await deps.db.selectFrom('journals').select('year_id').where('id', '=', journalId).executeTakeFirst();
  if (!journal) throw new AppError('not_found', 'Журнал не найден');
  const finals = await finalMarks(deps.db, journalId, journal.year_id);
  const sign = await signatures(deps.db, deps.settings);
  const who = sign[request.signer];
  const what = `Копия страниц журнала: ${data.groupName} · ${data.subjectName}, ${data.periodTitle}`;
  for (let attempt = 0; ; attempt++) {
    try {
      return await deps.db.transaction().execute(async (trx) => {
        const number = await nextNumber(trx);
        const { pdf, pages } = await journalCopyPdf(data, {
          institution: sign.institution,
          kind: sign.kind,
          formedAt: deps.now,
          certification: { ...who, date: deps.today },
          finals,
          issue: { number, recipient: request.recipient },
        });
        const row = {
          number,
          year_id: journal.year_id,
          journal_id: journalId,
          issued_at: deps.now.toISOString(),
          what,
          recipient: request.recipient,
          certified_by: `${who.position} ${who.name}`.trim(),
          pages,
          created_by: request.by?.userId ?? null,
        };
        const inserted = await trx.insertInto('issued_copies').values(row).returning('id').executeTakeFirstOrThrow();
        await audit(trx, request.by, deps.now, {
          action: 'copies.issue',
          entity: 'issued_copies',
          entityId: inserted.id,
          journalId,
          after: row,
        });
        return fileOutput(
          safeFileName(
            `Копия № ${number} журнала ${data.groupName} ${data.subjectName} ${ruDate(from)}–${ruDate(to)}.pdf`,
          ),
          PDF_MIME,
          pdf,
        );
      });
    } catch (e) {
      // Two copies made at once took the same number: the later one takes the next.
      if (attempt < 2 && /unique|UNIQUE/.test((e as Error).message)) continue;
      throw e;
    }
  }
}

async function nextNumber(db: Db): Promise<number> {
  const row = await db
    .selectFrom('issued_copies')
    .select((eb) => eb.fn.max<number | null>('number').as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

/** The register of a year's issued copies, newest first. */
export async function list(ctx: AuthedContext, input: Parsed<'copies.list'>): Promise<IssuedCopyInfo[]> {
  const yearId = input.yearId ?? (await currentYear(ctx.db, ctx.clock.today()))?.id;
  if (yearId === undefined) return [];
  const rows = await ctx.db
    .selectFrom('issued_copies as c')
    .leftJoin('users as u', 'u.id', 'c.created_by')
    .select([
      'c.id',
      'c.number',
      'c.issued_at',
      'c.what',
      'c.recipient',
      'c.certified_by',
      'c.pages',
      'c.journal_id',
      'u.last_name',
      'u.first_name',
      'u.middle_name',
    ])
    .where('c.year_id', '=', yearId)
    .orderBy('c.number', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    issuedAt: r.issued_at,
    what: r.what,
    recipient: r.recipient,
    certifiedBy: r.certified_by,
    pages: r.pages,
    journalId: r.journal_id,
    madeBy: r.last_name
      ? fullName({ last_name: r.last_name, first_name: r.first_name ?? '', middle_name: r.middle_name })
      : null,
  }));
}

/** The register in Excel. */
export async function xlsx(ctx: AuthedContext, input: Parsed<'copies.xlsx'>): Promise<FileOutput> {
  const rows = await list(ctx, input);
  const wb = createWorkbook({ createdAt: ctx.clock.now() });
  addTableSheet(wb, {
    name: 'Реестр копий',
    title: 'Реестр выданных копий',
    columns: [
      { header: '№ копии', key: 'number', type: 'integer' },
      { header: 'Дата выдачи', key: 'date', type: 'date' },
      { header: 'Что выдано', key: 'what', type: 'text', width: 60 },
      { header: 'Кому', key: 'recipient', type: 'text', width: 36 },
      { header: 'Кто заверил', key: 'certifiedBy', type: 'text', width: 36 },
      { header: 'Листов', key: 'pages', type: 'integer' },
    ],
    rows: [...rows].reverse().map((r) => ({ ...r, date: localIsoDate(new Date(r.issuedAt)) })),
  });
  return fileOutput('Реестр выданных копий.xlsx', XLSX_MIME, await toBuffer(wb));
}
