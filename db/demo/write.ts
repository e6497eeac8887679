// Rows of everything but the lessons, from the in-memory model, in foreign-key order.
import type { Insertable } from 'kysely';
import { DEFAULT_MARK_SCALE } from '../../electron/domain/scale.js';
import type { AbsenceExcuseTable, GuardianTable } from '../schema.js';
import type { Catalogue } from './journals.js';
import type { Inserter } from './insert.js';
import type { EnrolM, EntryM, JournalM, PersonM, Settings, StudentM } from './model.js';
import type { Structure } from './structure.js';
import { writeProgrammes } from './programmes.js';
import { demoMail } from './mail.js';

export interface Bell {
  no: number;
  from: string;
  to: string;
}

export const COLLEGE_BELLS: Bell[] = [
  ['08:30', '10:00'],
  ['10:10', '11:40'],
  ['12:10', '13:40'],
  ['13:50', '15:20'],
  ['15:30', '17:00'],
  ['17:10', '18:40'],
  ['18:50', '20:20'],
  ['20:30', '22:00'],
].map(([from, to], i) => ({ no: i + 1, from: from!, to: to! }));

export const CENTRE_BELLS: Bell[] = [
  ['09:00', '10:30'],
  ['10:45', '12:15'],
  ['13:00', '14:30'],
  ['14:45', '16:15'],
  ['16:30', '18:00'],
  ['18:15', '19:45'],
  ['20:00', '21:30'],
  ['21:40', '22:00'],
].map(([from, to], i) => ({ no: i + 1, from: from!, to: to! }));

export interface WriteInput {
  settings: Settings;
  st: Structure;
  cat: Catalogue;
  users: PersonM[];
  passwordHash: string;
  directorName: string;
  students: StudentM[];
  enrolments: EnrolM[];
  guardians: Array<Insertable<GuardianTable> & { id: number }>;
  /** The demo parent's guardian row (subscribed to every letter). */
  demoGuardianId: number;
  journals: JournalM[];
  entries: EntryM[];
  excuses: Array<Insertable<AbsenceExcuseTable> & { id: number }>;
}

