// The year's dates and its periods (half-years, semesters or quarters): editing them, locking a period
// against teachers' entries.
import { useState } from 'react';
import type { YearInfo } from '../../../electron/api/contract';
import type { PeriodKind } from '../../../electron/domain/enums';
import { ApiError, call } from '../../api';
import { Button, Card, ErrorBanner, Notice } from '../../components/ui';
import { YEAR_STATUS_LABELS } from '../../../electron/domain/labels';
import { PERIOD_KIND_LABELS } from './words';
import { DateField, DateInput } from '../../components/DateInput';

interface PeriodRow {
  id?: number;
  title: string;
  startsOn: string;
  endsOn: string;
  locked: boolean;
  version?: number;
}

export function Periods({
  year,
  editable,
  onSaved,
}: {
  year: YearInfo;
  editable: boolean;
  onSaved: () => Promise<unknown>;
}) {
  const [kind, setKind] = useState<PeriodKind>(year.periodKind ?? 'semester');
  const [rows, setRows] = useState<PeriodRow[]>(year.periods.map((p) => ({ ...p })));
  const [dates, setDates] = useState({ startsOn: year.startsOn, endsOn: year.endsOn });
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const set = (i: number, patch: Partial<PeriodRow>) => {
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    setSaved(false);
  };
  async function save() {
    try {
      await call('years.update', {
        id: year.id,
        version: year.version,
        ...dates,
        periodKind: kind,
        periods: rows.map((r) => ({ id: r.id, title: r.title, startsOn: r.startsOn, endsOn: r.endsOn })),
      });
      setError(null);
      setSaved(true);
      await onSaved();
    } catch (e) {
      setError(e as ApiError);
    }
  }
  async function toggleLock(p: PeriodRow) {
    try {
      await call('periods.setLocked', { id: p.id!, version: p.version!, locked: !p.locked });
      await onSaved();
    } catch (e) {
      setError(e as ApiError);
    }
  }
  return (
    <Card title={`Даты и периоды · ${YEAR_STATUS_LABELS[year.status]}`}>
      <ErrorBanner error={error} />
      {saved && <Notice kind="ok">Сохранено</Notice>}
      <div className="form-grid">
        <DateField
          label="Начало года"
          value={dates.startsOn}
          disabled={!editable}
          onChange={(v) => setDates({ ...dates, startsOn: v })}
          error={error?.fields.startsOn}
        />
        <DateField
          label="Конец года"
          value={dates.endsOn}
          disabled={!editable}
          onChange={(v) => setDates({ ...dates, endsOn: v })}
          error={error?.fields.endsOn}
        />
        <div className="field">
          <label htmlFor="kind-edit">Вид периодов</label>
          <select
            id="kind-edit"
            value={kind}
            disabled={!editable}
            onChange={(e) => setKind(e.target.value as PeriodKind)}
          >
            {(Object.keys(PERIOD_KIND_LABELS) as PeriodKind[]).map((k) => (
              <option key={k} value={k}>
                {PERIOD_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <table className="table" aria-label="Периоды">
        <thead>
          <tr>
            <th>Период</th>
            <th>Начало</th>
            <th>Конец</th>
            <th>Записи учителей</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.id ?? `new-${i}`} className={error?.fields[`periods.${i}`] ? 'row-invalid' : ''}>
              <td>
                <input
                  aria-label={`Название периода ${i + 1}`}
                  value={r.title}
                  disabled={!editable}
                  onChange={(e) => set(i, { title: e.target.value })}
                />
              </td>
              <td>
                <DateInput
                  aria-label={`Начало периода ${i + 1}`}
                  value={r.startsOn}
                  disabled={!editable}
                  onChange={(v) => set(i, { startsOn: v })}
                />
              </td>
              <td>
                <DateInput
                  aria-label={`Конец периода ${i + 1}`}
                  value={r.endsOn}
                  disabled={!editable}
                  onChange={(v) => set(i, { endsOn: v })}
                />
              </td>
              <td>
                {r.id ? (
                  <label className="check">
                    <input
                      type="checkbox"
                      aria-label={`Период ${r.title} закрыт для записей`}
                      checked={r.locked}
                      disabled={!editable}
                      onChange={() => void toggleLock(r)}
                    />{' '}
                    закрыт
                  </label>
                ) : (
                  <span className="muted small">новый</span>
                )}
              </td>
              <td>
                {editable && rows.length > 1 && (
                  <Button
                    kind="link"
                    aria-label={`Убрать период ${r.title}`}
                    onClick={() => {
                      setRows(rows.filter((_, j) => j !== i));
                      setSaved(false);
                    }}
                  >
                    убрать
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editable && (
        <div className="row">
          <Button
            kind="secondary"
            onClick={() =>
              setRows([
                ...rows,
                {
                  title: `${rows.length + 1} ${PERIOD_KIND_LABELS[kind].replace(/ы$|и$/, '')}`,
                  startsOn: '',
                  endsOn: '',
                  locked: false,
                },
              ])
            }
          >
            Добавить период
          </Button>
          <Button onClick={() => void save()}>Сохранить даты и периоды</Button>
        </div>
      )}
    </Card>
  );
}
