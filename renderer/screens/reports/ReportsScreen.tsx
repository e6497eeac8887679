// «Отчёты»: the control reports of the deputy director (and the parts each role may see), on screen
// with charts, and as PDF or Excel copies; the whole semester pack in one click; journal-page copies.
import { useEffect, useMemo, useState } from 'react';
import type { Input, Me, ReportData, ReportFilters, ReportKind } from '../../../electron/api/contract';
import { Button, Card, ErrorBanner, Loading, Notice } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { useWords } from '../../components/words';
import type { Words } from '../../../electron/domain/vocabulary';
import { AttendanceView, CompletionView, KeepingView } from './ReportViews';
import { ForecastView, HoursView, PerformanceView } from './ResultsViews';
import { PersonHoursView, RetentionView, UnionAttendanceView } from './CentreViews';
import { JournalCopyForm } from './JournalCopyForm';
import { Select } from './Select';
import { BoundJournalForm } from './BoundJournalForm';
import { StipendView } from './StipendView';
import { SubstitutionsView } from './SubstitutionsView';
import { JobProgress, useReportJob } from './useReportJob';
import { MONTHS_RU } from '../../../electron/domain/calendar';
import { groupLabel } from './format';
import type {
  AttendanceReport,
  CompletionReport,
  ForecastReport,
  HoursSheet,
  KeepingReport,
  PerformanceReport,
  PersonHoursReport,
  RetentionReport,
  StipendSheet,
  SubstitutionsReport,
  UnionAttendanceReport,
} from '../../../electron/api/contract';

/** The bound journal is printed from the copies' tab. */
type ScreenKind = Exclude<ReportKind, 'pack' | 'boundJournal'>;

const tabsOf = (w: Words): Array<{ kind: ScreenKind; title: string }> => [
  { kind: 'keeping', title: 'Ведение журналов' },
  { kind: 'completion', title: 'Выполнение программ' },
  { kind: 'attendance', title: 'Посещаемость' },
  { kind: 'performance', title: 'Успеваемость' },
  { kind: 'forecast', title: 'Прогноз и группа риска' },
  { kind: 'hoursSheet', title: `Часы ${w.short('teacher', 'gen', 'many')}` },
  { kind: 'substitutions', title: 'Замены за месяц' },
  { kind: 'unionAttendance', title: `Посещаемость по ${w.term('group', 'dat', 'many')}` },
  { kind: 'personHours', title: 'Человеко-часы' },
  { kind: 'retention', title: 'Сохранность контингента' },
  { kind: 'stipendAttendance', title: 'Пропуски для стипендии' },
  { kind: 'journalCopy', title: 'Копия страниц журнала' },
];

/** Which filters each report takes. */
const USES: Record<
  Exclude<ScreenKind, 'journalCopy'>,
  Array<'period' | 'department' | 'group' | 'teacher' | 'journal' | 'month' | 'risk'>
> = {
  keeping: ['period', 'department'],
  completion: ['period', 'department', 'group', 'teacher', 'journal'],
  attendance: ['period', 'department', 'group', 'journal'],
  performance: ['period', 'department', 'group', 'journal'],
  forecast: ['period', 'department', 'group', 'journal', 'risk'],
  hoursSheet: ['month', 'department', 'teacher'],
  unionAttendance: ['period', 'department', 'group', 'teacher'],
  personHours: ['period', 'department', 'group', 'teacher'],
  retention: ['period', 'department', 'group', 'teacher'],
  stipendAttendance: ['month', 'department', 'group'],
  substitutions: ['month', 'department'],
};

/** Reports of one month: the month is always chosen (this month by default). */
const MONTHLY = new Set<ScreenKind>(['stipendAttendance', 'substitutions']);

interface FilterState {
  yearId: number | null;
  /** null: the whole year. */
  periodId: number | null;
  departmentId: number | null;
  groupId: number | null;
  teacherId: number | null;
  journalId: number | null;
  month: string;
  onlyAtRisk: boolean;
}

export function ReportsScreen({ me }: { me: Me }) {
  const [yearId, setYearId] = useState<number | undefined>(undefined);
  const { data: filters, error, loading } = useCall('reports.filters', yearId === undefined ? {} : { yearId });
  if (loading && !filters) return <Loading what="Загрузка отчётов" />;
  if (error) return <ErrorBanner error={error} />;
  return <Reports me={me} filters={filters!} onYear={setYearId} />;
}

