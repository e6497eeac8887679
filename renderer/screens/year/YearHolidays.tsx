// The year's holidays and vacations: consecutive days under one title shown as one range.
import { useState, type FormEvent } from 'react';
import type { HolidayInfo, YearInfo } from '../../../electron/api/contract';
import { ApiError, call } from '../../api';
import { Button, Card, ErrorBanner, Field } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { ruDate } from '../../../electron/domain/format-dates';
import { DateField } from '../../components/DateInput';

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

export function Holidays({ year, editable }: { year: YearInfo; editable: boolean }) {
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
