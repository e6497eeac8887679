// «Письма на почту» on the family's page: their own address and which letters about this child come.
import { call } from '../../api';
import { Card, ErrorBanner, Loading } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { SubscriptionForm } from '../mail/SubscriptionForm';

export function MailCard({ studentId }: { studentId: number }) {
  const { data, error } = useCall('mail.mine', { studentId });
  return (
    <Card title="Письма на почту">
      <ErrorBanner error={error} />
      {!data && !error && <Loading />}
      {data?.map((r) => (
        <SubscriptionForm
          key={`${r.studentId}-${r.guardianId ?? 's'}`}
          recipient={r}
          onSave={(choice) => call('mail.setMine', { studentId, ...choice })}
        />
      ))}
      <p className="muted small">
        В каждом письме есть ссылка, чтобы отказаться от него без входа в дневник. Отметки, которые учитель ещё не
        открыл семье, в письма не попадают.
      </p>
    </Card>
  );
}
