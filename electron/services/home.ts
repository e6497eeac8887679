// The home page of each role: what needs attention today.
import type { HomeSummary, TodayLesson } from '../api/contract.js';
import { addDays } from '../domain/calendar.js';
import { hasRole, type AuthedContext, type Db } from './context.js';
import { changeInfo, currentPeriod, currentYear, scheduledSlots } from './schedule.js';
import { fullName } from './session.js';
import { archiveYears } from './archive/overview.js';

export async function summary(ctx: AuthedContext): Promise<HomeSummary> {
  const { db, session } = ctx;
  const today = ctx.clock.today();
  const year = await currentYear(db, today);
  const period = year ? await currentPeriod(db, year.id, today) : null;
  const result: HomeSummary = {
    today,
    year: year ? { id: year.id, title: year.title, status: year.status, period: period?.title ?? null } : null,
    todayLessons: [],
    unfilledLessons: 0,
    openRemarks: 0,
    overdueRemarks: 0,
    journalsBehind: 0,
    counts: null,
    archives: [],
    archiveDue: [],
    children: [],
  };
  if (year && hasRole(session, 'teacher')) {
    result.todayLessons = await todayLessons(db, session.userId, year.id, year.starts_on, today);
    const from = period?.starts_on ?? year.starts_on;
    if (from < today) {
      const slots = await scheduledSlots(db, {
        yearId: year.id,
        yearStart: year.starts_on,
        from,
        to: addDays(today, -1),
        teacherId: session.userId,
      });
      // The journals of the slots: the teacher's own and those they substitute in.
      const journalIds = [...new Set(slots.map((s) => s.journalId))];
      const held = new Set(
        journalIds.length === 0
          ? []
          : (
              await db
                .selectFrom('lessons as l')
                .select(['l.journal_id', 'l.date', 'l.lesson_no'])
                .where('l.journal_id', 'in', journalIds)
                .where('l.date', '>=', from)
                .where('l.date', '<', today)
                .execute()
            ).map((l) => `${l.journal_id}|${l.date}|${l.lesson_no}`),
      );
      result.unfilledLessons = slots.filter((s) => !held.has(`${s.journalId}|${s.date}|${s.lessonNo}`)).length;
    }
    const remarks = await remarkCounts(db, today, session.userId);
    result.openRemarks = remarks.open;
    result.overdueRemarks = remarks.overdue;
  }
  if (year && hasRole(session, 'deputy', 'director')) {
    const remarks = await remarkCounts(db, today, null);
    result.openRemarks = remarks.open;
    result.overdueRemarks = remarks.overdue;
    if (period) result.journalsBehind = await journalsBehind(db, year.id, period, today);
  }
  if (year && hasRole(session, 'admin')) {
    const count = async (table: 'groups' | 'journals') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('year_id', '=', year.id)
            .executeTakeFirst()
        )?.n ?? 0,
      );
    const students = await db
      .selectFrom('enrolments as e')
      .innerJoin('groups as g', 'g.id', 'e.group_id')
      .select((eb) => eb.fn.count<number>('e.student_id').distinct().as('n'))
      .where('g.year_id', '=', year.id)
      .where('e.from_date', '<=', today)
      .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', today)]))
      .executeTakeFirst();
    const users = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('active', '=', 1)
      .executeTakeFirst();
    result.counts = {
      groups: await count('groups'),
      journals: await count('journals'),
      students: Number(students?.n ?? 0),
      users: Number(users?.n ?? 0),
    };
  }
  if (hasRole(session, 'secretary', 'deputy', 'director', 'admin')) {
    const schedule = ctx.settings.get().archive;
    const years = await archiveYears(db, today, schedule.dueDate);
    result.archives = years.map((y) => ({
      yearTitle: y.title,
      status: y.status,
      dueOn: y.dueOn,
      state: y.state,
      archivedAt: y.store?.createdAt ?? null,
      verified: y.store?.verifyOk ?? false,
      transferredAt: y.transfers[0]?.createdAt ?? null,
      transferVerified: y.transfers.some((t) => t.verifyOk),
    }));
    if (hasRole(session, 'secretary') && schedule.mode !== 'off') {
      result.archiveDue = years
        .filter((y) => y.state === 'due' || y.state === 'waiting_close')
        .map((y) => ({ yearTitle: y.title, dueOn: y.dueOn, waitingClose: y.state === 'waiting_close' }));
    }
  }
  if (hasRole(session, 'student', 'parent'))
    result.children = await children(db, session.userId, session.studentId, today);
  return result;
}

