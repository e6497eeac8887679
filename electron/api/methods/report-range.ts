// The period a report covers: one type that every report module names (no report module imports another).
/** The period a report covers. */
export interface ReportRange {
  yearId: number;
  yearTitle: string;
  /** null: the whole year. */
  periodId: number | null;
  periodTitle: string | null;
  /** «1 семестр 2026/2027 учебного года» or «2025/2026 учебный год». */
  title: string;
  from: string;
  to: string;
  /** Data up to this day (today, or the range's end when it is over). */
  asOf: string;
}
