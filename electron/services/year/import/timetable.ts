// The timetable from Excel: group, weekday, lesson number, week, subject (and subgroup or teacher
// when the subject has several journals), room. Each row is checked against the timetable already
// in the year and against the rows above it: a teacher, room or group in two places is refused.
import type { WeekParity } from '../../../../db/schema.js';
import type { Words } from '../../../domain/vocabulary.js';
import type { Db } from '../../context.js';
import { institutionWords } from '../../words.js';
import { shortName } from '../../session.js';
import { normalizeCode } from '../codes.js';
import type { YearRow } from '../common.js';
import { roomKey, slotEntries, SlotIndex, slotWords, type SlotEntry } from '../clashes.js';
import { lessonsPerDay } from '../days.js';
import type { Row } from './cells.js';
import type { Importer } from './framework.js';
import { importYear } from './students.js';
import { withJournalNames } from '../../journal-names.js';

interface JournalRef {
  id: number;
  groupId: number;
  groupName: string;
  subjectCode: string | null;
  subjectName: string;
  subgroupId: number | null;
  subgroupNumber: number | null;
  teacherId: number;
  teacherName: string;
  teacherKeys: string[];
}

interface Context {
  year: YearRow;
  perDay: number;
  journals: JournalRef[];
  index: SlotIndex;
  existing: SlotEntry[];
  groups: Map<string, string>;
  words: Words;
}

export type TimetableRow = SlotEntry;

const WEEKDAYS: Array<[RegExp, number]> = [
  [/^(1|пн|пон)/, 1],
  [/^(2|вт)/, 2],
  [/^(3|ср)/, 3],
  [/^(4|чт|чет)/, 4],
  [/^(5|пт|пят)/, 5],
  [/^(6|сб|суб)/, 6],
  [/^(7|вс|воск)/, 7],
];
const PARITY: Array<[RegExp, WeekParity]> = [
  [/^(все|кажд|еженед|$)/, 'all'],
  [/^(неч|1$|i$)/, 'odd'],
  [/^(чет|чёт|2$|ii$)/, 'even'],
];
/** «Иванова О.П.», «иванова о. п.» and «Иванова Ольга Петровна» compared without spaces, dots, case and ё. */
const personKey = (text: string) =>
  text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[\s.]+/g, '');
const groupKey = (name: string) => name.toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, '');

async function journalsOf(db: Db, yearId: number): Promise<JournalRef[]> {
  const rows = await db
    .selectFrom('journals as j')
    .$call(withJournalNames)
    .select([
      'j.id',
      'j.group_id',
      'g.name',
      's.code',
      's.name as subject',
      'j.subgroup_id',
      'sg.number',
      'j.teacher_user_id',
      't.login',
      't.last_name',
      't.first_name',
      't.middle_name',
    ])
    .where('j.year_id', '=', yearId)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    groupId: r.group_id,
    groupName: r.name,
    subjectCode: r.code,
    subjectName: r.subject,
    subgroupId: r.subgroup_id,
    subgroupNumber: r.number,
    teacherId: r.teacher_user_id,
    teacherName: shortName(r),
    teacherKeys: [
      r.login.toLowerCase(),
      personKey(`${r.last_name}${r.first_name}${r.middle_name ?? ''}`),
      personKey(shortName(r)),
      personKey(r.last_name),
    ],
  }));
}

