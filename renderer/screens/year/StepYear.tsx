// Step 1: the year's dates and periods (half-years, semesters or quarters), holidays and vacations;
// closing the year when it is over.
import { useState, type FormEvent } from 'react';
import type { Me, YearInfo } from '../../../electron/api/contract';
import type { PeriodKind } from '../../../electron/domain/enums';
import { ApiError, call } from '../../api';
import { Button, Card, ErrorBanner, Field, Notice } from '../../components/ui';
import { YEAR_STATUS_LABELS } from '../../../electron/domain/labels';
import { ruDate, ruDateTime } from '../../../electron/domain/format-dates';
import { PERIOD_KIND_LABELS } from './words';
import { DateField } from '../../components/DateInput';
import { useToday } from '../../components/today';
import { Periods } from './YearPeriods';
import { Holidays } from './YearHolidays';

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
            <Holidays key={year.id} year={year} editable={admin && year.status === 'open'} />
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
  const today = useToday();
  const latest = years[0];
  // The year after the latest; without one, from June on the year being prepared starts this September.
  const thisYear = Number(today.slice(0, 4));
  const first = latest ? Number(latest.title.slice(0, 4)) + 1 : today.slice(5, 7) >= '06' ? thisYear : thisYear - 1;
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
