// The mapping of a file's columns to a list's fields, remembered for the next file with the same
// headers (in the database: every seat and the web host share it). Read before the rows are checked;
// written, with its audit row, in the transaction that loads the rows.
import crypto from 'node:crypto';
import type { ImportList } from '../../../api/contract.js';
import { AppError } from '../../../api/errors.js';
import { normaliseHeader, type HeaderField } from '../../../domain/import-headers.js';
import { audit } from '../../audit.js';
import type { Db } from '../../context.js';

export type Mapping = Record<string, string | null>;

/** The same headers in any order, case and punctuation give the same key. */
export function headersKey(headers: string[]): string {
  const norm = [...new Set(headers.map(normaliseHeader))].sort();
  return crypto.createHash('sha256').update(norm.join('\u001f')).digest('hex');
}

/** Refuses (Russian AppError) a mapping that names a column not in the file or a field the list does not have. */
export function checkMapping(mapping: Mapping, headers: string[], fields: HeaderField[]): void {
  const inFile = new Set(headers.map(normaliseHeader));
  const missing = Object.keys(mapping).filter((h) => !inFile.has(normaliseHeader(h)));
  if (missing.length > 0)
    throw new AppError(
      'bad_request',
      `В файле нет ${missing.length === 1 ? 'столбца' : 'столбцов'} ${missing.map((h) => `«${h}»`).join(', ')}. ` +
        `Столбцы файла: ${headers.map((h) => `«${h}»`).join(', ')}. Ничего не загружено.`,
    );
  const keys = new Set(fields.map((f) => f.key));
  const unknown = Object.values(mapping).filter((k): k is string => k !== null && !keys.has(k));
  if (unknown.length > 0)
    throw new AppError(
      'bad_request',
      `Неизвестное поле ${unknown.map((k) => `«${k}»`).join(', ')}. ${validFields(fields)}. Ничего не загружено.`,
    );
}

/** «Допустимые поля: «Фамилия», «Имя», …, «не загружать»». */
export function validFields(fields: HeaderField[]): string {
  return `Допустимые поля: ${[...fields.map((f) => f.header), NOT_LOADED].map((h) => `«${h}»`).join(', ')}`;
}

export const NOT_LOADED = 'не загружать';

export async function loadMapping(
  db: Db,
  list: ImportList,
  headers: string[],
  fields: HeaderField[],
): Promise<Mapping | null> {
  const row = await db
    .selectFrom('import_mappings')
    .select('mapping')
    .where('list', '=', list)
    .where('headers_key', '=', headersKey(headers))
    .executeTakeFirst();
  if (!row) return null;
  const saved = JSON.parse(row.mapping) as Mapping;
  // Only the headers this file has (the key ignores spelling, the mapping is by the header as written).
  const byNorm = new Map(headers.map((h) => [normaliseHeader(h), h]));
  const out: Mapping = {};
  const keys = new Set(fields.map((f) => f.key));
  for (const [h, k] of Object.entries(saved)) {
    const header = byNorm.get(normaliseHeader(h));
    // A field the list no longer has is dropped: the column is then matched (or named) afresh.
    if (header !== undefined && (k === null || keys.has(k))) out[header] = k;
  }
  return out;
}

export async function saveMapping(
  trx: Db,
  who: { userId: number; login: string } | null,
  at: Date,
  list: ImportList,
  headers: string[],
  mapping: Mapping,
): Promise<void> {
  const key = headersKey(headers);
  const before = await trx
    .selectFrom('import_mappings')
    .select(['id', 'mapping'])
    .where('list', '=', list)
    .where('headers_key', '=', key)
    .executeTakeFirst();
  const json = JSON.stringify(mapping);
  if (before?.mapping === json) return;
  const values = {
    headers: JSON.stringify(headers),
    mapping: json,
    updated_at: at.toISOString(),
    updated_by: who?.userId ?? null,
  };
  let id: number;
  if (before) {
    await trx.updateTable('import_mappings').set(values).where('id', '=', before.id).execute();
    id = before.id;
  } else {
    id = (
      await trx
        .insertInto('import_mappings')
        .values({ list, headers_key: key, ...values })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  await audit(trx, who, at, {
    action: 'import.mapping',
    entity: 'import_mappings',
    entityId: id,
    before: before ? JSON.parse(before.mapping) : undefined,
    after: { list, headers, mapping },
  });
}