export const timetableImporter: Importer<Context, TimetableRow> = {
  list: 'timetable',
  genitive: 'занятий расписания',
  localize: (w) =>
    w.kind === 'college'
      ? {}
      : {
          group: { header: w.Term('group'), example: w.kind === 'school' ? '5А' : null },
          subject: { header: w.Term('subject') },
          teacher: {
            header: w.Short('teacher'),
            hint: `ФИО или логин — если у ${w.term('subject', 'gen')} несколько журналов`,
          },
        },
  columns: [
    { key: 'group', header: 'Группа', required: true, hint: 'как в программе', example: 'ЭС-11', width: 12 },
    {
      key: 'weekday',
      header: 'День недели',
      required: true,
      hint: 'понедельник … суббота (или 1–6)',
      example: 'понедельник',
      width: 14,
    },
    {
      key: 'lessonNo',
      header: '№ занятия',
      required: true,
      hint: 'номер по звонкам',
      example: 1,
      type: 'integer',
      width: 10,
    },
    {
      key: 'parity',
      header: 'Неделя',
      hint: 'каждая, нечётная, чётная; пусто — каждая',
      example: 'каждая',
      width: 12,
    },
    {
      key: 'subject',
      header: 'Дисциплина',
      required: true,
      hint: 'код или наименование',
      example: 'ОУД.04 Математика',
      width: 30,
    },
    {
      key: 'subgroup',
      header: 'Подгруппа',
      hint: 'номер, если журнал подгруппы',
      example: null,
      type: 'integer',
      width: 10,
    },
    {
      key: 'teacher',
      header: 'Преподаватель',
      hint: 'ФИО или логин — если у дисциплины несколько журналов',
      example: 'Иванова О. П.',
      width: 22,
    },
    {
      key: 'room',
      header: 'Аудитория',
      hint: 'номер аудитории',
      example: '204',
      width: 10,
    },
  ],

  async prepare(env, options) {
    const year = await importYear(env.db, options.yearId, env.clock.today());
    const groups = await env.db.selectFrom('groups').select(['name']).where('year_id', '=', year.id).execute();
    const existing = await slotEntries(env.db, year.id);
    const words = await institutionWords(env.db);
    return {
      year,
      perDay: await lessonsPerDay(env.db),
      journals: await journalsOf(env.db, year.id),
      index: new SlotIndex(existing, words),
      existing,
      groups: new Map(groups.map((g) => [groupKey(g.name), g.name])),
      words,
    };
  },

  check(row: Row, c, earlier) {
    const w = c.words;
    const missing = (t: 'group' | 'subject') => `не указан${{ f: 'а', m: '', n: 'о' }[w.gender(t)]} ${w.term(t)}`;
    const groupText = row.text('group', { required: missing('group'), max: 40 });
    const group = groupText ? c.groups.get(groupKey(groupText)) : undefined;
    if (groupText && !group)
      row.problem('group', `${w.term('group', 'gen')} «${groupText}» нет в учебном году ${c.year.title}`);
    const dayText = row.text('weekday', { required: 'не указан день недели', max: 20 });
    const weekday = dayText ? WEEKDAYS.find(([re]) => re.test(dayText.toLowerCase()))?.[1] : undefined;
    if (dayText && weekday === undefined)
      row.problem('weekday', `«${dayText}» — не день недели (понедельник … суббота)`);
    const lessonNo = row.integer('lessonNo', { required: 'не указан номер занятия' });
    if (lessonNo !== null && (lessonNo < 1 || lessonNo > c.perDay))
      row.problem('lessonNo', `номер занятия ${lessonNo} вне диапазона: в день от 1 до ${c.perDay} занятий`);
    const parityText = (row.text('parity', { max: 20 }) ?? '').toLowerCase();
    const parity = PARITY.find(([re]) => re.test(parityText))?.[1];
    if (!parity) row.problem('parity', `«${parityText}»: неделя — каждая, нечётная или чётная`);
    const subjectText = row.text('subject', { required: missing('subject'), max: 300 });
    const inGroup = `в ${w.term('group', 'loc')} ${group}`;
    const subgroup = row.integer('subgroup', { min: 1, max: 9 });
    const teacherText = row.text('teacher', { max: 150 });
    const room = row.text('room', { max: 40 });

    let journal: JournalRef | undefined;
    if (group && subjectText) {
      const code = normalizeCode(subjectText.split(' ')[0]);
      const rest = subjectText.includes(' ')
        ? subjectText
            .slice(subjectText.indexOf(' ') + 1)
            .trim()
            .toLowerCase()
        : '';
      const text = subjectText.toLowerCase();
      let candidates = c.journals.filter(
        (j) =>
          j.groupName === group &&
          (j.subjectName.toLowerCase() === text ||
            (j.subjectCode !== null && j.subjectCode === code && (!rest || j.subjectName.toLowerCase() === rest)) ||
            (j.subjectCode !== null && normalizeCode(subjectText) === j.subjectCode)),
      );
      if (candidates.length === 0)
        row.problem(
          'subject',
          `у ${w.term('group', 'gen')} ${group} нет журнала «${subjectText}»: сначала назначьте нагрузку`,
        );
      if (subgroup !== null) {
        candidates = candidates.filter((j) => j.subgroupNumber === subgroup);
        if (candidates.length === 0 && !row.problems.some((p) => p.column === row.header('subject', w.Term('subject'))))
          row.problem('subgroup', `у «${subjectText}» ${inGroup} нет журнала подгруппы ${subgroup}`);
      }
      if (teacherText && candidates.length > 0) {
        const key = teacherText.toLowerCase();
        const byTeacher = candidates.filter(
          (j) => j.teacherKeys.includes(key) || j.teacherKeys.includes(personKey(teacherText)),
        );
        if (byTeacher.length === 0)
          row.problem(
            'teacher',
            `«${subjectText}» ${inGroup} ведёт ` +
              `${[...new Set(candidates.map((j) => j.teacherName))].join(', ')}, а не ${teacherText}`,
          );
        candidates = byTeacher;
      }
      if (candidates.length > 1) {
        const which = candidates
          .map((j) => (j.subgroupNumber ? `подгруппа ${j.subgroupNumber}, ${j.teacherName}` : j.teacherName))
          .join('; ');
        row.problem(
          'subgroup',
          `у «${subjectText}» ${inGroup} несколько журналов (${which}): укажите подгруппу или ` +
            `${w.short('teacher', 'acc')}`,
          'Подгруппа',
        );
      }
      if (candidates.length === 1) journal = candidates[0];
    }
    if (!journal || weekday === undefined || lessonNo === null || !parity || row.problems.length > 0) return null;
    const entry: SlotEntry = {
      id: null,
      groupId: journal.groupId,
      groupName: journal.groupName,
      journalId: journal.id,
      subjectName: journal.subjectName,
      subgroupId: journal.subgroupId,
      subgroupNumber: journal.subgroupNumber,
      teacherUserId: journal.teacherId,
      teacherName: journal.teacherName,
      room,
      weekday,
      lessonNo,
      parity,
      validFrom: c.year.starts_on,
      validTo: null,
    };
    const same = (e: SlotEntry) =>
      e.journalId === entry.journalId &&
      e.weekday === weekday &&
      e.lessonNo === lessonNo &&
      e.parity === parity &&
      roomKey(e.room) === roomKey(room);
    const twin = earlier.find((e) => same(e.value));
    if (twin) {
      row.problem(null, `повтор строки ${twin.row}`);
      return null;
    }
    const clashes = [...c.index.clashes(entry)];
    for (const e of earlier) {
      const inFile = new SlotIndex([e.value], c.words).clashes(entry);
      if (inFile.length > 0) clashes.push(...inFile.map((m) => `${m} (строка ${e.row})`));
    }
    if (c.existing.some(same)) {
      row.problem(null, `это занятие уже есть в расписании (${group}, ${slotWords(entry)})`);
      return null;
    }
    if (clashes.length > 0) {
      row.problem('lessonNo', `накладка: ${clashes.join('; ')}`, '№ занятия');
      return null;
    }
    return entry;
  },

  async write(trx, _env, c, items) {
    const ids: number[] = [];
    for (const { value: e } of items) {
      const row = await trx
        .insertInto('timetable')
        .values({
          year_id: c.year.id,
          group_id: e.groupId,
          weekday: e.weekday,
          lesson_no: e.lessonNo,
          journal_id: e.journalId,
          room: e.room,
          week_parity: e.parity,
          valid_from: e.validFrom,
          valid_to: e.validTo,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    return { created: items.length, updated: 0, ids };
  },
};