function Reports({ filters, onYear }: { me: Me; filters: ReportFilters; onYear: (id: number) => void }) {
  const w = useWords();
  const all = tabsOf(w);
  const tabs = all.filter((t) => filters.reports.includes(t.kind));
  const [tab, setTab] = useState<ScreenKind>(tabs[0]?.kind ?? 'completion');
  const [f, setF] = useState<FilterState>({
    yearId: filters.currentYearId,
    periodId: filters.currentPeriodId,
    departmentId: null,
    groupId: null,
    teacherId: null,
    journalId: null,
    month: '',
    onlyAtRisk: false,
  });
  const set = (patch: Partial<FilterState>) => setF((old) => ({ ...old, ...patch }));
  const year = filters.years.find((y) => y.id === f.yearId) ?? filters.years[0];
  const { job, error, run, cancel, download } = useReportJob();
  const [data, setData] = useState<{ kind: ScreenKind; report: ReportData } | null>(null);

  const input = useMemo(
    (): Input<'reports.start'> | null =>
      tab === 'journalCopy' ? null : buildInput(tab, f, year ? monthsOf(year) : [], filters.today),
    [tab, f, year, filters.today],
  );
  useEffect(() => {
    if (!input) return;
    let live = true;
    setData(null);
    void run({ ...input, format: 'screen' } as Input<'reports.start'>).then((result) => {
      if (live && result?.data) setData({ kind: tab, report: result.data });
    });
    return () => {
      live = false;
    };
  }, [input, run, tab]);

  if (tabs.length === 0) return <Notice kind="warn">Отчёты вашей роли не предусмотрены.</Notice>;
  const uses = tab === 'journalCopy' ? [] : USES[tab];
  const groups = filters.groups.filter((g) => f.departmentId === null || g.departmentId === f.departmentId);
  const journals = filters.journals.filter(
    (j) =>
      (f.groupId === null || j.groupId === f.groupId) &&
      (f.departmentId === null || j.departmentId === f.departmentId) &&
      (f.teacherId === null || j.teacherId === f.teacherId),
  );
  const months = year ? monthsOf(year) : [];
  const packAllowed = filters.reports.includes('pack');

  return (
    <div className="page">
      <h1>Отчёты</h1>
      <div role="tablist" aria-label="Отчёты" className="tabs">
        {tabs.map((t) => (
          <button
            key={t.kind}
            type="button"
            role="tab"
            aria-selected={tab === t.kind}
            className={`tab ${tab === t.kind ? 'tab-active' : ''}`}
            onClick={() => setTab(t.kind)}
          >
            {t.title}
          </button>
        ))}
      </div>
      {tab === 'journalCopy' ? (
        <>
          <JournalCopyForm filters={filters} />
          {filters.reports.includes('boundJournal') && <BoundJournalForm filters={filters} />}
        </>
      ) : (
        <>
          <form className="report-filters" aria-label="Отбор" onSubmit={(e) => e.preventDefault()}>
            <Select
              label="Учебный год"
              value={f.yearId}
              options={filters.years.map((y) => [y.id, y.title])}
              onChange={(v) => {
                if (v) {
                  set({ yearId: v, periodId: null, month: '' });
                  onYear(v);
                }
              }}
            />
            {uses.includes('period') && year && (
              <Select
                label="Период"
                value={f.periodId}
                empty="Весь учебный год"
                options={year.periods.map((p) => [p.id, p.title])}
                onChange={(v) => set({ periodId: v })}
              />
            )}
            {uses.includes('month') && (
              <label className="field">
                <span>Месяц</span>
                <select
                  value={MONTHLY.has(tab) ? monthOrCurrent(f.month, months, filters.today) : f.month}
                  onChange={(e) => set({ month: e.target.value })}
                >
                  {!MONTHLY.has(tab) && <option value="">По месяцам всего года</option>}
                  {months.map(([key, title]) => (
                    <option key={key} value={key}>
                      {title}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {uses.includes('department') && filters.departments.length > 1 && (
              <Select
                label={w.Term('department')}
                value={f.departmentId}
                empty={`Все ${w.term('department', 'nom', 'many')}`}
                options={filters.departments.map((d) => [d.id, d.name])}
                onChange={(v) => set({ departmentId: v, groupId: null, journalId: null })}
              />
            )}
            {uses.includes('group') && (
              <Select
                label={w.Term('group')}
                value={f.groupId}
                empty={`Все ${w.term('group', 'nom', 'many')}`}
                options={groups.map((g) => [g.id, g.name])}
                onChange={(v) => set({ groupId: v, journalId: null })}
              />
            )}
            {uses.includes('teacher') && filters.teachers.length > 1 && (
              <Select
                label={w.Term('teacher')}
                value={f.teacherId}
                empty={`Все ${w.term('teacher', 'nom', 'many')}`}
                options={filters.teachers.map((t) => [t.id, t.name])}
                onChange={(v) => set({ teacherId: v, journalId: null })}
              />
            )}
            {uses.includes('journal') && (
              <Select
                label={`${w.Term('subject')} (журнал)`}
                value={f.journalId}
                empty={`Все ${w.term('subject', 'nom', 'many')}`}
                options={journals.map((j) => [j.journalId, `${groupLabel(j)} · ${j.subjectName}`])}
                onChange={(v) => set({ journalId: v })}
              />
            )}
            {uses.includes('risk') && (
              <label className="check">
                <input type="checkbox" checked={f.onlyAtRisk} onChange={(e) => set({ onlyAtRisk: e.target.checked })} />
                <span>Только группа риска</span>
              </label>
            )}
          </form>
          <div className="row">
            <Button
              kind="secondary"
              disabled={!!job || !input}
              onClick={() => input && void download({ ...input, format: 'pdf' } as Input<'reports.start'>)}
            >
              Скачать PDF
            </Button>
            <Button
              kind="secondary"
              disabled={!!job || !input}
              onClick={() => input && void download({ ...input, format: 'xlsx' } as Input<'reports.start'>)}
            >
              Скачать Excel
            </Button>
            {packAllowed && tab === 'keeping' && (
              <Button
                disabled={!!job || !f.yearId}
                onClick={() => void download({ report: 'pack', yearId: f.yearId ?? undefined, periodId: f.periodId })}
              >
                Пакет отчётов за {f.periodId ? 'период' : 'год'} (PDF + Excel)
              </Button>
            )}
          </div>
        </>
      )}
      <JobProgress job={job} onCancel={cancel} />
      <ErrorBanner error={error} />
      {tab !== 'journalCopy' && data?.kind === tab && (
        <Card title={`${all.find((t) => t.kind === tab)!.title}: ${data.report.range.title}`}>
          <ReportBody kind={tab} report={data.report} />
        </Card>
      )}
    </div>
  );
}

function ReportBody({ kind, report }: { kind: ScreenKind; report: ReportData }) {
  switch (kind) {
    case 'keeping':
      return <KeepingView r={report as KeepingReport} />;
    case 'completion':
      return <CompletionView r={report as CompletionReport} />;
    case 'attendance':
      return <AttendanceView r={report as AttendanceReport} />;
    case 'performance':
      return <PerformanceView r={report as PerformanceReport} />;
    case 'forecast':
      return <ForecastView r={report as ForecastReport} />;
    case 'hoursSheet':
      return <HoursView r={report as HoursSheet} />;
    case 'unionAttendance':
      return <UnionAttendanceView r={report as UnionAttendanceReport} />;
    case 'personHours':
      return <PersonHoursView r={report as PersonHoursReport} />;
    case 'retention':
      return <RetentionView r={report as RetentionReport} />;
    case 'stipendAttendance':
      return <StipendView r={report as StipendSheet} />;
    case 'substitutions':
      return <SubstitutionsView r={report as SubstitutionsReport} />;
    default:
      return null;
  }
}

function buildInput(
  kind: Exclude<ScreenKind, 'journalCopy'>,
  f: FilterState,
  months: Array<[string, string]>,
  today: string,
): Input<'reports.start'> {
  const uses = USES[kind];
  const opt = (on: boolean, v: number | null) => (on && v !== null ? v : undefined);
  const common = { yearId: f.yearId ?? undefined, format: 'screen' as const };
  if (kind === 'hoursSheet') {
    return {
      report: kind,
      ...common,
      month: f.month || undefined,
      departmentId: opt(uses.includes('department'), f.departmentId),
      teacherId: opt(true, f.teacherId),
    };
  }
  if (kind === 'substitutions') {
    return {
      report: kind,
      ...common,
      month: monthOrCurrent(f.month, months, today),
      departmentId: opt(true, f.departmentId),
    };
  }
  if (kind === 'stipendAttendance') {
    return {
      report: kind,
      ...common,
      month: monthOrCurrent(f.month, months, today),
      departmentId: opt(true, f.departmentId),
      groupId: opt(true, f.groupId),
    };
  }
  if (kind === 'keeping')
    return { report: kind, ...common, periodId: f.periodId, departmentId: opt(true, f.departmentId) };
  return {
    report: kind,
    ...common,
    periodId: f.periodId,
    departmentId: opt(true, f.departmentId),
    groupId: opt(uses.includes('group'), f.groupId),
    teacherId: opt(uses.includes('teacher'), f.teacherId),
    journalId: opt(uses.includes('journal'), f.journalId),
    ...(kind === 'forecast' ? { onlyAtRisk: f.onlyAtRisk || undefined } : {}),
  } as Input<'reports.start'>;
}

/** The chosen month, or else this month (the server's today) when it is one of the year's, or else the first. */
function monthOrCurrent(month: string, months: Array<[string, string]>, today: string): string {
  if (month) return month;
  const now = today.slice(0, 7);
  return months.find(([key]) => key === now)?.[0] ?? months[0]?.[0] ?? now;
}

function monthsOf(year: ReportFilters['years'][number]): Array<[string, string]> {
  const first = Number(year.title.slice(0, 4));
  return Array.from({ length: 12 }, (_, i) => {
    const m = ((8 + i) % 12) + 1;
    const y = m >= 9 ? first : first + 1;
    return [`${y}-${String(m).padStart(2, '0')}`, `${MONTHS_RU[m - 1]} ${y}`];
  });
}
