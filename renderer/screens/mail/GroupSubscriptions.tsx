// The department head's part (000 §3, 003 §2.3): with the logins of a group's families, whom to send letters
// to — the address from the student's or parent's record is offered, and nothing is sent until it is saved.
import { call } from '../../api';
import { Card, ErrorBanner, Loading } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { SubscriptionForm } from './SubscriptionForm';

export function GroupSubscriptions({ groupId }: { groupId: number }) {
  const { data, error } = useCall('mail.recipients', { groupId });
  return (
    <Card title="Письма на почту">
      <p className="muted small">
        Письма о пропусках, новых отметках и итогах недели. Родители и обучающиеся могут изменить это сами в дневнике; в
        каждом письме есть ссылка, чтобы отказаться от него.
      </p>
      <ErrorBanner error={error} />
      {!data && !error && <Loading />}
      {data && (
        <table className="table mail-table" aria-label="Письма на почту">
          <thead>
            <tr>
              <th>Кому</th>
              <th>Адрес и письма</th>
            </tr>
          </thead>
          <tbody>
            {data.map((r) => (
              <tr key={`${r.studentId}-${r.guardianId ?? 's'}`}>
                <td>
                  {r.guardianId === null ? <b>{r.studentName}</b> : r.name}
                  {r.guardianId !== null && <div className="muted small">{r.studentName}</div>}
                </td>
                <td>
                  <SubscriptionForm
                    compact
                    recipient={r}
                    onSave={(choice) =>
                      call('mail.subscribe', { studentId: r.studentId, guardianId: r.guardianId, ...choice })
                    }
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
