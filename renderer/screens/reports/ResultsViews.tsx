// The reports on screen about results and hours: performance, the forecast of who is at risk, and the teachers'
// hours sheet — the same figures as the PDF and Excel copies. The keeping and attendance reports are in
// ReportViews.tsx.
import { useWords } from '../../components/words';
import type { ForecastReport, HoursSheet, PerformanceReport } from '../../../electron/api/contract';
import { Stat } from '../../components/ui';
import { MarksDistribution } from './Charts';
import { groupLabel } from './format';
import { dec, hrs, pct } from '../../../electron/domain/format-numbers';
import { Num } from './ReportViews';

export function PerformanceView({ r }: { r: PerformanceReport }) {
  const w = useWords();
  return (
    <>
      <MarksDistribution distribution={r.distribution} />
      <table className="table report-table">
        <caption>Успеваемость по {w.term('group', 'dat', 'many')}</caption>
        <thead>
          <tr>
            <th>{w.Term('group')}</th>
            <th>{w.Term('department')}</th>
            <th>Обучающихся</th>
            <th>Средний балл</th>
            <th>Качество знаний</th>
            <th>Успеваемость</th>
          </tr>
        </thead>
        <tbody>
          {r.groups.map((g) => (
            <tr key={g.groupId}>
              <td>{g.groupName}</td>
              <td>{g.departmentName}</td>
              <Num>{g.students}</Num>
              <Num>{dec(g.average)}</Num>
              <Num>{pct(g.quality)}</Num>
              <Num bad={g.success !== null && g.success < 1}>{pct(g.success)}</Num>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table report-table">
        <caption>По {w.term('subject', 'dat', 'many')}</caption>
        <thead>
          <tr>
            <th>{w.Term('group')}</th>
            <th>{w.Term('subject')}</th>
            <th>{w.Short('teacher')}</th>
            <th>Аттестовано</th>
            <th>Отметок</th>
            <th>«5»</th>
            <th>«4»</th>
            <th>«3»</th>
            <th>«2»</th>
            <th>Средний балл</th>
            <th>Качество</th>
            <th>Успеваемость</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.map((x) => (
            <tr key={x.journalId}>
              <td>{groupLabel(x)}</td>
              <td>{x.subjectName}</td>
              <td>{x.teacherName}</td>
              <Num>
                {x.attested} из {x.students}
              </Num>
              <Num>{x.marks}</Num>
              <Num>{x.distribution['5']}</Num>
              <Num>{x.distribution['4']}</Num>
              <Num>{x.distribution['3']}</Num>
              <Num bad={x.distribution['2'] > 0}>{x.distribution['2']}</Num>
              <Num>{dec(x.average)}</Num>
              <Num>{pct(x.quality)}</Num>
              <Num bad={x.success !== null && x.success < 1}>{pct(x.success)}</Num>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Результат обучающегося — отметка за период, а если её ещё нет — средневзвешенная текущих отметок, округлённая
        (3,5 → 4). Качество — доля обучающихся с результатом «4» и «5», успеваемость — доля без «2» и «незачёта».
      </p>
    </>
  );
}

const FLAG = {
  few_marks: 'мало отметок',
  low_average: 'низкий балл',
  low_attendance: 'пропуски',
  falling: 'снижение',
} as const;

export function ForecastView({ r }: { r: ForecastReport }) {
  const w = useWords();
  return (
    <>
      <p className="muted small">
        Прогноз — средневзвешенный балл текущих отметок, сдвинутый по их тренду к концу периода не более чем на{' '}
        {dec(r.rules.trendCap, 1)} балла. Группа риска: меньше {r.rules.minMarks} отметок, средний балл ниже{' '}
        {dec(r.rules.lowAverage, 1)}, снижение на 0,5 балла за месяц и больше, посещено меньше{' '}
        {Math.round(r.rules.lowPresence * 100)} % часов.
      </p>
      <div className="stats">
        <Stat label="строк в группе риска" value={r.atRisk} tone={r.atRisk ? 'bad' : 'good'} />
      </div>
      <table className="table report-table">
        <caption>Прогноз и группа риска</caption>
        <thead>
          <tr>
            <th>{w.Term('group')}</th>
            <th>Обучающийся</th>
            <th>{w.Term('subject')}</th>
            <th>Отметок</th>
            <th>Средний</th>
            <th>Тренд за 30 дн.</th>
            <th>Прогноз</th>
            <th>Посещаемость</th>
            <th>Причина</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.map((x) => (
            <tr key={`${x.journalId}-${x.studentId}`} className={x.flags.length ? 'row-bad' : ''}>
              <td>{x.groupName}</td>
              <td>{x.name}</td>
              <td>{x.subjectName}</td>
              <Num bad={x.flags.includes('few_marks')}>{x.marks}</Num>
              <Num bad={x.flags.includes('low_average')}>{dec(x.average)}</Num>
              <Num bad={x.flags.includes('falling')}>{x.trend === null ? '—' : dec(x.trend, 1)}</Num>
              <Num>{x.forecast ?? '—'}</Num>
              <Num bad={x.flags.includes('low_attendance')}>{pct(x.presence, 0)}</Num>
              <td>
                {x.flags.map((f) => (
                  <span key={f} className="tag tag-bad">
                    {FLAG[f]}
                  </span>
                ))}{' '}
                {x.reasons.join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function HoursView({ r }: { r: HoursSheet }) {
  const w = useWords();
  return (
    <table className="table report-table hours-table">
      <caption>{r.month ? `Табель часов: ${r.range.title}` : `Часы по месяцам: ${r.range.title}`}</caption>
      <thead>
        <tr>
          <th>{w.Short('teacher')}</th>
          {r.columns.map((c) => (
            <th key={c.key}>{r.month ? c.title : c.title.split(' ')[0]}</th>
          ))}
          <th>Всего, ч</th>
        </tr>
      </thead>
      <tbody>
        {r.rows.map((x) => (
          <tr key={x.teacherId}>
            <td>{x.name}</td>
            {x.hours.map((h, i) => (
              <Num key={i}>{h ? hrs(h) : ''}</Num>
            ))}
            <Num>{hrs(x.total)}</Num>
          </tr>
        ))}
        <tr className="row-total">
          <td>Итого</td>
          {r.totals.map((h, i) => (
            <Num key={i}>{h ? hrs(h) : ''}</Num>
          ))}
          <Num>{hrs(r.total)}</Num>
        </tr>
      </tbody>
    </table>
  );
}
