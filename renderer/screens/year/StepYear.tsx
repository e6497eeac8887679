// Step 1: the year's dates and periods (half-years, semesters or quarters), holidays and vacations;
// closing the year when it is over.
import { useState, type FormEvent } from 'react';
import type { HolidayInfo, Me, YearInfo } from '../../../electron/api/contract';
import type { PeriodKind } from '../../../electron/domain/enums';
import { ApiError, call } from '../../api';
import { Button, Card, ErrorBanner, Field, Notice } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { YEAR_STATUS_LABELS } from '../../../electron/domain/labels';
import { ruDate, ruDateTime } from '../../../electron/domain/format-dates';
import { PERIOD_KIND_LABELS } from './words';
import { DateField, DateInput } from './DateInput';

const KIND_BY_INSTITUTION: Record<string, PeriodKind> = {
  college: 'semester',
  school: 'quarter',
  supplementary: 'half_year',
};

export function StepYear({
  year,
  years,
  me,
  onCreated,
  reloadYears,
}: {
  year: YearInfo | null;
  years: YearInfo[];
  me: Me;
  onCreated: (y: YearInfo) => Promise<void>;
  reloadYears: () => Promise<unknown>;
}) {
  const [creating, setCreating] = useState(years.length === 0);
  const admin = me.roles.some((r) => r.role === 'admin');
  return (
    <div className="page">
      {(creating || !year) && admin && (
        <CreateYear
          me={me}
          years={years}
          onCreated={async (y) => {
            setCreating(false);
            await onCreated(y);
          }}
          onCancel={years.length > 0 ? () => setCreating(false) : undefined}
        />
      )}
      {!year && !admin && <Notice kind="warn">Учебный год ещё не открыт: его открывает администратор.</Notice>}
      {year && !creating && (
        <>
          <Periods
            key={`${year.id}-${year.version}`}
            year={year}
            editable={admin && year.status === 'open'}
            onSaved={reloadYears}
          />
          <div className="cards">
            <Holidays year={year} editable={admin && year.status === 'open'} />
            {admin && <YearState year={year} onChanged={reloadYears} onNew={() => setCreating(true)} />}
          </div>
        </>
      )}
    </div>
  );
}

