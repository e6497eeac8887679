// The «дополнительная общеразвивающая программа» of a centre's объединение as a record of its own (issue 13):
// its направленность, hours a year, years of study, the children's ages and its thematic plan. A programme is
// a subject of kind `programme` with one row here (subjects outlive years, so a programme is kept when the
// year is carried forward); its topics are copied into the plan of each journal that studies it.
import { sql, type Kysely } from 'kysely';
import { withId } from './dialect.js';

// Frozen here: a migration must not change when the domain's list does.
const FOCUSES = ['technical', 'science', 'sport', 'art', 'tourism', 'social'];

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('programmes'))
    .addColumn('subject_id', 'integer', (c) => c.notNull().unique().references('subjects.id').onDelete('cascade'))
    .addColumn('focus', 'text', (c) =>
      c.notNull().check(sql.raw(`focus IN (${FOCUSES.map((f) => `'${f}'`).join(', ')})`)),
    )
    .addColumn('hours_per_year', 'integer', (c) => c.notNull().check(sql`hours_per_year > 0`))
    .addColumn('years', 'integer', (c) => c.notNull().check(sql`years BETWEEN 1 AND 10`))
    .addColumn('age_from', 'integer', (c) => c.notNull())
    .addColumn('age_to', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('programmes_ages', sql`age_from <= age_to`)
    .execute();
  await withId(db, db.schema.createTable('programme_topics'))
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('section', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('hours', 'integer', (c) => c.notNull())
    .addColumn('lesson_kind', 'text', (c) => c.notNull())
    .addUniqueConstraint('programme_topics_programme_seq', ['programme_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('programme_topics').execute();
  await db.schema.dropTable('programmes').execute();
}
