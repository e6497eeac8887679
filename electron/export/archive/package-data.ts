// The year's data that a package's documents are written from — groups and journals, the students'
// general information — with names already formatted. Read by services/archive/year-data.ts.

export interface YearRow {
  id: number;
  title: string;
  startsOn: string;
  endsOn: string;
  status: string;
}

export interface JournalInfo {
  id: number;
  groupId: number;
  groupName: string;
  subjectName: string;
  subjectCode: string | null;
  subgroup: number | null;
  teacher: string;
}

export interface GroupInfo {
  id: number;
  name: string;
  course: number;
  department: string | null;
  curator: string | null;
  speciality: string | null;
  journals: JournalInfo[];
}

export interface StudentEnrolment {
  group: string;
  fromDate: string;
  untilDate: string | null;
  reason: string;
  orderNo: string;
  orderDate: string;
  endReason: string | null;
  endOrderNo: string | null;
  endOrderDate: string | null;
}

export interface StudentInfo {
  id: number;
  fullName: string;
  birthDate: string | null;
  personalFileNo: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  enrolments: StudentEnrolment[];
  guardians: Array<{ fullName: string; relation: string; phone: string | null }>;
}
