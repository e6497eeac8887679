// The period's absences and late arrivals with the reason and the curator's decision on it: a table
// on a computer, one entry per lesson on a phone.
import { useWords } from '../../components/words';
import type { FamilyAbsence } from '../../../electron/api/contract';
import { useNarrow } from '../../app/useNarrow';
import { Card } from '../../components/ui';
import { ruDate } from '../../../electron/domain/format-dates';
import { ATTENDANCE_LABELS } from '../../../electron/domain/labels';

const STATUS = {
  confirmed: ['tag-ok', 'причина подтверждена'],
  rejected: ['tag-bad', 'причина не принята'],
  submitted: ['tag-warn', 'причина на рассмотрении'],
} as const;

export function Absences({ absences }: { absences: FamilyAbsence[] }) {
  const narrow = useNarrow();
  const w = useWords();
  return (
    <Card title="Пропуски и опоздания за период">
      {absences.length === 0 ? (
        <p className="muted">Пропусков нет.</p>
      ) : narrow ? (
        <ul className="entry-list">
          {absences.map((a, i) => (
            <li key={i}>
              <div className="muted small">
                {ruDate(a.date)}, {a.lessonNo}-е занятие
              </div>
              <strong>{a.subject}</strong>
              <div>
                <What a={a} />
              </div>
              <Reason a={a} />
            </li>
          ))}
        </ul>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Дата</th>
              <th>{w.Term('subject')}</th>
              <th>Отметка</th>
              <th>Причина</th>
            </tr>
          </thead>
          <tbody>
            {absences.map((a, i) => (
              <tr key={i}>
                <td>
                  {ruDate(a.date)}, {a.lessonNo}-е
                </td>
                <td>{a.subject}</td>
                <td>
                  <What a={a} />
                </td>
                <td>
                  <Reason a={a} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function What({ a }: { a: FamilyAbsence }) {
  return (
    <>
      <span className={`att-badge att-${a.code}`}>{a.code}</span> {ATTENDANCE_LABELS[a.code]}
      {a.lateMinutes ? ` на ${a.lateMinutes} мин` : ''}
    </>
  );
}

function Reason({ a }: { a: FamilyAbsence }) {
  if (!a.reason && !a.excuseStatus) return null;
  return (
    <div className="absence-reason">
      {a.reason ?? ''}
      {a.excuseStatus && <span className={`tag ${STATUS[a.excuseStatus][0]}`}>{STATUS[a.excuseStatus][1]}</span>}
    </div>
  );
}
