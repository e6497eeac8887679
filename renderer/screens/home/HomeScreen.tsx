// Each role's home page: what needs attention today.
import type { HomeSummary, Me } from '../../../electron/api/contract';
import { Card, ErrorBanner, Loading, Stat } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { useWords } from '../../components/words';
import { TIMETABLE_CHANGE_LABELS, YEAR_STATUS_LABELS } from '../../../electron/domain/labels';
import { plural } from '../../../electron/domain/format-numbers';
import { longDate, ruDate, ruDateTime } from '../../../electron/domain/format-dates';
import { slotChangeDetails, slotChangeText } from '../../../electron/domain/timetable-changes';
import { HomeRemarks } from '../remarks/HomeRemarks';
import { MyJournalsCard } from '../users/MyJournalsCard';

export function HomeScreen({ me }: { me: Me }) {
  const { data, error, loading } = useCall('home.summary', {});
  const w = useWords();
  const has = (...roles: string[]) => me.roles.some((g) => roles.includes(g.role));
  if (loading && !data) return <Loading />;
  if (error) return <ErrorBanner error={error} />;
  const s = data!;
  return (
    <div className="page">
      <h1>Здравствуйте, {me.fullName.split(' ').slice(1).join(' ') || me.fullName}</h1>
      <p className="muted">
        Сегодня {longDate(s.today)}
        {s.year && (
          <>
            {' '}
            · учебный год {s.year.title} ({YEAR_STATUS_LABELS[s.year.status]}){s.year.period && <>, {s.year.period}</>}
          </>
        )}
      </p>
      {!s.year && (
        <div className="banner banner-warn">
          Учебный год ещё не открыт. Администратор открывает его в разделе «Учебный год».
        </div>
      )}
      <div className="cards">
        {has('teacher') && <TeacherCards s={s} />}
        {has('teacher') && <HomeRemarks me={me} />}
        {has('teacher') && <MyJournalsCard />}
        {has('deputy', 'director') && (
          <Card
            title="Контроль ведения журналов"
            actions={
              <span className="row">
                <a href="#/remarks">Замечания</a>
                <a href="#/reports">Отчёты</a>
              </span>
            }
          >
            <div className="stats">
              <Stat
                label="журналов отстают от плана"
                value={s.journalsBehind}
                tone={s.journalsBehind ? 'bad' : 'good'}
              />
              <Stat label="замечаний открыто" value={s.openRemarks} />
              <Stat label="замечаний просрочено" value={s.overdueRemarks} tone={s.overdueRemarks ? 'bad' : undefined} />
            </div>
          </Card>
        )}
        {has('admin') && s.counts && (
          <Card title={`Учебный год ${s.year?.title ?? ''}`}>
            <div className="stats">
              <Stat label={w.term('group', 'gen', 'many')} value={s.counts.groups} />
              <Stat label="обучающихся" value={s.counts.students} />
              <Stat label="журналов" value={s.counts.journals} />
              <Stat label="пользователей" value={s.counts.users} />
            </div>
          </Card>
        )}
        {has('secretary', 'deputy', 'director', 'admin') && s.archives.length > 0 && (
          <Card
            title="Архив журналов по учебным годам"
            actions={
              <a href={has('secretary', 'admin') ? '#/archive' : '#/archive/transfers'}>
                {has('secretary', 'admin') ? 'Архив' : 'Перенос на носители'}
              </a>
            }
          >
            {s.archiveDue.map((d) => (
              <div key={d.yearTitle} className="banner banner-warn" role="status">
                {d.waitingClose ? (
                  <>
                    Учебный год {d.yearTitle} закончился (срок архивации {ruDate(d.dueOn)}), но ещё не закрыт
                    администратором.
                  </>
                ) : (
                  <>
                    Пора архивировать {d.yearTitle} учебный год и записать копию на съёмный носитель: срок —{' '}
                    {ruDate(d.dueOn)}. <a href="#/archive">Архивировать</a>
                  </>
                )}
              </div>
            ))}
            <table className="table">
              <thead>
                <tr>
                  <th>Учебный год</th>
                  <th>Состояние</th>
                  <th>В хранилище</th>
                  <th>На съёмном носителе</th>
                </tr>
              </thead>
              <tbody>
                {s.archives.map((a) => (
                  <tr key={a.yearTitle}>
                    <td>{a.yearTitle}</td>
                    <td>{YEAR_STATUS_LABELS[a.status]}</td>
                    <td>
                      {a.archivedAt
                        ? `${ruDateTime(a.archivedAt)}${a.verified ? ', проверен' : ', не проверен'}`
                        : a.status === 'open'
                          ? '—'
                          : 'не создан'}
                    </td>
                    <td>
                      {a.transferredAt ? (
                        `${ruDateTime(a.transferredAt)}${a.transferVerified ? ', проверен' : ', не проверен'}`
                      ) : a.status === 'open' ? (
                        '—'
                      ) : a.state === 'due' ? (
                        <span className="tag tag-bad">не перенесён</span>
                      ) : (
                        'не перенесён'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        )}
        {has('student', 'parent') && (
          <Card title={has('parent') ? 'Мои дети' : 'Мой дневник'}>
            {s.children.length === 0 ? (
              <p className="muted">Нет привязанных обучающихся. Обратитесь к {w.deptHeadDat}.</p>
            ) : (
              <ul className="plain home-children">
                {s.children.map((c) => (
                  <li key={c.studentId}>
                    <a href={`#/student/${c.studentId}`}>{c.fullName}</a>
                    {c.groupName && (
                      <span className="muted child-group">
                        {w.term('group')} {c.groupName}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        )}
      </div>
    </div>
  );
}

function TeacherCards({ s }: { s: HomeSummary }) {
  const w = useWords();
  return (
    <>
      <Card title="Занятия сегодня">
        {s.todayLessons.length === 0 ? (
          <p className="muted">По расписанию сегодня занятий нет.</p>
        ) : (
          <div className="grid-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th>{w.Term('lesson')}</th>
                  <th>{w.Term('group')}</th>
                  <th>{w.Term('subject')}</th>
                  <th>Ауд.</th>
                  <th>Запись</th>
                </tr>
              </thead>
              <tbody>
                {s.todayLessons.map((l) => (
                  <tr key={`${l.journalId}-${l.lessonNo}`}>
                    <td>{l.lessonNo}</td>
                    <td>{l.groupName}</td>
                    <td>
                      <a href={`#/journal/${l.journalId}?date=${s.today}&lesson=${l.lessonNo}`}>{l.subjectName}</a>
                    </td>
                    <td>{l.room ?? ''}</td>
                    <td>
                      {l.off && l.change ? (
                        <span className="tag tag-info">{TIMETABLE_CHANGE_LABELS[l.change.kind]}</span>
                      ) : l.lessonId ? (
                        <span className="tag tag-ok">заполнено</span>
                      ) : (
                        <span className="tag tag-warn">не заполнено</span>
                      )}
                      {l.change && (
                        <div className="small tt-change">
                          {l.off ? slotChangeDetails(l.change) : slotChangeText(l.change)}
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title="Требует внимания">
        <div className="stats">
          <Stat
            label={`${plural(s.unfilledLessons, 'занятие', 'занятия', 'занятий')} по расписанию не заполнено`}
            value={s.unfilledLessons}
            tone={s.unfilledLessons ? 'bad' : 'good'}
          />
          <Stat label="замечаний ждут ответа" value={s.openRemarks} tone={s.openRemarks ? 'bad' : undefined} />
          <Stat label="из них просрочено" value={s.overdueRemarks} tone={s.overdueRemarks ? 'bad' : undefined} />
        </div>
      </Card>
    </>
  );
}
