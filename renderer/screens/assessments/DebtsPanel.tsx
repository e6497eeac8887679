// Academic debts: who owes what (the discipline, the period, the form, the original result), the resits so far,
// and — for the deputy and the department head — the direction to a resit and its result. A debt a resit closed
// stays listed as closed, the original mark beside it.
import { useState, type ReactNode } from 'react';
import type { DebtRow, ReportFilters, ResitInfo } from '../../../electron/api/contract';
import { RESIT_FORMS, resitLine } from '../../../electron/domain/results';
import { Button, ErrorBanner, Loading, Stat } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { Select } from '../reports/Select';
import { IssueDialog, RecordDialog } from './ResitDialogs';
import { useDownload } from './useDownload';

export function DebtsPanel({ filters, yearId, picker }: { filters: ReportFilters; yearId: number; picker: ReactNode }) {
  const year = filters.years.find((y) => y.id === yearId);
  const [periodId, setPeriodId] = useState<number | null>(null);
  const [groupId, setGroupId] = useState<number | null>(null);
  const [openOnly, setOpenOnly] = useState(true);
  const input = { yearId: year?.id, periodId: periodId ?? undefined, groupId: groupId ?? undefined };
  const { data, error, loading, reload } = useCall('assessments.debts', input);
  const { problem, download } = useDownload();
  const [issuing, setIssuing] = useState<DebtRow | null>(null);
  const [recording, setRecording] = useState<ResitInfo | null>(null);
  const rows = (data?.rows ?? []).filter((r) => !openOnly || r.open);
  const open = data?.rows.filter((r) => r.open) ?? [];
  return (
    <>
      <div className="filters">
        {picker}
        <Select
          label="Период"
          value={periodId}
          empty="весь год"
          options={(year?.periods ?? []).map((p) => [p.id, p.title])}
          onChange={setPeriodId}
        />
        <Select
          label="Группа"
          value={groupId}
          empty="все"
          options={filters.groups.map((g) => [g.id, g.name])}
          onChange={setGroupId}
        />
        <label className="inline small">
          <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} />
          только не ликвидированные
        </label>
        <Button kind="secondary" onClick={() => void download('assessments.debtsFile', { ...input, format: 'pdf' })}>
          Печать (PDF)
        </Button>
        <Button kind="secondary" onClick={() => void download('assessments.debtsFile', { ...input, format: 'xlsx' })}>
          Скачать в Excel
        </Button>
      </div>
      <ErrorBanner error={error ?? problem} />
      {loading && !data ? (
        <Loading />
      ) : (
        data && (
          <>
            <div className="stats">
              <Stat label="задолженностей" value={open.length} tone={open.length ? 'bad' : 'good'} />
              <Stat label="должников" value={new Set(open.map((r) => r.studentId)).size} />
              <Stat label="ликвидировано" value={data.rows.length - open.length} />
            </div>
            {rows.length === 0 ? (
              <p className="muted">Задолженностей нет.</p>
            ) : (
              <table className="table" aria-label="Задолженности">
                <thead>
                  <tr>
                    <th>Группа</th>
                    <th>Обучающийся</th>
                    <th>Дисциплина</th>
                    <th>Период</th>
                    <th>Форма</th>
                    <th>Результат</th>
                    <th>Пересдачи</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <DebtLine
                      key={`${r.journalId}-${r.studentId}-${r.periodId}`}
                      r={r}
                      onIssue={() => setIssuing(r)}
                      onRecord={setRecording}
                      onSheet={(id) => void download('resits.sheetFile', { resitId: id })}
                    />
                  ))}
                </tbody>
              </table>
            )}
          </>
        )
      )}
      {issuing && (
        <IssueDialog
          debt={issuing}
          today={filters.today}
          onClose={() => setIssuing(null)}
          onDone={() => {
            setIssuing(null);
            void reload();
          }}
        />
      )}
      {recording && (
        <RecordDialog
          resit={recording}
          today={filters.today}
          onClose={() => setRecording(null)}
          onDone={() => {
            setRecording(null);
            void reload();
          }}
        />
      )}
    </>
  );
}

function DebtLine({
  r,
  onIssue,
  onRecord,
  onSheet,
}: {
  r: DebtRow;
  onIssue: () => void;
  onRecord: (resit: ResitInfo) => void;
  onSheet: (resitId: number) => void;
}) {
  const pending = r.resits.find((x) => x.heldOn === null);
  return (
    <tr className={r.open ? undefined : 'muted'}>
      <td>{r.groupName}</td>
      <td>{r.studentName}</td>
      <td>{r.subjectName}</td>
      <td>{r.periodTitle}</td>
      <td>{RESIT_FORMS[r.kind]}</td>
      <td className={r.open ? 'num-bad' : undefined}>{r.originalText}</td>
      <td className="small">
        {r.resits.map((x) => (
          <div key={x.id}>
            {resitLine(x)}{' '}
            <Button kind="link" onClick={() => onSheet(x.id)}>
              лист
            </Button>
            {r.canResit && (
              <Button kind="link" onClick={() => onRecord(x)}>
                {x.heldOn ? 'исправить' : 'внести результат'}
              </Button>
            )}
          </div>
        ))}
        {!r.open && <div>ликвидирована</div>}
      </td>
      <td>
        {r.open && r.canResit && !pending && (
          <Button kind="secondary" onClick={onIssue}>
            Направление
          </Button>
        )}
      </td>
    </tr>
  );
}
