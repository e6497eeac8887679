// Step 8: what the year holds and what is still missing before teachers can work.
import { useWords } from '../../components/words';
import { Card, ErrorBanner, Loading, Notice, Stat } from '../../components/ui';
import { useCall } from '../../components/useCall';
import type { StepProps } from './YearScreen';

export function StepCheck({ year }: StepProps) {
  const w = useWords();
  const { data, error, loading } = useCall('years.overview', { yearId: year.id });
  if (loading && !data) return <Loading />;
  if (!data) return <ErrorBanner error={error} />;
  const c = data.counts;
  return (
    <div className="page">
      <Card title={`Учебный год ${year.title}: что заведено`}>
        <div className="stats">
          <Stat label={w.term('department', 'gen', 'many')} value={c.departments} />
          <Stat label={w.term('group', 'gen', 'many')} value={c.groups} tone={c.groups ? undefined : 'bad'} />
          <Stat label="подгрупп" value={c.subgroups} />
          <Stat label="обучающихся" value={c.students} tone={c.students ? undefined : 'bad'} />
          <Stat label={w.term('subject', 'gen', 'many')} value={c.subjects} />
          <Stat label="журналов (нагрузка)" value={c.journals} tone={c.journals ? undefined : 'bad'} />
          <Stat label={`${w.term('teacher', 'gen', 'many')} с нагрузкой`} value={c.teachers} />
          <Stat label="тем в планах" value={c.planTopics} />
          <Stat label="занятий в расписании за неделю" value={c.timetable} tone={c.timetable ? undefined : 'bad'} />
          <Stat label="праздничных дней" value={c.holidays} />
          <Stat label="звонков" value={c.bells} tone={c.bells ? undefined : 'bad'} />
        </div>
      </Card>
      <Card title="Что осталось сделать">
        {data.warnings.length === 0 ? (
          <Notice kind="ok">Всё заведено: {w.term('teacher', 'nom', 'many')} могут вести журналы.</Notice>
        ) : (
          <ul className="warnings" aria-label="Замечания по году">
            {data.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
