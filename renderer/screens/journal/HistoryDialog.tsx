// A journal's change history (issue 14): who changed what and when, before → after, and the reason of a late
// correction — newest first, paged; «только исправления» keeps the corrections with reasons.
import { useState } from 'react';
import { ruDateTime } from '../../../electron/domain/format-dates';
import { Dialog } from '../../components/Dialog';
import { Pager } from '../../components/lists';
import { ErrorBanner, Loading } from '../../components/ui';
import { useCall } from '../../components/useCall';

const PAGE_SIZE = 50;
/** The audit rows' bookkeeping fields: not what a reader of the history looks for. */
const TECHNICAL = new Set(['version', 'columnId', 'lessonId', 'unlockId', 'excuseId', 'date']);

export function HistoryDialog({
  journalId,
  title,
  onClose,
}: {
  journalId: number;
  title: string;
  onClose: () => void;
}) {
  const [page, setPage] = useState(1);
  const [onlyCorrections, setOnlyCorrections] = useState(false);
  const { data, error, loading } = useCall('journal.history', {
    journalId,
    page,
    pageSize: PAGE_SIZE,
    onlyCorrections,
  });
  return (
    <Dialog title={`История изменений: ${title}`} onClose={onClose} wide>
      <label className="inline small">
        <input
          type="checkbox"
          checked={onlyCorrections}
          onChange={(e) => {
            setOnlyCorrections(e.target.checked);
            setPage(1);
          }}
        />
        Только исправления с причиной
      </label>
      <ErrorBanner error={error} />
      {loading && !data ? (
        <Loading />
      ) : (
        data && (
          <>
            <div className="grid-scroll history-scroll">
              <table className="table" aria-label="История изменений журнала">
                <thead>
                  <tr>
                    <th>Когда</th>
                    <th>Кто</th>
                    <th>Что</th>
                    <th>Обучающийся</th>
                    <th>Было → стало</th>
                    <th>Причина</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((r) => (
                    <tr key={r.id} className={r.reason ? 'history-correction' : undefined}>
                      <td className="nowrap">{ruDateTime(r.at)}</td>
                      <td>{r.userName ?? r.login ?? 'программа'}</td>
                      <td>{r.actionLabel}</td>
                      <td>{r.studentName ?? ''}</td>
                      <td className="small">
                        {r.changes
                          .filter((c) => c.before !== c.after && !TECHNICAL.has(c.field))
                          .map((c) => `${c.label}: ${c.before || '—'} → ${c.after || '—'}`)
                          .join('; ')}
                      </td>
                      <td>{r.reason ?? ''}</td>
                    </tr>
                  ))}
                  {data.rows.length === 0 && (
                    <tr>
                      <td colSpan={6} className="muted">
                        {onlyCorrections ? 'Исправлений с причиной не было' : 'Изменений пока нет'}
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
          </>
        )
      )}
    </Dialog>
  );
}
