// Every report's figures on the tiny hand-made college, worked out by hand (see tests/support/tiny-college.ts).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { makeDeps, TestClient } from '../support/harness.js';
import { buildTinyCollege, TINY_PASSWORD, TINY_TODAY, type Tiny } from '../support/tiny-college.js';

describeEachDb('report figures on the tiny college', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let t: Tiny;
  let zam: TestClient;

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    t = await buildTinyCollege(handle);
    zam = await new TestClient(makeDeps(handle, { today: TINY_TODAY })).login('zam', TINY_PASSWORD);
  });
  afterAll(async () => {
    await handle.close();
    await fresh.drop();
  });

  it(
    'programme completion: planned with approved corrections only, conducted, share, lag against the ' + 'timetable',
    async () => {
      const r = await zam.call('reports.completion', { periodId: t.p1 });
      expect(r.range).toMatchObject({
        from: '2026-09-01',
        to: '2026-12-30',
        asOf: TINY_TODAY,
        title: '1 семестр 2026/2027 учебного года',
      });
      const row = (id: number) => r.rows.find((x) => x.journalId === id)!;
      const [j1, j2, j3] = [row(t.j1), row(t.j2), row(t.j3)];
      // 17 Mondays in the semester, 7 of them before today: expected = 22 × 7/17 = 9.06 → 9.1.
      expect(j1).toMatchObject({
        plannedHours: 20,
        correctionHours: 2,
        plannedTotal: 22,
        conductedHours: 12,
        expectedHours: 9.1,
        lagHours: -2.9,
        behind: false,
      });
      expect(j1.done).toBeCloseTo(12 / 22, 10);
      expect(j1.corrections.map((c) => [c.kind, c.hoursDelta, c.approvedByName])).toEqual([
        ['extra_hours', 2, 'Козлова Юлия Валерьевна'],
      ]);
      // 17 Wednesdays (4 November is a holiday), 7 before today: 16 × 7/17 = 6.6; 3 conducted: 3.6 behind.
      expect(j2).toMatchObject({
        plannedTotal: 16,
        conductedHours: 3,
        expectedHours: 6.6,
        lagHours: 3.6,
        behind: true,
        corrections: [],
      });
      expect(j3).toMatchObject({
        plannedHours: 8,
        correctionHours: -2,
        plannedTotal: 6,
        conductedHours: 14,
        expectedHours: 2.5,
        behind: false,
      });
      expect(r.totals).toMatchObject({ journals: 3, plannedTotal: 44, conductedHours: 29, behind: 1 });
      expect(r.departments.map((d) => [d.name, d.journals, d.plannedTotal, d.conductedHours, d.behind])).toEqual([
        ['Отделение информационных технологий', 1, 6, 14, 0],
        ['Энергетическое отделение', 2, 38, 15, 1],
      ]);

      const year = await zam.call('reports.completion', { journalId: t.j1 });
      expect(year.rows).toHaveLength(1);
      // The whole year: 20 + 30 planned, +2 and +10 approved (one per semester).
      expect(year.rows[0]).toMatchObject({
        plannedHours: 50,
        correctionHours: 12,
        plannedTotal: 62,
        conductedHours: 12,
        expectedHours: 25.5,
      });
    },
  );

  it('journal keeping: per journal, per teacher, per department, and attendance per group', async () => {
    const r = await zam.call('reports.keeping', { periodId: t.p1 });
    const row = (id: number) => r.rows.find((x) => x.journalId === id)!;
    expect(row(t.j1)).toMatchObject({
      lessons: 6,
      withoutTopic: 1,
      late: 1,
      withoutHomework: 1,
      attendanceNotTaken: 1,
      unfilled: 1,
      remarks: 2,
      remarksOpen: 1,
      remarksOverdue: 1,
    });
    expect(row(t.j2)).toMatchObject({
      lessons: 2,
      withoutTopic: 0,
      late: 0,
      withoutHomework: 1,
      attendanceNotTaken: 0,
      unfilled: 5,
      remarks: 1,
      remarksOpen: 0,
      remarksOverdue: 0,
    });
    expect(row(t.j3)).toMatchObject({
      lessons: 7,
      withoutTopic: 0,
      late: 1,
      withoutHomework: 0,
      attendanceNotTaken: 0,
      unfilled: 0,
      remarks: 1,
      remarksOpen: 1,
      remarksOverdue: 0,
    });
    const t1 = r.teachers.find((x) => x.key === t.users.t1)!;
    expect(t1).toMatchObject({
      name: 'Макарова Юлия Николаевна',
      journals: 2,
      plannedTotal: 28,
      conductedHours: 26,
      lessons: 13,
      withoutTopic: 1,
      late: 2,
      attendanceNotTaken: 1,
      withoutHomework: 1,
      unfilled: 1,
      remarks: 3,
      remarksOpen: 2,
      remarksOverdue: 1,
      behind: 0,
    });
    expect(r.departments.find((d) => d.key === t.d1)).toMatchObject({
      journals: 2,
      lessons: 8,
      unfilled: 6,
      behind: 1,
      remarks: 3,
    });
    expect(r.totals).toMatchObject({
      journals: 3,
      lessons: 15,
      withoutTopic: 1,
      late: 2,
      attendanceNotTaken: 1,
      withoutHomework: 2,
      unfilled: 6,
      remarks: 4,
      remarksOpen: 2,
      remarksOverdue: 1,
    });
    const g1 = r.groups.find((g) => g.groupId === t.g1)!;
    expect(g1).toMatchObject({
      students: 3,
      possibleHours: 41,
      missedHours: 11,
      validHours: 6,
      invalidHours: 5,
      lateCount: 2,
    });
    expect(g1.presence).toBeCloseTo(1 - 11 / 41, 10);
    expect(r.groups.find((g) => g.groupId === t.g2)).toMatchObject({
      students: 2,
      possibleHours: 28,
      missedHours: 4,
      validHours: 2,
      invalidHours: 2,
    });
  });

  it(
    'attendance: hours missed valid and not per student, group and week; a rejected excuse stays not ' + 'valid',
    async () => {
      const r = await zam.call('reports.attendance', { periodId: t.p1 });
      const g1 = r.groups.find((g) => g.groupId === t.g1)!;
      const s = (id: number) => g1.studentRows.find((x) => x.studentId === id)!;
      expect(s(t.students.A)).toMatchObject({
        name: 'Антонов Алексей Петрович',
        possibleHours: 15,
        missedHours: 4,
        validHours: 2,
        invalidHours: 2,
        lateCount: 2,
      });
      expect(s(t.students.B)).toMatchObject({
        possibleHours: 15,
        missedHours: 4,
        validHours: 2,
        invalidHours: 2,
        lateCount: 0,
      });
      expect(s(t.students.C)).toMatchObject({ possibleHours: 11, missedHours: 3, validHours: 2, invalidHours: 1 });
      expect(r.totals).toMatchObject({
        students: 5,
        possibleHours: 69,
        missedHours: 15,
        validHours: 8,
        invalidHours: 7,
        lateCount: 2,
      });
      expect(r.weeks[0]).toMatchObject({
        weekStart: '2026-08-31',
        possibleHours: 7,
        missedHours: 3,
        validHours: 2,
        invalidHours: 1,
      });
      expect(r.weeks[1]).toMatchObject({
        weekStart: '2026-09-07',
        possibleHours: 16,
        missedHours: 2,
        validHours: 0,
        invalidHours: 2,
      });
      // One subject only.
      const physics = await zam.call('reports.attendance', { periodId: t.p1, journalId: t.j2 });
      expect(physics.groups).toHaveLength(1);
      expect(physics.groups[0]).toMatchObject({ possibleHours: 9, missedHours: 1, invalidHours: 1 });
    },
  );

  it(
    "performance: weighted average, quality and success by students' results, the given period mark " + 'first',
    async () => {
      const r = await zam.call('reports.performance', { periodId: t.p1 });
      const j1 = r.rows.find((x) => x.journalId === t.j1)!;
      // A: (3 + 2·2 + 4 + 3·2) / 6 = 2.83 → 3; B: period mark 4 (her average is 4.8); C: (4 + 3·2) / 3 = 3.33 → 3.
      expect(j1).toMatchObject({
        students: 3,
        attested: 3,
        marks: 10,
        distribution: { '5': 3, '4': 3, '3': 3, '2': 1 },
      });
      expect(j1.average).toBeCloseTo(51 / 14, 10);
      expect(j1.quality).toBeCloseTo(1 / 3, 10);
      expect(j1.success).toBe(1);
      const j2 = r.rows.find((x) => x.journalId === t.j2)!;
      expect(j2).toMatchObject({ attested: 2, quality: 0.5, success: 0.5 });
      expect(j2.average).toBeCloseTo(8 / 3, 10);
      const j3 = r.rows.find((x) => x.journalId === t.j3)!;
      expect(j3).toMatchObject({ average: 3.5, quality: 0.5, success: 0.5 });
      const g1 = r.groups.find((g) => g.groupId === t.g1)!;
      // A has a 2 in physics, B only 4s, C a 3: quality 1/3, success 2/3.
      expect(g1.quality).toBeCloseTo(1 / 3, 10);
      expect(g1.success).toBeCloseTo(2 / 3, 10);
      expect(g1.average).toBeCloseTo(59 / 17, 10);
      expect(r.distribution).toMatchObject({ '5': 5, '4': 5, '3': 4, '2': 4 });
    },
  );

  it('forecast: average, trend, projection and the flags with their reasons', async () => {
    const r = await zam.call('reports.forecast', { periodId: t.p1, groupId: t.g1 });
    expect(r.rows).toHaveLength(6);
    const row = (journalId: number, studentId: number) =>
      r.rows.find((x) => x.journalId === journalId && x.studentId === studentId)!;
    const a = row(t.j1, t.students.A);
    expect(a.average).toBeCloseTo(17 / 6, 10);
    // Weighted least squares through (0;3)·1, (0;2)·2, (7;4)·1, (21;3)·2: slope 1/35 a day = 6/7 in 30 days; the shift
    // is capped at +0.5.
    expect(a.trend).toBeCloseTo(6 / 7, 10);
    expect(a.projected).toBeCloseTo(17 / 6 + 0.5, 10);
    expect(a).toMatchObject({
      forecast: '3',
      marks: 4,
      possibleHours: 12,
      missedHours: 4,
      flags: ['low_average', 'low_attendance'],
      reasons: ['Низкий средний балл: 2,83', 'Пропущено 33 % часов (4 из 12)'],
    });
    const b = row(t.j1, t.students.B);
    expect(b.trend).toBeCloseTo((-2.8 / 548.8) * 30, 10);
    expect(b.projected).toBeCloseTo(4.8 - (2.8 / 548.8) * 95.8, 10);
    expect(b.forecast).toBe('4');
    expect(row(t.j1, t.students.C)).toMatchObject({
      marks: 2,
      trend: null,
      flags: ['few_marks'],
      reasons: ['Мало отметок: 2 (нужно не менее 3)'],
    });
    // Physics held only 2 lessons: too few marks is nobody's fault there.
    expect(row(t.j2, t.students.A)).toMatchObject({ average: 2, forecast: '2', flags: ['low_average'] });
    expect(row(t.j2, t.students.B).flags).toEqual([]);
    expect(row(t.j2, t.students.C)).toMatchObject({ average: null, forecast: null, flags: ['low_attendance'] });
    expect(r.atRisk).toBe(5);
    // Without a filter only the flagged rows are listed.
    const all = await zam.call('reports.forecast', { periodId: t.p1 });
    expect(all.rows.every((x) => x.flags.length > 0)).toBe(true);
    expect(all.rows.some((x) => x.journalId === t.j3 && x.studentId === t.students.E)).toBe(true);
  });

  it('hours sheet: per teacher per month, and per day of a month', async () => {
    const r = await zam.call('reports.hoursSheet', {});
    expect(r.columns[0]).toEqual({ key: '2026-09', title: 'сентябрь 2026' });
    expect(r.columns).toHaveLength(12);
    const t1 = r.rows.find((x) => x.teacherId === t.users.t1)!;
    expect(t1).toMatchObject({ total: 26, lessons: 13 });
    expect(t1.hours.slice(0, 3)).toEqual([16, 10, 0]);
    expect(r.rows.find((x) => x.teacherId === t.users.t2)).toMatchObject({ total: 3, lessons: 2 });
    expect(r.totals.slice(0, 2)).toEqual([19, 10]);
    expect(r.total).toBe(29);
    const sept = await zam.call('reports.hoursSheet', { month: '2026-09' });
    expect(sept.columns).toHaveLength(30);
    const days = sept.rows.find((x) => x.teacherId === t.users.t1)!.hours;
    expect(days.flatMap((h, i) => (h ? [[i + 1, h]] : []))).toEqual([
      [4, 2],
      [7, 2],
      [11, 2],
      [14, 2],
      [18, 2],
      [21, 2],
      [25, 2],
      [28, 2],
    ]);
    const bad = await zam.raw('reports.hoursSheet', { month: '2027-09' });
    expect(bad.ok ? null : bad.error).toMatchObject({
      code: 'bad_request',
      message: 'Месяц сентябрь 2027 не входит в 2026/2027 учебный год',
    });
  });
});
