// The deputy's control of the year-end transfer (000 §3.2.2): for every year, whether its journals —
// the students' general information and the attendance marks — were carried over to removable media,
// when, by whom, and whether the copy was verified; any copy can be checked again or opened.
import { Card, ErrorBanner, Loading, Stat } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { CheckFolderCard } from './CheckFolderCard';
import { YearsTable } from './YearsTable';

export function TransfersScreen() {
  const { data, error, loading, reload } = useCall('archive.overview', {});
  if (loading && !data) return <Loading />;
  if (error) return <ErrorBanner error={error} />;
  const finished = data!.years.filter((y) => y.status !== 'open');
  const done = finished.filter((y) => y.state === 'done').length;
  const overdue = data!.years.filter((y) => y.state === 'due' || y.state === 'waiting_close').length;
  const broken = data!.years
    .flatMap((y) => [y.store, ...y.transfers])
    .filter((c) => c && c.verifiedAt && !c.verifyOk).length;
  return (
    <div className="page">
      <h1>Перенос журналов на съёмные носители</h1>
      <p className="muted">
        Контроль переноса данных электронного журнала по окончании учебного года: общие сведения об обучающихся, отметки
        посещаемости и успеваемости, темы занятий. Копия считается перенесённой, когда она записана на носитель и
        проверена.
      </p>
      <div className="stats">
        <Stat
          label="лет перенесено и проверено"
          value={`${done} из ${finished.length}`}
          tone={done === finished.length ? 'good' : undefined}
        />
        <Stat label="лет ждут переноса" value={overdue} tone={overdue ? 'bad' : 'good'} />
        <Stat label="копий повреждено" value={broken} tone={broken ? 'bad' : undefined} />
      </div>
      <Card title="Учебные годы">
        <YearsTable years={data!.years} onChanged={() => void reload()} />
      </Card>
      <CheckFolderCard />
    </div>
  );
}
