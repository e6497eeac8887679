// A college's semester documents (issue 15): the record sheet of an exam or a credit, the academic debts with their
// resits, and a group's summary sheet of results — each on screen, as the paper form (PDF) and in Excel.
import { useState } from 'react';
import type { Me } from '../../../electron/api/contract';
import { Segmented } from '../../components/lists';
import { ErrorBanner, Loading } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { Select } from '../reports/Select';
import { DebtsPanel } from './DebtsPanel';
import { PracticePanel } from './PracticePanel';
import { RecordSheetPanel } from './RecordSheetPanel';
import { SummaryPanel } from './SummaryPanel';

type Tab = 'sheet' | 'debts' | 'summary' | 'practice';

export function AssessmentsScreen({ me }: { me: Me }) {
  const [yearId, setYearId] = useState<number | null>(null);
  const filters = useCall('reports.filters', { yearId: yearId ?? undefined });
  const summaryReaders = me.roles.some((r) => ['director', 'deputy', 'dept_head', 'curator'].includes(r.role));
  const tabs: Array<[Tab, string]> = [
    ['sheet', 'Ведомость'],
    ['debts', 'Задолженности'],
    ...(summaryReaders ? [['summary', 'Сводная ведомость'] as [Tab, string]] : []),
    ['practice', 'Практика и ПМ'],
  ];
  const [tab, setTab] = useState<Tab>('sheet');
  const f = filters.data;
  const year = yearId ?? f?.currentYearId ?? f?.years[0]?.id ?? 0;
  const picker = f && (
    <Select
      label="Учебный год"
      value={year}
      options={f.years.map((y) => [y.id, y.title])}
      onChange={(id) => setYearId(id)}
    />
  );
  return (
    <div className="page">
      <div className="page-head">
        <h1>Ведомости и задолженности</h1>
        <Segmented label="Документ" value={tab} options={tabs} onChange={setTab} />
      </div>
      <ErrorBanner error={filters.error} />
      {!f || filters.loading ? (
        <Loading />
      ) : tab === 'sheet' ? (
        <RecordSheetPanel key={year} filters={f} yearId={year} picker={picker} />
      ) : tab === 'debts' ? (
        <DebtsPanel key={year} filters={f} yearId={year} picker={picker} />
      ) : tab === 'summary' ? (
        <SummaryPanel key={year} filters={f} yearId={year} picker={picker} />
      ) : (
        <PracticePanel key={year} filters={f} picker={picker} />
      )}
    </div>
  );
}
