// Step 7: the working regime — lessons a day and the bells — and the way into the timetable.
import { useWords } from '../../components/words';
import { useEffect, useState } from 'react';
import type { BellInfo } from '../../../electron/api/contract';
import { ApiError, call } from '../../api';
import { Button, Card, ErrorBanner, Field, Notice } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { ImportDialog } from './ImportDialog';
import type { StepProps } from './YearScreen';
import { TimeInput } from '../../components/TimeInput';

/** A college's pairs of 90 minutes. */
const PAIR_BELLS = [
  ['08:30', '10:00'],
  ['10:10', '11:40'],
  ['12:10', '13:40'],
  ['13:50', '15:20'],
  ['15:30', '17:00'],
  ['17:10', '18:40'],
  ['18:50', '20:20'],
  ['20:30', '22:00'],
];

/** A school's and a centre's lessons of 45 minutes with 10-minute breaks, from 08:30 (a centre's day is long). */
const LESSON_BELLS = Array.from({ length: 12 }, (_, i) => {
  const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const start = 8 * 60 + 30 + i * 55;
  return [hm(start), hm(start + 45)] as const;
});

export function StepRegime({ year, me }: StepProps) {
  const w = useWords();
  const DEFAULT_BELLS = w.kind === 'college' ? PAIR_BELLS : LESSON_BELLS;
  const admin = me.roles.some((r) => r.role === 'admin');
  const { data } = useCall('bells.list', {});
  const { data: view } = useCall('timetable.list', { yearId: year.id });
  const [rows, setRows] = useState<BellInfo[]>([]);
  const [perDay, setPerDay] = useState('8');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [importing, setImporting] = useState(false);
  useEffect(() => {
    if (!data || !view) return;
    setPerDay(String(view.lessonsPerDay));
    setRows(
      data.length > 0
        ? data
        : DEFAULT_BELLS.slice(0, view.lessonsPerDay).map(([s, e], i) => ({
            lessonNo: i + 1,
            startsAt: s!,
            endsAt: e!,
          })),
    );
  }, [data, view]);
  const n = Math.max(1, Math.min(12, Number(perDay) || 1));
  const shown = Array.from(
    { length: n },
    (_, i) => rows.find((r) => r.lessonNo === i + 1) ?? { lessonNo: i + 1, startsAt: '', endsAt: '' },
  );
  const set = (no: number, patch: Partial<BellInfo>) => {
    setRows(
      [...shown.filter((r) => r.lessonNo !== no), { ...shown[no - 1]!, ...patch }].sort(
        (a, b) => a.lessonNo - b.lessonNo,
      ),
    );
    setSaved(false);
  };
  async function save() {
    try {
      const list = await call('bells.save', { bells: shown.filter((b) => b.startsAt && b.endsAt), lessonsPerDay: n });
      setRows(list);
      setError(null);
      setSaved(true);
    } catch (e) {
      setError(e as ApiError);
    }
  }
  return (
    <div className="cards">
      <Card title="Звонки">
        <ErrorBanner error={error} />
        {saved && <Notice kind="ok">Расписание звонков сохранено</Notice>}
        <Field
          label="Занятий в день"
          type="number"
          min={1}
          max={12}
          value={perDay}
          disabled={!admin}
          onChange={(e) => {
            setPerDay(e.target.value);
            setSaved(false);
          }}
          error={error?.fields.lessonsPerDay}
        />
        <table className="table" aria-label="Звонки">
          <thead>
            <tr>
              <th>№</th>
              <th>Начало</th>
              <th>Конец</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((b) => (
              <tr key={b.lessonNo}>
                <td>{b.lessonNo}</td>
                <td>
                  <TimeInput
                    aria-label={`Начало занятия ${b.lessonNo}`}
                    value={b.startsAt}
                    disabled={!admin}
                    onChange={(v) => set(b.lessonNo, { startsAt: v })}
                  />
                </td>
                <td>
                  <TimeInput
                    aria-label={`Конец занятия ${b.lessonNo}`}
                    value={b.endsAt}
                    disabled={!admin}
                    onChange={(v) => set(b.lessonNo, { endsAt: v })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {admin && <Button onClick={() => void save()}>Сохранить звонки</Button>}
      </Card>
      <Card title="Расписание занятий">
        <p>В расписании {view?.entries.length ?? '…'} занятий в неделю.</p>
        <p className="muted small">
          Каждое занятие — журнал {w.term('group', 'gen')} в день недели и номер занятия, по каждой неделе или только по
          чётным/нечётным, с аудиторией. Программа не даст поставить {w.short('teacher', 'acc')}, аудиторию или{' '}
          {w.term('group', 'acc')} в два места сразу.
        </p>
        <div className="row">
          <a className="btn btn-primary" href={`#/timetable?year=${year.id}`}>
            Открыть расписание
          </a>
          {admin && year.status === 'open' && (
            <Button kind="secondary" onClick={() => setImporting(true)}>
              Загрузить расписание из Excel
            </Button>
          )}
        </div>
      </Card>
      {importing && (
        <ImportDialog
          list="timetable"
          yearId={year.id}
          onClose={() => setImporting(false)}
          onImported={() => undefined}
        />
      )}
    </div>
  );
}
