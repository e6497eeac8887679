// A group's summary sheet of results for a semester or the year: students × disciplines, the averages and counts,
// the group's absolute and quality performance; a debt is marked, a result after a resit shows the original.
import { useState, type ReactNode } from 'react';
import type { ReportFilters, SummarySheet } from '../../../electron/api/contract';
import { dec, pct } from '../../../electron/domain/format-numbers';
import { Button, ErrorBanner, Loading, Stat } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { Select } from '../reports/Select';
import { useDownload } from './useDownload';
import { usePeriodChoice } from './usePeriodChoice';

const KIND_MARK = { exam: 'экз.', credit: 'зач.', period: 'итог', year: 'год' } as const;

export function SummaryPanel({
  filters,
  yearId,
  picker,
}: {
  filters: ReportFilters;
  yearId: number;
  picker: ReactNode;
}) {
  const [groupId, setGroupId] = useState<number | null>(filters.groups[0]?.id ?? null);
  const { periodId, setPeriodId, options: periods } = usePeriodChoice(filters, yearId);
  return (
    <>
      <div className="filters">
        {picker}
        <Select
          label="Группа"
          value={groupId}
          options={filters.groups.map((g) => [g.id, g.name])}
          onChange={setGroupId}
        />
        <Select label="Период" value={periodId} empty="учебный год" options={periods} onChange={setPeriodId} />
      </div>
      {groupId ? (
        <Summary input={{ groupId, periodId: periodId ?? undefined }} />
      ) : (
        <p className="muted">Нет групп, сводные ведомости которых вам доступны.</p>
      )}
    </>
  );
}

function Summary({ input }: { input: { groupId: number; periodId?: number } }) {
  const { data, error, loading } = useCall('assessments.summary', input);
  const { problem, download } = useDownload();
  if (loading && !data) return <Loading />;
  if (!data) return <ErrorBanner error={error} />;
  const s: SummarySheet = data;
  return (
    <>
      <div className="row">
        <Button kind="secondary" onClick={() => void download('assessments.summaryFile', { ...input, format: 'pdf' })}>
          Печать (PDF)
        </Button>
        <Button kind="secondary" onClick={() => void download('assessments.summaryFile', { ...input, format: 'xlsx' })}>
          Скачать в Excel
        </Button>
      </div>
      <ErrorBanner error={error ?? problem} />
      <div className="stats">
        <Stat label="обучающихся" value={s.rows.length} />
        <Stat label="абсолютная успеваемость" value={pct(s.absolute)} />
        <Stat label="качественная успеваемость" value={pct(s.quality)} />
        <Stat label="средний балл" value={dec(s.average)} />
        <Stat label="имеют задолженности" value={s.debtors} tone={s.debtors ? 'bad' : 'good'} />
      </div>
      <div className="table-scroll">
        <table className="table report-table summary-sheet" aria-label="Сводная ведомость">
          <caption>
            {s.groupName}, {s.course} курс · {s.title}
          </caption>
          <thead>
            <tr>
              <th>Обучающийся</th>
              {s.subjects.map((x) => (
                <th key={x.subjectId} className="num" title={x.subjectName}>
                  {x.subjectName} ({KIND_MARK[x.kind]})
                </th>
              ))}
              <th className="num">Ср. балл</th>
              <th className="num">«5»</th>
              <th className="num">«4»</th>
              <th className="num">«3»</th>
              <th className="num">«2»</th>
              <th className="num">н/а</th>
            </tr>
          </thead>
          <tbody>
            {s.rows.map((r) => (
              <tr key={r.studentId}>
                <td>{r.name}</td>
                {r.cells.map((c, i) => (
                  <td
                    key={i}
                    className={`num${c.debt ? ' cell-debt' : ''}`}
                    title={c.original ? `после пересдачи; первоначально ${c.original}` : undefined}
                  >
                    {c.text}
                    {c.original && <span className="muted small"> ({c.original})</span>}
                  </td>
                ))}
                <td className="num">{dec(r.average)}</td>
                <td className="num">{r.counts['5'] || ''}</td>
                <td className="num">{r.counts['4'] || ''}</td>
                <td className="num">{r.counts['3'] || ''}</td>
                <td className="num">{r.counts['2'] || ''}</td>
                <td className="num">{r.counts.na || ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
