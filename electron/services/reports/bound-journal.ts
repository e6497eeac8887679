// The bound journal of a group for the year (issue 15, part 6): every journal of the group — by subject, then
// subgroup — for the whole academic year with its final marks, between a title page with contents and the closing
// sheet the director signs (electron/export/bound-journal.ts).
import type { FileOutput } from '../../api/contract.js';
import { PDF_MIME } from '../../api/contract.js';
import { AppError } from '../../api/errors.js';
import { boundJournalPdf } from '../../export/bound-journal.js';
import { shortName } from '../../export/pdf/index.js';
import { finalMarks } from '../archive/year-data.js';
import { fileOutput, safeFileName } from '../files.js';
import { fullName } from '../session.js';
import { signatures, type DocumentDeps } from './documents.js';
import { loadJournalPages } from './journal-copy.js';
import type { Progress } from './keeping.js';

export async function boundJournalFile(
  deps: DocumentDeps,
  groupId: number,
  progress: Progress = () => undefined,
): Promise<FileOutput> {
  const { db } = deps;
  const group = await db
    .selectFrom('groups as g')
    .innerJoin('academic_years as y', 'y.id', 'g.year_id')
    .leftJoin('departments as d', 'd.id', 'g.department_id')
    .leftJoin('users as c', 'c.id', 'g.curator_user_id')
    .select([
      'g.id',
      'g.name',
      'g.course',
      'g.speciality',
      'y.id as year_id',
      'y.title as year_title',
      'y.starts_on',
      'y.ends_on',
      'd.name as department',
      'c.last_name',
      'c.first_name',
      'c.middle_name',
    ])
    .where('g.id', '=', groupId)
    .executeTakeFirst();
  if (!group) throw new AppError('not_found', 'Группа не найдена');
  const journals = await db
    .selectFrom('journals as j')
    .innerJoin('subjects as s', 's.id', 'j.subject_id')
    .leftJoin('subgroups as sg', 'sg.id', 'j.subgroup_id')
    .select(['j.id'])
    .where('j.group_id', '=', groupId)
    .orderBy('s.code')
    .orderBy('s.name')
    .orderBy('sg.number')
    .orderBy('j.id')
    .execute();
  if (journals.length === 0) throw new AppError('bad_request', `У группы ${group.name} нет журналов за учебный год`);
  const title = `${group.year_title} учебный год`;
  const loaded = [];
  for (const [i, j] of journals.entries()) {
    progress(`Журнал ${i + 1} из ${journals.length}`, i, journals.length + 1);
    loaded.push({
      pages: await loadJournalPages(db, j.id, group.starts_on, group.ends_on, title),
      finals: await finalMarks(db, j.id, group.year_id),
    });
  }
  progress('Формирование PDF', journals.length, journals.length + 1);
  const sign = await signatures(db, deps.settings);
  const inst = await db.selectFrom('institution').select(['full_name']).executeTakeFirst();
  const { pdf } = await boundJournalPdf({
    institution: inst?.full_name ?? sign.institution,
    institutionShort: sign.institution,
    kind: sign.kind,
    groupName: group.name,
    course: group.course,
    departmentName: group.department ?? null,
    speciality: group.speciality,
    curatorName: group.last_name
      ? shortName(
          fullName({ last_name: group.last_name, first_name: group.first_name ?? '', middle_name: group.middle_name }),
        )
      : null,
    yearTitle: group.year_title,
    journals: loaded,
    director: sign.director,
    formedAt: deps.now,
  });
  return fileOutput(
    safeFileName(`Журнал группы ${group.name} ${group.year_title.replace('/', '-')}.pdf`),
    PDF_MIME,
    pdf,
  );
}
