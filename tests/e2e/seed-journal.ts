// A large journal written straight into a test's copy of the demo database: N students × M lessons
// of the demo teacher, with marks and absences, to measure the grid's rendering in the browser.
import Database from 'better-sqlite3';

export interface SeededJournal {
  journalId: number;
  students: number;
  lessons: number;
  marks: number;
}

export function seedBigJournal(
  dbFile: string,
  students: number,
  lessons: number,
  tag: string,
  filled = true,
): SeededJournal {
  const db = new Database(dbFile);
  db.pragma('busy_timeout = 30000'); // the host's scheduler may be writing its first pass
  try {
    return db
      .transaction(() => {
        const teacher = (db.prepare("select id from users where login = 'teacher'").get() as { id: number }).id;
        const year = db
          .prepare("select id, starts_on from academic_years where status = 'open' order by starts_on desc")
          .get() as { id: number; starts_on: string };
        const dept = db.prepare('select id from departments order by id').get() as { id: number };
        const now = '2026-11-25T06:00:00.000Z';
        const group = Number(
          db
            .prepare('insert into groups (year_id, name, course, department_id, version) values (?, ?, 1, ?, 1)')
            .run(year.id, `НАГР-${tag}`, dept.id).lastInsertRowid,
        );
        const subject = Number(
          db
            .prepare("insert into subjects (code, name, kind) values (?, ?, 'discipline')")
            .run(`Н.${tag}`, `Нагрузочная дисциплина ${tag}`).lastInsertRowid,
        );
        const studentIds: number[] = [];
        const insStudent = db.prepare(
          'insert into students (last_name, first_name, middle_name, created_at, updated_at, version) values (?, ?, ' +
            '?, ?, ?, 1)',
        );
        const insEnrol = db.prepare(
          'insert into enrolments (student_id, group_id, from_date, until_date, reason, order_no, order_date, ' +
            "version) values (?, ?, ?, null, 'admission', ?, ?, 1)",
        );
        for (let i = 0; i < students; i++) {
          const id = Number(
            insStudent.run(`Проверочный${String(i + 1).padStart(2, '0')}`, 'Студент', 'Тестович', now, now)
              .lastInsertRowid,
          );
          insEnrol.run(id, group, year.starts_on, `${i + 1}-к`, year.starts_on);
          studentIds.push(id);
        }
        const journal = Number(
          db
            .prepare(
              'insert into journals (year_id, group_id, subject_id, subgroup_id, teacher_user_id, marks_enabled, ' +
                "mark_scale, version) values (?, ?, ?, null, ?, 1, '5,4,3,2,зач,незач', 1)",
            )
            .run(year.id, group, subject, teacher).lastInsertRowid,
        );
        const insLesson = db.prepare(
          'insert into lessons (journal_id, date, lesson_no, hours, plan_topic_id, topic, kind, homework, ' +
            "entered_on, created_at, created_by, updated_at, version) values (?, ?, ?, 2, null, ?, 'lecture', ?, ?, " +
            '?, ?, ?, 1)',
        );
        const insColumn = db.prepare(
          'insert into work_columns (lesson_id, seq, kind, title, weight, release_on, version) values (?, 1, ' +
            "'oral', 'Устный ответ', 1, null, 1)",
        );
        const insMark = db.prepare(
          'insert into marks (column_id, student_id, value, comment, updated_at, updated_by, version) values (?, ?, ' +
            '?, null, ?, ?, 1)',
        );
        const insAbsence = db.prepare(
          'insert into attendance (lesson_id, student_id, code, late_minutes, reason, reason_by, excuse_id, ' +
            "updated_at, updated_by, version) values (?, ?, 'н', null, null, null, null, ?, ?, 1)",
        );
        let seed = 12345;
        const rand = () => {
          seed = (seed * 1103515245 + 12345) % 2147483648;
          return seed / 2147483648;
        };
        let made = 0,
          marks = 0;
        for (
          let day = new Date(`${year.starts_on}T00:00:00Z`);
          made < lessons;
          day = new Date(day.getTime() + 86_400_000)
        ) {
          if (day.getUTCDay() === 0) continue;
          const date = day.toISOString().slice(0, 10);
          if (date >= '2026-11-25') throw new Error('not enough school days for the lessons');
          for (let no = 1; no <= 3 && made < lessons; no++, made++) {
            const lesson = Number(
              insLesson.run(
                journal,
                date,
                no,
                `Тема ${made + 1}. Проверка отрисовки журнала`,
                'Повторить конспект',
                date,
                now,
                teacher,
                now,
              ).lastInsertRowid,
            );
            const column = Number(insColumn.run(lesson).lastInsertRowid);
            for (const sid of filled ? studentIds : []) {
              const r = rand();
              if (r < 0.05) insAbsence.run(lesson, sid, now, teacher);
              else if (r < 0.35) {
                insMark.run(column, sid, String(2 + Math.floor(rand() * 4)), now, teacher);
                marks++;
              }
            }
          }
        }
        return { journalId: journal, students, lessons, marks };
        // IMMEDIATE: take the write lock first (waiting busy_timeout). A deferred transaction that reads and then
        // writes fails at once with SQLITE_BUSY when the host wrote in between (its scheduler lease, a session).
      })
      .immediate();
  } finally {
    db.close();
  }
}
