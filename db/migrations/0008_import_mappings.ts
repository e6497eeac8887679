// Import never loses a column (issue 13): the columns of an Excel file the user mapped to fields
// (or chose not to load) are remembered for the next file with the same headers, in the database so
// that every seat and the web host share them. One row per list and set of headers.
import type { Kysely } from 'kysely';
import { withId } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('import_mappings'))
    .addColumn('list', 'text', (c) => c.notNull())
    // SHA-256 of the file's normalised headers, sorted: the same headers in any order and spelling.
    .addColumn('headers_key', 'text', (c) => c.notNull())
    // The headers as they were in the file (JSON array), for people reading the table.
    .addColumn('headers', 'text', (c) => c.notNull())
    // JSON object: header → field key, or null for «не загружать».
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('import_mappings_list_headers', ['list', 'headers_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_mappings').execute();
}
