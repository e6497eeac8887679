// The teacher's own journals of the current year (000 §3.5, 003 §3.6): only what they teach.
import { Card, ErrorBanner, Loading } from '../../components/ui';
import { useCall } from '../../components/useCall';

export function MyJournalsCard() {
  const { data, error, loading } = useCall('users.myJournals', {});
  return (
    <Card title="Мои журналы">
      {loading && !data ? <Loading /> : <ErrorBanner error={error} />}
      {data &&
        (data.length === 0 ? (
          <p className="muted">Журналов в этом учебном году нет: нагрузку назначает администратор.</p>
        ) : (
          <ul className="plain" aria-label="Мои журналы">
            {data.map((j) => (
              <li key={j.id}>
                <a href={`#/journal/${j.id}`}>
                  {j.groupName}
                  {j.subgroup ? ` (подгр. ${j.subgroup})` : ''} · {j.subjectName}
                </a>
              </li>
            ))}
          </ul>
        ))}
    </Card>
  );
}