export function writeStructure(out: Inserter, w: WriteInput): void {
  const { settings, st } = w;
  const college = settings.kind === 'college';
  const stamp = `${settings.today}T05:00:00.000Z`;
  out.add('institution', {
    id: 1,
    full_name: college
      ? 'Государственное бюджетное профессиональное образовательное учреждение «Южноуральский энергетический техникум»'
      : 'Муниципальное автономное учреждение дополнительного образования «Центр развития творчества детей и юношества»',
    short_name: college ? 'ГБПОУ «ЮЭТ»' : 'МАУ ДО ЦРТДиЮ',
    kind: settings.kind,
    director_name: w.directorName,
    address: college
      ? '457040, Челябинская область, г. Южноуральск, ул. Энергетиков, д. 5'
      : '184042, Мурманская область, г. Кандалакша, ул. Пионерская, д. 12',
    mark_scale: DEFAULT_MARK_SCALE,
    marks_enabled: college ? 1 : 0,
    period_kind: college ? 'semester' : 'half_year',
    lessons_per_day: 8,
    updated_at: stamp,
    version: 1,
  });
  for (const b of college ? COLLEGE_BELLS : CENTRE_BELLS)
    out.add('bells', { lesson_no: b.no, starts_at: b.from, ends_at: b.to });

  const created = `${st.previousYear.startYear}-08-20T05:00:00.000Z`;
  for (const u of w.users) {
    out.add('users', {
      id: u.id,
      login: u.login,
      login_key: u.login.toLowerCase(),
      password_hash: w.passwordHash,
      last_name: u.last,
      first_name: u.first,
      middle_name: u.middle,
      position: u.position,
      phone: null,
      email: u.roles.some((r) => r.role === 'student' || r.role === 'parent')
        ? null
        : `${u.login}@${college ? 'yuet' : 'crtdiu'}.example`,
      active: 1,
      must_change_password: 0,
      failed_attempts: 0,
      locked_until: null,
      last_login_at: null,
      created_at: created,
      updated_at: created,
      version: 1,
    });
  }
  for (const d of st.depts) out.add('departments', { id: d.id, name: d.def.name, short_name: d.def.short, version: 1 });
  for (const y of [st.previousYear, st.currentYear]) {
    out.add('academic_years', {
      id: y.id,
      title: y.title,
      starts_on: y.start,
      ends_on: y.end,
      status: y.current ? 'open' : 'closed',
      closed_at: y.current ? null : `${y.end}T12:00:00.000Z`,
      version: 1,
    });
    for (const p of y.periods) {
      out.add('periods', {
        id: p.id,
        year_id: y.id,
        kind: college ? 'semester' : 'half_year',
        seq: p.seq,
        title: p.title,
        starts_on: p.start,
        ends_on: p.end,
        locked: p.locked,
        version: 1,
      });
    }
  }
  for (const s of w.cat.subjects)
    out.add('subjects', { id: s.id, code: s.def.code, name: s.def.name, kind: s.def.kind, parent_id: s.parentId });
  writeProgrammes(out, w.cat);
  for (const g of st.groups) {
    out.add('groups', {
      id: g.id,
      year_id: g.year.id,
      name: g.name,
      course: g.course,
      department_id: g.dept.id,
      curator_user_id: g.curatorId,
      programme_subject_id: g.programmeSubjectId,
      previous_group_id: g.previous?.id ?? null,
      speciality: g.stream.code ? `${g.stream.code} ${g.stream.name}` : null,
      version: 1,
    });
  }
  let roleId = 0;
  for (const u of w.users) {
    for (const r of u.roles)
      out.add('user_roles', {
        id: ++roleId,
        user_id: u.id,
        role: r.role,
        department_id: r.departmentId,
        group_id: r.groupId,
      });
  }
  for (const g of st.groups)
    for (const sg of g.subgroups)
      out.add('subgroups', { id: sg.id, group_id: g.id, number: sg.number, title: `${sg.number} подгруппа` });
  const firstOrder = new Map<number, string>();
  for (const e of w.enrolments) if (!firstOrder.has(e.student.id)) firstOrder.set(e.student.id, e.orderDate);
  for (const s of w.students) {
    const at = `${firstOrder.get(s.id) ?? st.previousYear.start}T06:00:00.000Z`;
    out.add('students', {
      id: s.id,
      last_name: s.last,
      first_name: s.first,
      middle_name: s.middle,
      birth_date: s.birth,
      personal_file_no: s.fileNo,
      phone: s.phone,
      email: s.email,
      address: s.address,
      notes: s.notes,
      user_id: s.userId,
      created_at: at,
      updated_at: at,
      version: 1,
    });
  }
  for (const g of st.groups)
    for (const sg of g.subgroups) {
      for (const id of [...sg.members].sort((a, b) => a - b))
        out.add('subgroup_students', { subgroup_id: sg.id, student_id: id });
    }
  const subscriptions = demoMail(w.guardians, w.demoGuardianId, settings.today);
  for (const row of w.guardians) out.add('guardians', row);
  for (const row of subscriptions) out.add('mail_subscriptions', row);
  for (const e of w.enrolments) {
    out.add('enrolments', {
      id: e.id,
      student_id: e.student.id,
      group_id: e.group.id,
      from_date: e.from,
      until_date: e.until,
      reason: e.reason,
      order_no: e.orderNo,
      order_date: e.orderDate,
      end_reason: e.endReason,
      end_order_no: e.endOrderNo,
      end_order_date: e.endOrderDate,
      version: 1,
    });
  }
  for (const j of w.journals) {
    out.add('journals', {
      id: j.id,
      year_id: j.group.year.id,
      group_id: j.group.id,
      subject_id: j.subject.id,
      subgroup_id: j.subgroup?.id ?? null,
      teacher_user_id: j.teacherId,
      // A journal keeps the institution's marks and scale of when it was made (migration 0010).
      marks_enabled: college ? 1 : 0,
      mark_scale: DEFAULT_MARK_SCALE,
      version: 1,
    });
  }
  for (const j of w.journals) {
    j.group.year.periods.forEach((p, i) =>
      out.add('journal_period_hours', { journal_id: j.id, period_id: p.id, hours: j.periodSlots[i]! * 2 }),
    );
  }
  for (const j of w.journals) {
    j.topics.forEach((t, i) =>
      out.add('plan_topics', {
        id: t.id,
        journal_id: j.id,
        seq: i + 1,
        section: t.section,
        title: t.title,
        hours: 2,
        lesson_kind: t.kind,
        homework: t.homework,
      }),
    );
  }
  for (const e of w.entries) {
    const y = e.journal.group.year;
    out.add('timetable', {
      id: e.id,
      year_id: y.id,
      group_id: e.journal.group.id,
      weekday: e.weekday,
      lesson_no: e.lessonNo,
      journal_id: e.journal.id,
      room: e.room,
      week_parity: e.parity,
      valid_from: y.start,
      valid_to: y.periods.at(-1)!.end,
      version: 1,
    });
  }
  for (const row of w.excuses) out.add('absence_excuses', row);
}
