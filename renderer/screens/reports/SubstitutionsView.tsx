// The month's substitutions on screen: who replaced whom, hours once held, and each substitute's total (payroll).
import type { SubstitutionsReport } from '../../../electron/api/contract';
import { ruDate } from '../../../electron/domain/format-dates';
import { hrs } from '../../../electron/domain/format-numbers';
import { useWords } from '../../components/words';
import { Num } from './ReportViews';

export function SubstitutionsView({ r }: { r: SubstitutionsReport }) {
  const w = useWords();
  if (r.rows.length === 0) return <p className="muted">Замен за месяц не было.</p>;
  return (
    <>
      <table className="table report-table" aria-label="Замены">
        <thead>
          <tr>
            <th>Дата</th>
            <th className="num">№</th>
            <th>{w.Term('group')}</th>
            <th>{w.Term('subject')}</th>
            <th>Кого заменяли</th>
            <th>Кто заменял</th>
            <th className="num">Часов</th>
            <th>Причина</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.map((x) => (
            <tr key={`${x.date}-${x.lessonNo}-${x.groupName}-${x.subjectName}`}>
              <td className="nowrap">{ruDate(x.date)}</td>
              <Num>{x.lessonNo}</Num>
              <td>{x.groupName}</td>
              <td>{x.subjectName}</td>
              <td>{x.absentName}</td>
              <td>{x.substituteName}</td>
              <Num>{x.held ? hrs(x.hours) : <span className="tag tag-warn">не проведено</span>}</Num>
              <td>{x.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table report-table" aria-label="Итого по заменявшим">
        <caption>Итого по заменявшим</caption>
        <thead>
          <tr>
            <th>{w.Short('teacher')}</th>
            <th className="num">Проведено замен</th>
            <th className="num">Часов</th>
          </tr>
        </thead>
        <tbody>
          {r.bySubstitute.map((t) => (
            <tr key={t.substituteId}>
              <td>{t.name}</td>
              <Num>{t.lessons}</Num>
              <Num>{hrs(t.hours)}</Num>
            </tr>
          ))}
          <tr className="row-total">
            <td>Всего</td>
            <Num>{r.bySubstitute.reduce((s, t) => s + t.lessons, 0)}</Num>
            <Num>{hrs(r.totalHours)}</Num>
          </tr>
        </tbody>
      </table>
    </>
  );
}
