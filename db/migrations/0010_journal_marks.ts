// Marks on or off and the scale, per journal (issue 13): the admin may switch marks on or off and change
// the scale in Settings at any time, and «journals keep what they had» — a journal takes the institution's
// flag and scale when it is created and keeps them. Existing journals take the institution's values now.
// The defaults only serve a row written without them (every insert of the program names both).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('journals')
    .addColumn('marks_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('journals')
    .addColumn('mark_scale', 'text', (c) => c.notNull().defaultTo('5,4,3,2,зач,незач'))
    .execute();
  await sql`update journals set
    marks_enabled = coalesce((select i.marks_enabled from institution i order by i.id limit 1), 1),
    mark_scale = coalesce((select i.mark_scale from institution i order by i.id limit 1), '5,4,3,2,зач,незач')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('journals').dropColumn('mark_scale').execute();
  await db.schema.alterTable('journals').dropColumn('marks_enabled').execute();
}
