// A centre's reports on screen (seed 000): attendance by объединение and month, человеко-часы, сохранность
// контингента — the same figures as their PDF and Excel copies.
import type {
  PersonHoursReport,
  RetentionReport,
  UnionAttendanceCell,
  UnionAttendanceReport,
} from '../../../electron/api/contract';
import { hrs, pct } from '../../../electron/domain/format-numbers';
import { Stat } from '../../components/ui';
import { useWords } from '../../components/words';
import { Num } from './ReportViews';

function AttendanceCells({ c }: { c: UnionAttendanceCell }) {
  return (
    <>
      <Num>{c.students}</Num>
      <Num>{c.lessons}</Num>
      <Num>{c.attendances}</Num>
      <Num>{c.possible}</Num>
      <Num>{pct(c.presence)}</Num>
    </>
  );
}

export function UnionAttendanceView({ r }: { r: UnionAttendanceReport }) {
  const w = useWords();
  return (
    <>
      <div className="stats">
        <Stat label={w.term('group', 'gen', 'many')} value={r.rows.length} />
        <Stat label="занятий" value={r.totals.total.lessons} />
        <Stat label="посещений" value={r.totals.total.attendances} />
        <Stat label="посещаемость" value={pct(r.totals.total.presence)} />
      </div>
      <table className="table report-table">
        <caption>Посещаемость по {w.term('group', 'dat', 'many')} и месяцам</caption>
        <thead>
          <tr>
            <th>{w.Term('group')}</th>
            <th>Месяц</th>
            <th>Детей в списке</th>
            <th>Занятий</th>
            <th>Посещений</th>
            <th>Возможно посещений</th>
            <th>Посещаемость</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.flatMap((x) => [
            ...x.months.map((c, i) => (
              <tr key={`${x.groupId}-${i}`}>
                <td>{i === 0 ? x.groupName : ''}</td>
                <td>{r.months[i]!.title}</td>
                <AttendanceCells c={c} />
              </tr>
            )),
            <tr key={`${x.groupId}-total`} className="row-total">
              <td>{x.teachers}</td>
              <td>за период</td>
              <AttendanceCells c={x.total} />
            </tr>,
          ])}
          <tr className="row-total">
            <td>Всего</td>
            <td />
            <AttendanceCells c={r.totals.total} />
          </tr>
        </tbody>
      </table>
    </>
  );
}

export function PersonHoursView({ r }: { r: PersonHoursReport }) {
  const w = useWords();
  const head = (first: string) => (
    <thead>
      <tr>
        <th>{first}</th>
        {r.months.map((m) => (
          <th key={m.key}>{m.title.split(' ')[0]}</th>
        ))}
        <th>Всего</th>
      </tr>
    </thead>
  );
  const cells = (hours: number[], total: number) => (
    <>
      {hours.map((h, i) => (
        <Num key={i}>{h ? hrs(h) : ''}</Num>
      ))}
      <Num>{hrs(total)}</Num>
    </>
  );
  return (
    <>
      <div className="stats">
        <Stat label="человеко-часов за период" value={hrs(r.total)} />
        <Stat label={w.term('group', 'gen', 'many')} value={r.rows.length} />
      </div>
      <table className="table report-table hours-table">
        <caption>Человеко-часы по {w.term('group', 'dat', 'many')}</caption>
        {head(w.Term('group'))}
        <tbody>
          {r.rows.map((x) => (
            <tr key={x.groupId}>
              <td>{x.groupName}</td>
              {cells(x.hours, x.total)}
            </tr>
          ))}
          <tr className="row-total">
            <td>Итого</td>
            {cells(r.totals, r.total)}
          </tr>
        </tbody>
      </table>
      {r.departments.length > 0 && (
        <table className="table report-table hours-table">
          <caption>По направленностям ({w.term('department', 'dat', 'many')})</caption>
          {head(w.Term('department'))}
          <tbody>
            {r.departments.map((d) => (
              <tr key={d.key ?? 0}>
                <td>{d.name}</td>
                {cells(d.hours, d.total)}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function RetentionView({ r }: { r: RetentionReport }) {
  const w = useWords();
  const last = r.totals.months.at(-1);
  return (
    <>
      <div className="stats">
        <Stat label="в списке на начало" value={r.totals.start} />
        <Stat label="в списке сейчас" value={last?.end ?? r.totals.start} />
        <Stat label="сохранность" value={pct(last?.retained ?? null)} />
      </div>
      <table className="table report-table">
        <caption>Сохранность контингента по {w.term('group', 'dat', 'many')} и месяцам</caption>
        <thead>
          <tr>
            <th>{w.Term('group')}</th>
            <th>Месяц</th>
            <th>На начало</th>
            <th>Зачислено</th>
            <th>Выбыло</th>
            <th>На конец месяца</th>
            <th>Сохранность</th>
          </tr>
        </thead>
        <tbody>
          {[...r.rows, { groupId: 0, groupName: 'Всего', start: r.totals.start, months: r.totals.months }].flatMap(
            (x) =>
              x.months.map((c, i) => (
                <tr key={`${x.groupId}-${i}`} className={x.groupId === 0 ? 'row-total' : ''}>
                  <td>{i === 0 ? x.groupName : ''}</td>
                  <td>{r.months[i]!.title}</td>
                  <Num>{i === 0 ? x.start : ''}</Num>
                  <Num>{c.enrolled}</Num>
                  <Num>{c.withdrawn}</Num>
                  <Num>{c.end}</Num>
                  <Num>{pct(c.retained)}</Num>
                </tr>
              )),
          )}
        </tbody>
      </table>
    </>
  );
}
