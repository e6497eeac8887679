// The in-memory model of the demo institution, built fully before anything but the lessons is
// written: years and their school days, departments, groups, people, journals, timetable, plans.
import type { EnrolmentEndReason, EnrolmentReason, LessonKind, Role } from '../schema.js';
import { addDays, parityOf, toDay, weekday } from '../../electron/domain/calendar.js';
import type { DepartmentDef, StreamDef } from './catalogue-college.js';
import type { Sex } from './names.js';
import type { SubjectDef } from './subjects.js';

export interface DemoOptions {
  seed?: number;
  /** Students on the current year's rosters (default 300); last year's graduates come on top. */
  students?: number;
  groups?: number;
  departments?: number;
  /** Default: 10 per 3 groups (40 for 12 groups, ~270 for 80). */
  teachers?: number;
  /** `YYYY-MM-DD`; default: the real local date. */
  today?: string;
  kind?: 'college' | 'supplementary';
  onProgress?: (step: string) => void;
}

export interface DemoCounts {
  departments: number;
  groups: number;
  teachers: number;
  students: number;
  /** Guardian records (parents and other legal representatives). */
  parents: number;
  users: number;
  subjects: number;
  journals: number;
  planTopics: number;
  timetableEntries: number;
  lessons: number;
  marks: number;
  attendance: number;
  finalMarks: number;
  remarks: number;
  /** Enrolment records: each begins with an order (admission or transfer) and may end with one. */
  enrolmentOrders: number;
}

export interface Settings {
  seed: number;
  students: number;
  groups: number;
  departments: number;
  teachers: number;
  today: string;
  kind: 'college' | 'supplementary';
  progress: (step: string) => void;
}

export interface SchoolDay {
  date: string;
  num: number;
  weekday: number;
  /** 1 = odd week, 2 = even week (bit masks, as in the timetable placer). */
  parity: 1 | 2;
  period: number;
}

export interface PeriodM {
  id: number;
  seq: number;
  title: string;
  start: string;
  end: string;
  locked: 0 | 1;
}

export interface YearM {
  id: number;
  title: string;
  startYear: number;
  start: string;
  end: string;
  current: boolean;
  periods: PeriodM[];
  /** Lessons are entered for dates before this one (today for the open year). */
  lessonsUntil: string;
  /** Every teaching day of the year (periods only, no Sundays, no winter break). */
  days: SchoolDay[];
}

export interface DeptM {
  id: number;
  def: DepartmentDef;
  headId: number;
}

export interface SubjectM {
  id: number;
  def: SubjectDef;
  parentId: number | null;
}

export interface StudentM {
  id: number;
  sex: Sex;
  last: string;
  first: string;
  middle: string | null;
  fatherFirst: string;
  birth: string;
  fileNo: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  notes: string | null;
  userId: number | null;
  /** Mean mark the student earns (2.6 … 4.9). */
  ability: number;
  /** Chance of missing a whole day without a valid reason. */
  truancy: number;
  illnesses: Illness[];
  /** Days with a fixed attendance (parent notes of the demo student). */
  overrides: Map<number, { code: 'у' | 'н'; excuseId: number | null; reason: string | null; by: number }>;
}

/** Days [from, to] (day numbers) of an illness; a confirmed certificate links the absences. */
export interface Illness {
  from: number;
  to: number;
  excuseId: number | null;
}

export interface EnrolM {
  id: number;
  student: StudentM;
  group: GroupM;
  from: string;
  until: string | null;
  reason: EnrolmentReason;
  orderNo: string;
  orderDate: string;
  endReason: EnrolmentEndReason | null;
  endOrderNo: string | null;
  endOrderDate: string | null;
}

export interface SubgroupM {
  id: number;
  number: number;
  members: Set<number>;
}

export interface GroupM {
  id: number;
  year: YearM;
  name: string;
  course: number;
  number: number;
  dept: DeptM;
  stream: StreamDef;
  curatorId: number;
  previous: GroupM | null;
  programmeSubjectId: number | null;
  roster: EnrolM[];
  subgroups: SubgroupM[];
  units: UnitM[];
}

/** One subject of a group's year: one journal, or two (one per subgroup). */
export interface UnitM {
  subject: SubjectM;
  weekly: number;
  journals: JournalM[];
}

export interface TopicM {
  id: number;
  section: string;
  title: string;
  kind: LessonKind;
  homework: string | null;
}

export interface JournalM {
  id: number;
  group: GroupM;
  subject: SubjectM;
  subgroup: SubgroupM | null;
  teacherId: number;
  entries: EntryM[];
  /** Scheduled lessons per period over the whole year (the planned hours are twice that). */
  periodSlots: number[];
  topics: TopicM[];
}

export interface EntryM {
  id: number;
  journal: JournalM;
  weekday: number;
  lessonNo: number;
  parity: 'all' | 'odd' | 'even';
  room: string;
}

export interface PersonM {
  id: number;
  sex: Sex;
  last: string;
  first: string;
  middle: string | null;
  login: string;
  position: string | null;
  roles: Array<{ role: Role; departmentId: number | null; groupId: number | null }>;
}

export interface TeacherM extends PersonM {
  family: string;
  room: string;
  /** Enters lessons late more often and sometimes not at all. */
  lazy: boolean;
}

/** Running id counters: the database is empty, so ids are assigned here, starting at 1. */
export class Ids {
  private readonly next = new Map<string, number>();
  take(table: string): number {
    const id = (this.next.get(table) ?? 0) + 1;
    this.next.set(table, id);
    return id;
  }
}

// Winter break (31 Dec – 11 Jan) falls between the periods; Sundays have no timetable.
export function buildYear(
  id: number,
  startYear: number,
  today: string,
  current: boolean,
  supplementary: boolean,
): YearM {
  const start = `${startYear}-09-01`;
  const unit = supplementary ? 'полугодие' : 'семестр';
  const periods: PeriodM[] = [
    { id: 0, seq: 1, title: `1 ${unit}`, start, end: `${startYear}-12-30`, locked: current ? 0 : 1 },
    {
      id: 0,
      seq: 2,
      title: `2 ${unit}`,
      start: `${startYear + 1}-01-12`,
      end: supplementary ? `${startYear + 1}-05-31` : `${startYear + 1}-06-30`,
      locked: current ? 0 : 1,
    },
  ];
  const days: SchoolDay[] = [];
  periods.forEach((p, index) => {
    for (let d = toDay(p.start), end = toDay(p.end); d <= end; d++) {
      const date = addDays(p.start, d - toDay(p.start));
      const wd = weekday(date);
      if (wd === 7) continue;
      days.push({ date, num: d, weekday: wd, parity: parityOf(start, date) === 'odd' ? 1 : 2, period: index });
    }
  });
  return {
    id,
    title: `${startYear}/${startYear + 1}`,
    startYear,
    start,
    end: `${startYear + 1}-08-31`,
    current,
    periods,
    lessonsUntil: current ? today : `${startYear + 1}-09-01`,
    days,
  };
}

/** An order number of the contingent office: numbered through the calendar year by date. */
export function orderNo(date: string, suffix: string): string {
  const jan1 = `${date.slice(0, 4)}-01-01`;
  return `${Math.floor((toDay(date) - toDay(jan1)) * 1.3) + 1}-${suffix}`;
}

export function onRoster(e: EnrolM, date: string): boolean {
  return e.from <= date && (e.until === null || date < e.until);
}
