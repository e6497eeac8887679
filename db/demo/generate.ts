// The demo institution, start to finish: build the model in memory, then write it in one
// transaction — structure first, then two years of lessons streamed day by day.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { localIsoDate } from '../../electron/domain/calendar.js';
import { wordsOf } from '../../electron/domain/vocabulary.js';
import { hashPassword } from '../passwords.js';
import { separateClashes } from './centre.js';
import { buildExcuses, writeCorrections, writeRemarks } from './extras.js';
import { writeFinalMarks } from './finals.js';
import { Inserter } from './insert.js';
import { assignCurators, assignTeachers, buildCatalogue, buildUnits, demandOf, familyOf } from './journals.js';
import { writeLessons, type LessonStats } from './lessons.js';
import { Ids, type DemoCounts, type DemoOptions, type PersonM, type Settings, type TeacherM } from './model.js';
import { fullName, initials } from './names.js';
import { Rng } from './random.js';
import { assignLogins, buildStaff, buildTeachers, DEMO_PASSWORD } from './staff.js';
import { buildStructure } from './structure.js';
import { buildStudents } from './students.js';
import { buildPlans, buildTimetable } from './timetable.js';
import { CENTRE_BELLS, COLLEGE_BELLS, writeStructure } from './write.js';

function settingsOf(options: DemoOptions): Settings {
  const whole = (value: number | undefined, fallback: number, min: number, max: number) =>
    Math.min(max, Math.max(min, Math.round(value ?? fallback)));
  const kind = options.kind ?? 'college';
  const college = kind === 'college';
  // A centre like the seed's (000): about 600 children in 40 объединения of 5 направленностей, 25 педагогов.
  const groups = whole(options.groups, college ? 12 : 40, 1, 500);
  const today = options.today ?? localIsoDate(new Date());
  const real = /^\d{4}-\d{2}-\d{2}$/.test(today) && !Number.isNaN(Date.parse(`${today}T00:00:00Z`));
  if (!real || new Date(`${today}T00:00:00Z`).toISOString().slice(0, 10) !== today)
    throw new Error(`Неверная дата «${today}»: нужна ГГГГ-ММ-ДД`);
  return {
    seed: Math.trunc(options.seed ?? 1) >>> 0,
    students: whole(options.students, college ? 300 : 600, groups, 100_000),
    groups,
    departments: whole(options.departments, college ? 3 : 5, 1, college ? 4 : 5),
    // Enough teachers for three fixed demo roles and for every group's week.
    teachers: whole(
      options.teachers,
      college ? Math.round((groups * 10) / 3) : Math.min(Math.ceil(groups * 0.75) + 2, Math.ceil(groups * 0.6) + 1),
      Math.max(6, Math.ceil(groups * (kind === 'college' ? 0.9 : 0.3))),
      10_000,
    ),
    today,
    kind,
    progress: options.onProgress ?? (() => undefined),
  };
}

