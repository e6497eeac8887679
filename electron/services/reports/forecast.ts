// The forecast of a student's final mark and the at-risk list (003 §1.11 «прогнозирование
// успеваемости»), explainable: the weighted average of the current marks, moved by their trend (a
// weighted least-squares line through the marks by date) towards the end of the range — by at most
// half a mark — and rounded. A student is flagged, with the numbers shown, for too few marks (003 §3.7
// «накопляемость»), a low average, marks falling, or low attendance.
import type { ForecastReport, ForecastRow, Parsed, RiskFlag } from '../../api/contract.js';
import { toDay } from '../../domain/calendar.js';
import { dec } from '../../domain/format-numbers.js';
import type { AuthedContext, Db } from '../context.js';
import { absencesByStudent, lessonDays } from './attendance-data.js';
import { presence } from './attendance.js';
import { publicRange } from './completion.js';
import { roundMark, trendSums, type TrendSums } from './marks-data.js';
import { loadRosters } from './rosters.js';
import { hasFilter, resolveRange, scopeJournals, type JournalMeta, type Range } from './scope.js';

export const FORECAST_RULES = {
  /** Fewer marks than this in the range (when the journal held at least this many lessons). */
  minMarks: 3,
  /** A weighted average below this. */
  lowAverage: 3,
  /** Attended less than this share of the hours. */
  lowPresence: 0.7,
  /** The trend moves the forecast by at most this much. */
  trendCap: 0.5,
  /** Falling by this much per 30 days or more. */
  falling: -0.5,
} as const;

export async function forecast(ctx: AuthedContext, input: Parsed<'reports.forecast'>): Promise<ForecastReport> {
  const range = await resolveRange(ctx.db, ctx.clock.today(), input.yearId, input.periodId);
  const journals = await scopeJournals(ctx, 'forecast', range, input);
  // The whole college student by student would be tens of thousands of rows: unfiltered, list the flagged ones.
  return forecastReport(ctx.db, range, journals, input.onlyAtRisk ?? !hasFilter(input));
}

/**
 * Slope of the weighted least-squares line through the marks (marks per day) and the weighted mean
 * day; null with fewer than 3 marks or when they span less than a week — too little to tell.
 */
export function trendOf(
  t: Pick<TrendSums, 'numeric' | 'w' | 'sx' | 'sy' | 'sxx' | 'sxy' | 'minX' | 'maxX'>,
): { slope: number; meanX: number } | null {
  if (t.numeric < 3 || t.maxX - t.minX < 7 || t.w <= 0) return null;
  const meanX = t.sx / t.w;
  const sxx = t.sxx - (t.sx * t.sx) / t.w;
  const sxy = t.sxy - (t.sx * t.sy) / t.w;
  return sxx > 1e-9 ? { slope: sxy / sxx, meanX } : null;
}

export async function forecastReport(
  db: Db,
  range: Range,
  all: JournalMeta[],
  onlyAtRisk: boolean,
): Promise<ForecastReport> {
  // Only journals that keep marks (a journal keeps the flag it was created with).
  const journals = all.filter((j) => j.marksEnabled);
  const byId = new Map(journals.map((j) => [j.journalId, j]));
  const ids = journals.length <= 400 ? journals.map((j) => j.journalId) : undefined;
  const sums = new Map(
    (await trendSums(db, range, ids))
      .filter((t) => byId.has(t.journalId))
      .map((t) => [`${t.journalId}|${t.studentId}`, t]),
  );
  const missed = await absencesByStudent(db, range, ids);
  const days = (await lessonDays(db, range)).filter((d) => byId.has(d.journalId));
  const rosters = await loadRosters(db, range.yearId, range.from, range.to);

  const possible = new Map<string, number>();
  const lessonsHeld = new Map<number, number>();
  for (const d of days) {
    const j = byId.get(d.journalId)!;
    lessonsHeld.set(d.journalId, (lessonsHeld.get(d.journalId) ?? 0) + d.lessons);
    for (const studentId of rosters.on(j.groupId, j.subgroupId, d.date)) {
      const key = `${d.journalId}|${studentId}`;
      possible.set(key, (possible.get(key) ?? 0) + d.hours);
    }
  }

  const end = toDay(range.to) - toDay(range.from);
  const rows: ForecastRow[] = [];
  for (const j of journals) {
    for (const s of rosters.students(j.groupId, j.subgroupId)) {
      const key = `${j.journalId}|${s.studentId}`;
      const hours = possible.get(key) ?? 0;
      const sum = sums.get(key);
      if (hours === 0 && !sum) continue; // never on this journal's roster on a lesson day
      const average = sum && sum.w > 0 ? sum.sy / sum.w : null;
      const trend = sum ? trendOf(sum) : null;
      const shift = trend
        ? Math.max(-FORECAST_RULES.trendCap, Math.min(FORECAST_RULES.trendCap, trend.slope * (end - trend.meanX)))
        : 0;
      const projected = average === null ? null : Math.max(2, Math.min(5, average + shift));
      const t = missed.get(key);
      const missedHours = t?.missed ?? 0;
      const row: ForecastRow = {
        studentId: s.studentId,
        name: s.name,
        groupName: j.subgroup ? `${j.groupName} (подгр. ${j.subgroup})` : j.groupName,
        journalId: j.journalId,
        subjectName: j.subjectName,
        teacherName: j.teacherName,
        marks: sum?.count ?? 0,
        average,
        trend: trend ? trend.slope * 30 : null,
        projected,
        forecast: projected === null ? null : roundMark(projected),
        possibleHours: hours,
        missedHours,
        presence: presence(missedHours, hours),
        flags: [],
        reasons: [],
      };
      explain(row, lessonsHeld.get(j.journalId) ?? 0);
      if (!onlyAtRisk || row.flags.length > 0) rows.push(row);
    }
  }
  rows.sort(
    (a, b) =>
      a.groupName.localeCompare(b.groupName, 'ru') ||
      a.name.localeCompare(b.name, 'ru') ||
      a.subjectName.localeCompare(b.subjectName, 'ru'),
  );
  const { minMarks, lowAverage, lowPresence, trendCap } = FORECAST_RULES;
  return {
    range: publicRange(range),
    rows,
    rules: { minMarks, lowAverage, lowPresence, trendCap },
    atRisk: rows.filter((r) => r.flags.length > 0).length,
  };
}

function explain(row: ForecastRow, lessonsHeld: number): void {
  const flag = (f: RiskFlag, reason: string) => {
    row.flags.push(f);
    row.reasons.push(reason);
  };
  if (row.marks < FORECAST_RULES.minMarks && lessonsHeld >= FORECAST_RULES.minMarks && row.possibleHours > 0) {
    flag('few_marks', `Мало отметок: ${row.marks} (нужно не менее ${FORECAST_RULES.minMarks})`);
  }
  if (row.average !== null && row.average < FORECAST_RULES.lowAverage) {
    flag('low_average', `Низкий средний балл: ${dec(row.average)}`);
  }
  if (row.trend !== null && row.trend <= FORECAST_RULES.falling) {
    flag('falling', `Отметки снижаются: ${dec(row.trend, 1)} балла за 30 дней`);
  }
  if (row.presence !== null && row.presence < FORECAST_RULES.lowPresence) {
    flag(
      'low_attendance',
      `Пропущено ${Math.round((1 - row.presence) * 100)} % часов (${row.missedHours} из ${row.possibleHours})`,
    );
  }
}