function CreateYear({
  me,
  years,
  onCreated,
  onCancel,
}: {
  me: Me;
  years: YearInfo[];
  onCreated: (y: YearInfo) => Promise<void>;
  onCancel?: () => void;
}) {
  const latest = years[0];
  const first = latest
    ? Number(latest.title.slice(0, 4)) + 1
    : (() => {
        const d = new Date();
        return d.getMonth() >= 5 ? d.getFullYear() : d.getFullYear() - 1;
      })();
  const [form, setForm] = useState({
    title: `${first}/${first + 1}`,
    startsOn: `${first}-09-01`,
    endsOn: `${first + 1}-08-31`,
    periodKind: (latest?.periodKind ??
      KIND_BY_INSTITUTION[me.institution?.kind ?? 'college'] ??
      'semester') as PeriodKind,
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await onCreated(await call('years.create', form));
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }
  const setTitle = (title: string) => {
    const y = Number(title.slice(0, 4));
    setForm((f) =>
      /^\d{4}\/\d{4}$/.test(title)
        ? { ...f, title, startsOn: `${y}-09-01`, endsOn: `${y + 1}-08-31` }
        : { ...f, title },
    );
  };
  return (
    <Card title="Открыть учебный год">
      <form onSubmit={submit} aria-label="Открыть учебный год">
        <ErrorBanner error={error} />
        <div className="form-grid">
          <Field
            label="Учебный год"
            value={form.title}
            onChange={(e) => setTitle(e.target.value)}
            error={error?.fields.title}
            hint="например, 2026/2027"
            autoFocus
          />
          <DateField
            label="Начало"
            value={form.startsOn}
            onChange={(v) => setForm({ ...form, startsOn: v })}
            error={error?.fields.startsOn}
          />
          <DateField
            label="Конец"
            value={form.endsOn}
            onChange={(v) => setForm({ ...form, endsOn: v })}
            error={error?.fields.endsOn}
          />
          <div className="field">
            <label htmlFor="period-kind">Периоды</label>
            <select
              id="period-kind"
              value={form.periodKind}
              onChange={(e) => setForm({ ...form, periodKind: e.target.value as PeriodKind })}
            >
              {(Object.keys(PERIOD_KIND_LABELS) as PeriodKind[]).map((k) => (
                <option key={k} value={k}>
                  {PERIOD_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="muted small">
          Даты периодов предлагаются обычные для выбранного вида; их можно поправить после открытия года.
        </p>
        <div className="row">
          <Button type="submit" disabled={busy}>
            Открыть год
          </Button>
          {onCancel && (
            <Button kind="secondary" onClick={onCancel}>
              Отмена
            </Button>
          )}
        </div>
      </form>
    </Card>
  );
}

interface PeriodRow {
  id?: number;
  title: string;
  startsOn: string;
  endsOn: string;
  locked: boolean;
  version?: number;
}

function Periods({ year, editable, onSaved }: { year: YearInfo; editable: boolean; onSaved: () => Promise<unknown> }) {
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

/** Consecutive days with one title shown as one line: «31.12.2026–08.01.2027 Новогодние каникулы». */
function ranges(list: HolidayInfo[]): Array<{ from: string; to: string; title: string; dates: string[] }> {
  const out: Array<{ from: string; to: string; title: string; dates: string[] }> = [];
  for (const h of list) {
    const last = out.at(-1);
    const next = last ? new Date(Date.parse(last.to) + 86_400_000).toISOString().slice(0, 10) : '';
    if (last && last.title === h.title && next === h.date) {
      last.to = h.date;
      last.dates.push(h.date);
    } else out.push({ from: h.date, to: h.date, title: h.title, dates: [h.date] });
  }
  return out;
}

function Holidays({ year, editable }: { year: YearInfo; editable: boolean }) {
  const { data, error, setData } = useCall('holidays.list', { yearId: year.id });
  const [form, setForm] = useState({ from: '', to: '', title: '' });
  const [problem, setProblem] = useState<ApiError | null>(null);
  async function add(e: FormEvent) {
    e.preventDefault();
    try {
      setData(
        await call('holidays.add', { yearId: year.id, from: form.from, to: form.to || form.from, title: form.title }),
      );
      setForm({ from: '', to: '', title: '' });
      setProblem(null);
    } catch (err) {
      setProblem(err as ApiError);
    }
  }
  return (
    <Card title="Праздники и каникулы">
      <ErrorBanner error={error ?? problem} />
      <p className="muted small">В эти дни занятия по расписанию не ожидаются.</p>
      <table className="table" aria-label="Праздники и каникулы">
        <tbody>
          {ranges(data ?? []).map((r) => (
            <tr key={r.from}>
              <td className="nowrap">{r.from === r.to ? ruDate(r.from) : `${ruDate(r.from)}–${ruDate(r.to)}`}</td>
              <td>{r.title}</td>
              <td>
                {editable && (
                  <Button
                    kind="link"
                    aria-label={`Убрать ${r.title}`}
                    onClick={async () => {
                      try {
                        setData(await call('holidays.remove', { yearId: year.id, dates: r.dates }));
                      } catch (err) {
                        setProblem(err as ApiError);
                      }
                    }}
                  >
                    убрать
                  </Button>
                )}
              </td>
            </tr>
          ))}
          {data?.length === 0 && (
            <tr>
              <td className="muted">Не заданы</td>
            </tr>
          )}
        </tbody>
      </table>
      {editable && (
        <form className="form-grid" onSubmit={add} aria-label="Добавить праздник или каникулы">
          <DateField
            label="С"
            value={form.from}
            onChange={(v) => setForm({ ...form, from: v })}
            error={problem?.fields.from}
          />
          <DateField
            label="По"
            value={form.to}
            onChange={(v) => setForm({ ...form, to: v })}
            error={problem?.fields.to}
            hint="пусто — один день"
          />
          <Field
            label="Название"
            value={form.title}
            onChange={(e) => setForm({ ...form, title: e.target.value })}
            error={problem?.fields.title}
            placeholder="Зимние каникулы"
          />
          <div className="field field-button">
            <Button type="submit">Добавить</Button>
          </div>
        </form>
      )}
    </Card>
  );
}

function YearState({
  year,
  onChanged,
  onNew,
}: {
  year: YearInfo;
  onChanged: () => Promise<unknown>;
  onNew: () => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const [closedNote, setClosedNote] = useState<string | null>(null);
  async function close() {
    if (
      !window.confirm(
        `Закрыть учебный год ${year.title}? Перед закрытием будет сделана резервная копия журнала; журналы станут ` +
          `доступны только для просмотра.`,
      )
    )
      return;
    setError(null);
    setClosedNote(null);
    try {
      const closed = await call('years.close', { id: year.id, version: year.version });
      setClosedNote(
        `Учебный год ${closed.title} ` +
          `закрыт.${closed.backup ? ` Перед закрытием сделана резервная копия ${closed.backup}.` : ''}`,
      );
      await onChanged();
    } catch (e) {
      setError(e);
    }
  }
  async function reopen() {
    const reason = window.prompt('Почему год открывается снова? (причина попадёт в журнал аудита)');
    if (!reason) return;
    try {
      await call('years.reopen', { id: year.id, version: year.version, reason });
      await onChanged();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <Card title="Состояние года">
      <ErrorBanner error={error} />
      {closedNote && <Notice kind="ok">{closedNote}</Notice>}
      <p>
        Учебный год {year.title}: {ruDate(year.startsOn)}–{ruDate(year.endsOn)}, {YEAR_STATUS_LABELS[year.status]}
        {year.closedAt && <> с {ruDateTime(year.closedAt)}</>}.
      </p>
      <div className="row">
        {year.status === 'open' && (
          <Button kind="danger" onClick={() => void close()}>
            Закрыть учебный год
          </Button>
        )}
        {year.status === 'closed' && (
          <Button kind="secondary" onClick={() => void reopen()}>
            Открыть снова
          </Button>
        )}
        <Button kind="secondary" onClick={onNew}>
          Открыть следующий учебный год
        </Button>
      </div>
    </Card>
  );
}
