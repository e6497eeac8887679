// The audit log for the administrator and the director: who did what and when, the values before and
// after in words; filters by user, action, journal, student and dates; pages; export to Excel.
import { useEffect, useState } from 'react';
import type { AuditOptions, AuditRow, Input } from '../../../electron/api/contract';
import { call, saveFile } from '../../api';
import { Button, ErrorBanner, Loading, Notice } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { Pager } from '../../components/lists';
import { ruDateTime } from '../../../electron/domain/format-dates';
import { Lookup, type Picked } from './Lookup';
import { DateInput, whenValid } from '../../components/DateInput';

type Filter = Input<'audit.export'>;
const PAGE_SIZE = 50;

function Changes({ row }: { row: AuditRow }) {
  if (row.changes.length === 0) return <span className="muted">—</span>;
  // A record without «before» (a creation, a login, an export) is just a list of what it holds.
  if (row.before === null || row.after === null) {
    const side = row.before === null ? 'after' : 'before';
    return (
      <table className="changes" aria-label={side === 'after' ? 'Сведения' : 'Удалено'}>
        <tbody>
          {row.changes.map((c) => (
            <tr key={c.field || 'value'}>
              <th scope="row">{c.label}</th>
              <td className={side === 'after' ? '' : 'was'}>{c[side]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <table className="changes" aria-label="Изменения">
      <tbody>
        {row.changes.map((c) => (
          <tr key={c.field || 'value'}>
            <th scope="row">{c.label}</th>
            <td className="was">{c.before || <span className="muted">—</span>}</td>
            <td aria-hidden>→</td>
            <td className="now">{c.after || <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AuditScreen() {
  const [options, setOptions] = useState<AuditOptions | null>(null);
  const [userId, setUserId] = useState('');
  const [action, setAction] = useState('');
  const [journal, setJournal] = useState<Picked | null>(null);
  const [student, setStudent] = useState<Picked | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const [exported, setExported] = useState<string | null>(null);

  useEffect(() => {
    call('audit.options', {}).then(setOptions, () => undefined);
  }, []);
  const filter: Filter = {
    ...(userId ? { userId: Number(userId) } : {}),
    ...(action ? { action } : {}),
    ...(journal ? { journalId: journal.id } : {}),
    ...(student ? { studentId: student.id } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const { data, error, loading } = useCall('audit.list', { ...filter, page, pageSize: PAGE_SIZE });
  useEffect(() => {
    setPage(1);
  }, [userId, action, journal, student, from, to]);

  async function exportXlsx() {
    setExporting(true);
    setExportError(null);
    try {
      const file = await call('audit.export', filter);
      saveFile(file.fileName, file.base64, file.mime);
      setExported(`Выгружено записей: ${file.rows}. Выгрузка отмечена в журнале аудита.`);
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  }

  const reset = () => {
    setUserId('');
    setAction('');
    setJournal(null);
    setStudent(null);
    setFrom('');
    setTo('');
  };
  return (
    <div className="page">
      <div className="page-head">
        <h1>Журнал аудита</h1>
        <Button onClick={exportXlsx} disabled={exporting || !data || data.total === 0}>
          {exporting ? 'Выгрузка…' : 'Выгрузить в Excel'}
        </Button>
      </div>
      <div className="filters audit-filters" role="search">
        <label className="filter">
          Пользователь
          <select value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">все</option>
            {options?.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.fullName} ({u.login})
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          Действие
          <select value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">все</option>
            {options?.actions.map((a) => (
              <option key={a.code} value={a.code}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <Lookup kind="journal" label="Журнал" value={journal} onChange={setJournal} />
        <Lookup kind="student" label="Обучающийся" value={student} onChange={setStudent} />
        <label className="filter">
          С<DateInput value={from} onChange={whenValid(setFrom)} />
        </label>
        <label className="filter">
          По
          <DateInput value={to} onChange={whenValid(setTo)} />
        </label>
        <Button kind="link" onClick={reset}>
          сбросить отбор
        </Button>
      </div>
      {exported && <Notice kind="ok">{exported}</Notice>}
      <ErrorBanner error={exportError ?? error} />
      {loading && !data ? (
        <Loading />
      ) : (
        data && (
          <>
            <table className="table audit-table" aria-label="Записи журнала аудита">
              <thead>
                <tr>
                  <th>Когда</th>
                  <th>Кто</th>
                  <th>Действие</th>
                  <th>К чему относится</th>
                  <th>Было → стало</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.id}>
                    <td className="nowrap small">{ruDateTime(r.at)}</td>
                    <td className="small">
                      {r.userName ?? <span className="muted">—</span>}
                      {r.login && (
                        <div className="muted">
                          <code>{r.login}</code>
                        </div>
                      )}
                    </td>
                    <td>{r.actionLabel}</td>
                    <td className="small">
                      {r.entityLabel}
                      {r.entityTitle ? (
                        <>: {r.entityTitle}</>
                      ) : (
                        r.entityId && <span className="muted"> №{r.entityId}</span>
                      )}
                      {r.journalTitle && r.entity !== 'journal' && <div>Журнал: {r.journalTitle}</div>}
                      {r.studentName && <div>Обучающийся: {r.studentName}</div>}
                    </td>
                    <td className="small">
                      <Changes row={r} />
                    </td>
                  </tr>
                ))}
                {data.rows.length === 0 && (
                  <tr>
                    <td colSpan={5} className="muted">
                      Нет записей по этому отбору
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
            <Pager
              page={data.page}
              pageSize={data.pageSize}
              total={data.total}
              onPage={setPage}
              back="← Новее"
              forward="Старше →"
            />
          </>
        )
      )}
    </div>
  );
}