async function todayLessons(
  db: Db,
  teacherId: number,
  yearId: number,
  yearStart: string,
  today: string,
): Promise<TodayLesson[]> {
  // With the lessons cancelled, moved away or given to a substitute: shown as such.
  const slots = await scheduledSlots(db, { yearId, yearStart, from: today, to: today, teacherId, withOff: true });
  if (slots.length === 0) return [];
  const journals = await db
    .selectFrom('journals as j')
    .innerJoin('groups as g', 'g.id', 'j.group_id')
    .innerJoin('subjects as s', 's.id', 'j.subject_id')
    .leftJoin('subgroups as sg', 'sg.id', 'j.subgroup_id')
    .select(['j.id', 'g.name as group', 's.name as subject', 'sg.number as subgroup'])
    .where(
      'j.id',
      'in',
      slots.map((s) => s.journalId),
    )
    .execute();
  const lessons = await db
    .selectFrom('lessons')
    .select(['id', 'journal_id', 'lesson_no'])
    .where('date', '=', today)
    .where(
      'journal_id',
      'in',
      slots.map((s) => s.journalId),
    )
    .execute();
  return slots.map((s) => {
    const j = journals.find((x) => x.id === s.journalId)!;
    return {
      journalId: s.journalId,
      lessonNo: s.lessonNo,
      groupName: j.subgroup ? `${j.group} (подгр. ${j.subgroup})` : j.group,
      subjectName: j.subject,
      room: s.room,
      lessonId: lessons.find((l) => l.journal_id === s.journalId && l.lesson_no === s.lessonNo)?.id ?? null,
      change: s.change ? changeInfo(s.change) : null,
      off: Boolean(s.off),
    };
  });
}

async function remarkCounts(db: Db, today: string, teacherId: number | null) {
  let q = db
    .selectFrom('remarks as r')
    .innerJoin('journals as j', 'j.id', 'r.journal_id')
    .select(['r.due_on'])
    .where('r.status', 'in', ['open', 'reopened']);
  if (teacherId !== null) q = q.where('j.teacher_user_id', '=', teacherId);
  const rows = await q.execute();
  return { open: rows.length, overdue: rows.filter((r) => r.due_on < today).length };
}

/** Journals whose conducted hours lag the share of the period already gone by more than two hours. */
async function journalsBehind(
  db: Db,
  yearId: number,
  period: { id: number; starts_on: string; ends_on: string },
  today: string,
) {
  const planned = await db
    .selectFrom('journal_period_hours as h')
    .innerJoin('journals as j', 'j.id', 'h.journal_id')
    .select(['h.journal_id', 'h.hours'])
    .where('h.period_id', '=', period.id)
    .where('j.year_id', '=', yearId)
    .execute();
  const held = await db
    .selectFrom('lessons')
    .select(['journal_id', (eb) => eb.fn.sum<number>('hours').as('hours')])
    .where('date', '>=', period.starts_on)
    .where('date', '<=', today)
    .groupBy('journal_id')
    .execute();
  const heldBy = new Map(held.map((h) => [h.journal_id, Number(h.hours)]));
  const span = Math.max(1, Date.parse(period.ends_on) - Date.parse(period.starts_on));
  const share = Math.min(1, Math.max(0, (Date.parse(today) - Date.parse(period.starts_on)) / span));
  return planned.filter((p) => (heldBy.get(p.journal_id) ?? 0) < p.hours * share - 2).length;
}

async function children(db: Db, userId: number, ownStudentId: number | null, today: string) {
  const ids = new Set<number>();
  if (ownStudentId) ids.add(ownStudentId);
  for (const g of await db.selectFrom('guardians').select('student_id').where('user_id', '=', userId).execute())
    ids.add(g.student_id);
  if (ids.size === 0) return [];
  const students = await db
    .selectFrom('students')
    .select(['id', 'last_name', 'first_name', 'middle_name'])
    .where('id', 'in', [...ids])
    .orderBy('last_name')
    .execute();
  const groups = await db
    .selectFrom('enrolments as e')
    .innerJoin('groups as g', 'g.id', 'e.group_id')
    .select(['e.student_id', 'g.name'])
    .where('e.student_id', 'in', [...ids])
    .where('e.from_date', '<=', today)
    .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', today)]))
    .orderBy('e.from_date')
    .orderBy('e.id')
    .execute();
  // A centre's child may be in several объединения today: all of them, as on the family page.
  return students.map((s) => ({
    studentId: s.id,
    fullName: fullName(s),
    groupName: [...new Set(groups.filter((g) => g.student_id === s.id).map((g) => g.name))].join('; ') || null,
  }));
}
