// The register of issued copies (issue 15, part 6): every certified copy of journal pages the program makes gets
// the next number, printed on it, and a line here — when, what, to whom, who certified it. The register is kept by
// academic year; a number is never reused.
import type { Kysely } from 'kysely';
import { withId } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('issued_copies'))
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_years.id').onDelete('cascade'))
    .addColumn('journal_id', 'integer', (c) => c.references('journals.id').onDelete('set null'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    // «Копия страниц журнала: ЭС-21 · Математика, 1 семестр 2026/2027 учебного года».
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    // As printed under «Копия верна»: position and name.
    .addColumn('certified_by', 'text', (c) => c.notNull())
    .addColumn('pages', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('issued_copies_year').on('issued_copies').columns(['year_id', 'number']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('issued_copies').execute();
}
