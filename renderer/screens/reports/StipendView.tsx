// The stipend committee's monthly sheet on screen: per group, each student's hours missed — excused and not — and
// the documents behind the excuses, with the group's total.
import type { StipendSheet } from '../../../electron/api/contract';
import { hrs } from '../../../electron/domain/format-numbers';
import { useWords } from '../../components/words';
import { Num } from './ReportViews';

export function StipendView({ r }: { r: StipendSheet }) {
  const w = useWords();
  if (r.groups.length === 0) return <p className="muted">Нет {w.term('group', 'gen', 'many')} в выборке.</p>;
  return (
    <>
      {r.groups.map((g) => (
        <table key={g.groupId} className="table report-table" aria-label={`Пропуски: ${g.groupName}`}>
          <caption>
            {w.Term('group')} {g.groupName}, {g.course} курс
            {g.departmentName ? ` · ${g.departmentName}` : ''}
            {g.curatorName ? ` · ${w.term('curator')} ${g.curatorName}` : ''}
          </caption>
          <thead>
            <tr>
              <th>Обучающийся</th>
              <th className="num">Пропущено, ч</th>
              <th className="num">По уважительной, ч</th>
              <th className="num">Без уважительной, ч</th>
              <th>Подтверждающие документы</th>
            </tr>
          </thead>
          <tbody>
            {g.rows.map((x) => (
              <tr key={x.studentId}>
                <td>{x.name}</td>
                <Num>{x.missed ? hrs(x.missed) : ''}</Num>
                <Num>{x.excused ? hrs(x.excused) : ''}</Num>
                <Num bad={x.unexcused > 0}>{x.unexcused ? hrs(x.unexcused) : ''}</Num>
                <td className="small">{x.documents.join('; ')}</td>
              </tr>
            ))}
            <tr className="row-total">
              <td>Итого по {w.term('group', 'dat')}</td>
              <Num>{hrs(g.total.missed)}</Num>
              <Num>{hrs(g.total.excused)}</Num>
              <Num>{hrs(g.total.unexcused)}</Num>
              <td />
            </tr>
          </tbody>
        </table>
      ))}
    </>
  );
}