export async function generateDemo(db: Kysely<Database>, options: DemoOptions = {}): Promise<DemoCounts> {
  const settings = settingsOf(options);
  if (await db.selectFrom('institution').select('id').executeTakeFirst()) {
    throw new Error('В базе данных уже есть учреждение: демонстрационные данные можно создать только в пустой базе');
  }
  const college = settings.kind === 'college';
  const progress = settings.progress;
  // One scrypt hash (~50 ms) shared by every demo user: hashing each of 2,000 users would take minutes.
  // Its salt is random, so password_hash is the one column that differs between two runs.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids = new Ids();
  const rng = new Rng(settings.seed, 'demo');

  const w = wordsOf(settings.kind);
  progress(`Учреждение, ${w.term('department', 'nom', 'many')}, ${w.term('group', 'nom', 'many')}`);
  const st = buildStructure(settings, ids, rng.fork('structure'));
  const staff = buildStaff(settings, ids, rng.fork('staff'));
  progress(`${college ? 'Студенты' : 'Обучающиеся'} и приказы`);
  const people = buildStudents(settings, ids, rng.fork('students'), st);
  const cat = buildCatalogue(settings, ids, st);
  const journals = buildUnits(settings, ids, rng.fork('units'), st, cat);
  const current = st.groups.filter((g) => g.year === st.currentYear);
  const previous = st.groups.filter((g) => g.year === st.previousYear);

  progress(`${w.Short('teacher', 'nom', 'many')}, ${w.short('curator', 'nom', 'many')}, ` + 'заведующие');
  const teachers = buildTeachers(settings, ids, rng.fork('teachers'), demandOf(current));
  const demoFamilies = people.demoGroup.units.map((u) =>
    u.journals.length === 1 ? familyOf(u.subject, people.demoGroup) : '',
  );
  const demoFamily =
    demoFamilies.find((f) => f === 'math' && teachers.some((t) => t.family === f)) ??
    demoFamilies.find((f) => f && teachers.some((t) => t.family === f));
  const demoTeacher = teachers.find((t) => t.family === demoFamily) ?? teachers[0]!;
  assignTeachers(current, teachers, rng.fork('assign-current'), {
    teacher: demoTeacher,
    group: people.demoGroup,
    target: college ? 14 : 6,
  });
  assignTeachers(previous, teachers, rng.fork('assign-previous'), null);
  assignCurators(current, teachers, new Set([demoTeacher.id]), people.demoGroup);
  for (const g of current) if (g.previous) g.previous.curatorId = g.curatorId;
  assignCurators(
    previous.filter((g) => g.curatorId === 0),
    teachers,
    new Set([demoTeacher.id]),
    null,
    previous.filter((g) => g.curatorId !== 0),
  );
  const demoCurator = teachers.find((t) => t.id === people.demoGroup.curatorId)!;
  const heads = new Map<number, TeacherM>();
  for (const d of [people.demoGroup.dept, ...st.depts.filter((x) => x !== people.demoGroup.dept)]) {
    const taken = new Set([demoTeacher.id, demoCurator.id, ...[...heads.values()].map((t) => t.id)]);
    const own = (t: TeacherM) =>
      college
        ? t.family === d.def.family
        : current.some((g) => g.dept === d && g.units.some((u) => u.journals.some((j) => j.teacherId === t.id)));
    const head =
      teachers.find((t) => !taken.has(t.id) && own(t)) ?? teachers.find((t) => !taken.has(t.id)) ?? teachers[0]!;
    heads.set(d.id, head);
    d.headId = head.id;
    head.position = college
      ? 'заведующий отделением, преподаватель'
      : 'заведующий отделом, педагог дополнительного образования';
    head.roles.push({ role: 'dept_head', departmentId: d.id, groupId: null });
  }
  for (const g of current)
    teachers.find((t) => t.id === g.curatorId)!.roles.push({ role: 'curator', departmentId: null, groupId: g.id });
  const fixed = new Map<number, string>([
    [demoTeacher.id, 'teacher'],
    [demoCurator.id, 'curator'],
  ]);
  const demoHead = heads.get(people.demoGroup.dept.id)!;
  if (!fixed.has(demoHead.id)) fixed.set(demoHead.id, 'depthead');
  assignLogins(teachers, fixed);

  const s0 = people.demoStudent;
  const studentUser: PersonM = {
    id: ids.take('users'),
    sex: s0.sex,
    last: s0.last,
    first: s0.first,
    middle: s0.middle,
    login: 'student',
    position: null,
    roles: [{ role: 'student', departmentId: null, groupId: null }],
  };
  s0.userId = studentUser.id;
  const mother = people.guardians.find((g) => g.id === people.demoGuardianId)!;
  const [mLast, mFirst, ...mRest] = mother.full_name.split(' ');
  const parentUser: PersonM = {
    id: ids.take('users'),
    sex: 'f',
    last: mLast!,
    first: mFirst!,
    middle: mRest.join(' ') || null,
    login: 'parent',
    position: null,
    roles: [{ role: 'parent', departmentId: null, groupId: null }],
  };
  mother.user_id = parentUser.id;

  progress('Расписание и тематические планы');
  const teacherMap = new Map(teachers.map((t) => [t.id, t]));
  const entriesPrev = buildTimetable(
    settings,
    ids,
    rng.fork('timetable-previous'),
    st.previousYear,
    previous,
    teacherMap,
    null,
  );
  const entriesCur = buildTimetable(
    settings,
    ids,
    rng.fork('timetable-current'),
    st.currentYear,
    current,
    teacherMap,
    demoTeacher.id,
  );
  if (!college) separateClashes(people, entriesCur, st.currentYear, rng.fork('clashes'));
  buildPlans(ids, rng.fork('plans'), journals);
  const excuses = buildExcuses(ids, rng.fork('excuses'), settings.today, people.students, people.enrolments, {
    student: s0,
    parentUserId: parentUser.id,
    year: st.currentYear,
  });

  const director = staff.find((u) => u.login === 'director')!;
  const deputy = staff.find((u) => u.login === 'deputy')!;
  const users = [...staff, ...teachers, studentUser, parentUser];
  return db.transaction().execute(async (trx) => {
    const out = new Inserter(trx);
    writeStructure(out, {
      settings,
      st,
      cat,
      users,
      passwordHash,
      directorName: initials(director),
      students: people.students,
      enrolments: people.enrolments,
      guardians: people.guardians,
      demoGuardianId: people.demoGuardianId,
      journals,
      entries: [...entriesPrev, ...entriesCur],
      excuses,
    });
    await out.flush();
    const bells = college ? COLLEGE_BELLS : CENTRE_BELLS;
    const bellEnds = [0, ...bells.map((b) => Number(b.to.slice(0, 2)) * 60 + Number(b.to.slice(3)))];
    const stats: LessonStats[] = [];
    for (const [year, entries] of [
      [st.previousYear, entriesPrev],
      [st.currentYear, entriesCur],
    ] as const) {
      stats.push(
        await writeLessons({
          ids,
          rng: rng.fork(`lessons-${year.title}`),
          seed: settings.seed,
          out,
          year,
          entries,
          teachers: teacherMap,
          students: people.students,
          marksEnabled: college,
          bellEnds,
          utcOffsetHours: college ? 5 : 3,
          progress,
        }),
      );
      if (college) writeFinalMarks(out, ids, year, journals, stats.at(-1)!, settings.today, teacherMap);
      await out.flush();
    }
    progress('Замечания и итоги');
    writeRemarks(
      out,
      ids,
      rng.fork('remarks'),
      settings.today,
      { current: st.currentYear, previous: st.previousYear },
      journals,
      { previous: stats[0]!, current: stats[1]! },
      deputy.id,
      demoTeacher.id,
    );
    writeCorrections(out, ids, settings.today, st.currentYear, journals, deputy.id, demoTeacher.id, w);
    await out.flush();
    const counts: DemoCounts = {
      departments: out.count('departments'),
      groups: out.count('groups'),
      teachers: teachers.length,
      students: out.count('students'),
      parents: out.count('guardians'),
      users: out.count('users'),
      subjects: out.count('subjects'),
      journals: out.count('journals'),
      planTopics: out.count('plan_topics'),
      timetableEntries: out.count('timetable'),
      lessons: out.count('lessons'),
      marks: out.count('marks'),
      attendance: out.count('attendance'),
      finalMarks: out.count('final_marks'),
      remarks: out.count('remarks'),
      enrolmentOrders: out.count('enrolments'),
    };
    const admin = staff.find((u) => u.login === 'admin')!;
    out.add('audit_log', {
      id: 1,
      at: `${settings.today}T05:00:00.000Z`,
      user_id: admin.id,
      login: admin.login,
      action: 'demo.generate',
      entity: 'institution',
      entity_id: '1',
      journal_id: null,
      student_id: null,
      before: null,
      after: JSON.stringify({ seed: settings.seed, kind: settings.kind, director: fullName(director), ...counts }),
    });
    await out.flush();
    await out.resetSequences();
    progress('Готово');
    return counts;
  });
}
