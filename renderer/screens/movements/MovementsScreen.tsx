// The movement of students over a period (000 §3.2.4): arrivals, departures and transfers between
// groups, each with its order — on screen and in Excel.
import { useWords } from '../../components/words';
import type { Words } from '../../../electron/domain/vocabulary';
import { useState } from 'react';
import type { Me } from '../../../electron/api/contract';
import { call, saveFile } from '../../api';
import { Button, ErrorBanner, Loading, Stat } from '../../components/ui';
import { DepartmentFilter } from '../../components/DepartmentFilter';
import { useCall } from '../../components/useCall';
import { ruDate } from '../../../electron/domain/format-dates';
import { DateInput } from '../../components/DateInput';
import { useToday } from '../../components/today';

/** Arrivals green, departures red, moves between groups amber. */
const DIRECTION_TAGS = { in: 'tag-ok', out: 'tag-bad', move: 'tag-warn' } as const;

const kindLabels = (w: Words) => ({
  admission: 'зачисление',
  arrival: 'прибытие из другой организации',
  transfer: `перевод в ${{ f: 'другую', m: 'другой', n: 'другое' }[w.gender('group')]} ${w.term('group', 'acc')}`,
  withdrawal: 'отчисление',
  graduation: 'выпуск',
  departure: 'выбытие в другую организацию',
});

function monthStart(today: string): string {
  return `${today.slice(0, 7)}-01`;
}

export function MovementsScreen({ me }: { me: Me }) {
  const w = useWords();
  const today = useToday();
  const [range, setRange] = useState({ from: monthStart(today), to: today });
  const [departmentId, setDepartmentId] = useState('');
  const input = { ...range, departmentId: departmentId ? Number(departmentId) : undefined };
  const { data, error, loading } = useCall('enrolments.movements', input);
  const [problem, setProblem] = useState<unknown>(null);
  async function xlsx() {
    try {
      const f = await call('enrolments.movementsXlsx', input);
      saveFile(f.fileName, f.base64, f.mime);
    } catch (e) {
      setProblem(e);
    }
  }
  return (
    <div className="page">
      <div className="page-head">
        <h1>Движение контингента</h1>
        <Button kind="secondary" onClick={() => void xlsx()}>
          Скачать в Excel
        </Button>
      </div>
      <div className="filters">
        <label className="filter">
          С
          <DateInput aria-label="Начало периода" value={range.from} onChange={(v) => setRange({ ...range, from: v })} />
        </label>
        <label className="filter">
          По
          <DateInput aria-label="Конец периода" value={range.to} onChange={(v) => setRange({ ...range, to: v })} />
        </label>
        <DepartmentFilter me={me} value={departmentId} onChange={setDepartmentId} />
      </div>
      <ErrorBanner error={error ?? problem} />
      {loading && !data ? (
        <Loading />
      ) : (
        data && (
          <>
            <div className="stats">
              <Stat label="прибыло" value={data.arrived} />
              <Stat label="выбыло" value={data.left} tone={data.left ? 'bad' : undefined} />
              <Stat label={`переведено между ${w.term('group', 'ins', 'many')}`} value={data.moved} />
            </div>
            <table className="table" aria-label="Движение контингента">
              <thead>
                <tr>
                  <th>Дата</th>
                  <th>Движение</th>
                  <th>Обучающийся</th>
                  <th>{w.Term('group')}</th>
                  <th>Из {w.term('group', 'gen')}</th>
                  <th>Приказ</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r, i) => (
                  <tr key={i}>
                    <td className="nowrap">{ruDate(r.date)}</td>
                    <td>
                      <span className={`tag ${DIRECTION_TAGS[r.direction]}`}>{kindLabels(w)[r.kind]}</span>
                    </td>
                    <td>{r.studentName}</td>
                    <td>{r.groupName}</td>
                    <td>{r.fromGroupName ?? ''}</td>
                    <td className="nowrap">
                      № {r.orderNo} от {ruDate(r.orderDate)}
                    </td>
                  </tr>
                ))}
                {data.rows.length === 0 && (
                  <tr>
                    <td colSpan={6} className="muted">
                      За {ruDate(data.from)}–{ruDate(data.to)} движения не было
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </>
        )
      )}
    </div>
  );
}
