// The institution's details and who signs its documents. Names and the director live in the
// database's `institution` row (the same for every computer on a shared PostgreSQL); positions and the
// deputies' and secretary's names in the settings' `signatures` (what signature blocks read).
import type { InstitutionDetails, Parsed, SignerInfo } from '../api/contract.js';
import { AppError, badInput, conflict } from '../api/errors.js';
import { checkScale } from '../domain/scale.js';
import { audit } from './audit.js';
import type { AuthedContext, Db } from './context.js';
import type { Settings } from './settings.js';
import { shortName } from '../export/pdf/signature.js';

type Row = {
  id: number;
  full_name: string;
  short_name: string;
  kind: InstitutionDetails['kind'];
  address: string;
  director_name: string;
  marks_enabled: number;
  mark_scale: string;
  correction_days: number;
  auto_lock_days: number;
  version: number;
  updated_at: string;
};

const COLUMNS = [
  'id',
  'full_name',
  'short_name',
  'kind',
  'address',
  'director_name',
  'marks_enabled',
  'mark_scale',
  'correction_days',
  'auto_lock_days',
  'version',
  'updated_at',
] as const;

async function loadRow(db: Db): Promise<Row> {
  const row = await db.selectFrom('institution').select(COLUMNS).orderBy('id').executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Организация ещё не создана: завершите первоначальную настройку');
  return row;
}

/**
 * What a journal created now keeps for good (migration 0010): the institution's marks flag and scale.
 * Every insert of a journal spreads this into its values, in the same transaction.
 */
export async function journalMarks(db: Db): Promise<{ marks_enabled: number; mark_scale: string }> {
  const row = await db
    .selectFrom('institution')
    .select(['marks_enabled', 'mark_scale'])
    .orderBy('id')
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Организация ещё не создана: завершите первоначальную настройку');
  return { marks_enabled: row.marks_enabled, mark_scale: row.mark_scale };
}

/** The deputies who sign, from the list or (settings written before the list existed) the single deputy. */
export function deputiesOf(settings: Settings): SignerInfo[] {
  const s = settings.signatures;
  if (s.deputies.length > 0) return s.deputies.map((d) => ({ position: d.position, name: d.name }));
  return s.deputyName ? [{ position: s.deputyPosition, name: s.deputyName }] : [];
}

/** Everyone who may sign a document, names as printed under a signature («Иванова А. П.»). */
export async function institutionSigners(
  ctx: Pick<AuthedContext, 'db' | 'settings'>,
): Promise<{ director: SignerInfo; deputies: SignerInfo[]; secretary: SignerInfo }> {
  const settings = ctx.settings.get();
  const row = await ctx.db.selectFrom('institution').select('director_name').orderBy('id').executeTakeFirst();
  const printed = (name: string) => (name ? shortName(name) : '');
  return {
    director: {
      position: settings.signatures.directorPosition,
      name: printed(row?.director_name ?? '') || settings.signatures.directorName,
    },
    deputies: deputiesOf(settings).map((d) => ({ position: d.position, name: printed(d.name) })),
    secretary: { position: settings.signatures.secretaryPosition, name: printed(settings.signatures.secretaryName) },
  };
}

function details(row: Row, settings: Settings): InstitutionDetails {
  return {
    id: row.id,
    fullName: row.full_name,
    shortName: row.short_name,
    kind: row.kind,
    address: row.address,
    directorName: row.director_name,
    marksEnabled: row.marks_enabled === 1,
    markScale: row.mark_scale,
    correctionDays: row.correction_days,
    autoLockDays: row.auto_lock_days,
    version: row.version,
    updatedAt: row.updated_at,
    signatures: {
      directorPosition: settings.signatures.directorPosition,
      deputies: deputiesOf(settings),
      secretaryPosition: settings.signatures.secretaryPosition,
      secretaryName: settings.signatures.secretaryName,
    },
  };
}

export async function get(ctx: AuthedContext): Promise<InstitutionDetails> {
  return details(await loadRow(ctx.db), ctx.settings.get());
}

export async function update(ctx: AuthedContext, input: Parsed<'institution.update'>): Promise<InstitutionDetails> {
  const now = ctx.clock.now();
  let scale: string | undefined;
  if (input.markScale !== undefined) {
    const checked = checkScale(input.markScale);
    if ('error' in checked) throw badInput(checked.error, { markScale: checked.error });
    scale = checked.scale;
  }
  const row = await ctx.db.transaction().execute(async (trx) => {
    const before = await loadRow(trx);
    // Marks and the scale apply to journals created from now on: nothing in existing journals changes.
    const marksEnabled = input.marksEnabled === undefined ? before.marks_enabled : input.marksEnabled ? 1 : 0;
    const markScale = scale ?? before.mark_scale;
    if (before.version !== input.version) {
      throw conflict(
        'Сведения об организации уже изменил другой пользователь. Проверьте их и сохраните снова',
        details(before, ctx.settings.get()),
      );
    }
    const changed = await trx
      .updateTable('institution')
      .set({
        full_name: input.fullName,
        short_name: input.shortName,
        address: input.address,
        director_name: input.directorName,
        marks_enabled: marksEnabled,
        mark_scale: markScale,
        correction_days: input.correctionDays ?? before.correction_days,
        auto_lock_days: input.autoLockDays ?? before.auto_lock_days,
        version: before.version + 1,
        updated_at: now.toISOString(),
      })
      .where('id', '=', before.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) {
      throw conflict(
        'Сведения об организации уже изменил другой пользователь. Проверьте их и сохраните снова',
        details(await loadRow(trx), ctx.settings.get()),
      );
    }
    await audit(trx, ctx.session, now, {
      action: 'institution.update',
      entity: 'institution',
      entityId: before.id,
      before: {
        fullName: before.full_name,
        shortName: before.short_name,
        address: before.address,
        directorName: before.director_name,
        marksEnabled: before.marks_enabled === 1,
        markScale: before.mark_scale,
        correctionDays: before.correction_days,
        autoLockDays: before.auto_lock_days,
        signatures: details(before, ctx.settings.get()).signatures,
      },
      after: {
        fullName: input.fullName,
        shortName: input.shortName,
        address: input.address,
        directorName: input.directorName,
        marksEnabled: marksEnabled === 1,
        markScale,
        correctionDays: input.correctionDays ?? before.correction_days,
        autoLockDays: input.autoLockDays ?? before.auto_lock_days,
        signatures: input.signatures,
      },
    });
    return loadRow(trx);
  });
  // The single-signer fields hold names as printed («Тучин В. М.»): what signature blocks read.
  const first = input.signatures.deputies[0];
  const settings = ctx.settings.update({
    signatures: {
      directorPosition: input.signatures.directorPosition,
      directorName: shortName(input.directorName),
      deputies: input.signatures.deputies,
      ...(first ? { deputyPosition: first.position, deputyName: shortName(first.name) } : { deputyName: '' }),
      secretaryPosition: input.signatures.secretaryPosition,
      secretaryName: input.signatures.secretaryName,
    },
  });
  return details(row, settings);
}
