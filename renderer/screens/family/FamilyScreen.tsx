// The student's and parent's page: the week (timetable, topics, homework, marks, attendance), the
// period's marks by subject with the average and final marks, the absences and their reasons — of
// one child (or oneself) only. A parent tells the curator the reason of an absence here (003 §3.5).
// On a phone the page splits into three tabs, so a parent reaches the marks without scrolling a week.
import { useWords } from '../../components/words';
import { useState } from 'react';
import type { FamilyPage, Me } from '../../../electron/api/contract';
import { queryParam, usePath } from '../../app/router';
import { useNarrow } from '../../app/useNarrow';
import { Card, ErrorBanner, Loading, Notice } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { Segmented } from '../../components/lists';
import { longDate, ruDate } from '../../../electron/domain/format-dates';
import { Absences } from './Absences';
import { ExcuseForm, ExcuseList } from './Excuses';
import { MailCard } from './MailCard';
import { familyHref, SubjectMarks, SubjectView } from './Marks';
import { Week } from './Week';

type Tab = 'week' | 'marks' | 'absences';
const TABS: Array<[Tab, string]> = [
  ['week', 'Неделя'],
  ['marks', 'Отметки'],
  ['absences', 'Пропуски'],
];

export function FamilyRedirect({ me }: { me: Me }) {
  const { data, error } = useCall('home.summary', {});
  const w = useWords();
  if (error) return <ErrorBanner error={error} />;
  if (!data) return <Loading />;
  const first = data.children[0];
  if (!first)
    return <Notice kind="warn">К учётной записи не привязан ни один обучающийся. Обратитесь к {w.deptHeadDat}.</Notice>;
  return <FamilyScreen id={first.studentId} me={me} />;
}

export function FamilyScreen({ id }: { id: number; me: Me }) {
  usePath();
  const narrow = useNarrow();
  const w = useWords();
  const [periodId, setPeriodId] = useState<number | null>(null);
  const [weekOf, setWeekOf] = useState<string | null>(null);
  const { data, error, loading, reload } = useCall('family.page', { studentId: id, periodId, weekOf });
  if (error) return <ErrorBanner error={error} />;
  if (!data) return <Loading />;
  const p = data;
  const subject = p.subjects.find((s) => String(s.journalId) === queryParam('subject'));
  const tab: Tab = subject ? 'marks' : (TABS.find(([t]) => t === queryParam('tab'))?.[0] ?? 'week');
  const show = (t: Tab) => !narrow || tab === t;
  return (
    <div className="page family-page" aria-busy={loading}>
      <header className="journal-head">
        <div>
          <h1>{p.student.fullName}</h1>
          <p className="muted">
            {p.student.groupName
              ? `${w.Term('group')} ${p.student.groupName}`
              : `Не числится в ${w.term('group', 'loc')} на эту дату`}{' '}
            · сегодня {longDate(p.today)}
          </p>
        </div>
        {p.children.length > 1 && (
          <nav className="row children" aria-label="Дети">
            {p.children.map((c) => (
              <a
                key={c.studentId}
                href={`#/student/${c.studentId}`}
                className={c.studentId === id ? 'tag tag-ok' : 'tag'}
                aria-current={c.studentId === id ? 'page' : undefined}
              >
                {c.fullName}
              </a>
            ))}
          </nav>
        )}
      </header>
      {narrow && (
        <nav className="family-tabs" aria-label="Разделы дневника">
          {TABS.map(([t, title]) => (
            <a key={t} href={familyHref({ tab: t })} aria-current={t === tab ? 'page' : undefined}>
              {title}
            </a>
          ))}
        </nav>
      )}
      {subject ? (
        <SubjectView s={subject} period={p.period} />
      ) : (
        <>
          {show('week') && <Week page={p} onWeek={setWeekOf} />}
          {(!narrow || tab !== 'week') && <PeriodBar page={p} onPeriod={setPeriodId} />}
          {show('marks') && <SubjectMarks page={p} />}
          {show('absences') && !narrow && <Absences absences={p.absences} />}
          {show('absences') && (
            <Card title="Причины отсутствия">
              {p.canSendExcuse && <ExcuseForm studentId={id} today={p.today} onSent={reload} />}
              <ExcuseList excuses={p.excuses} />
            </Card>
          )}
          {/* On a phone the form comes first: the list of a whole period's absences is long. */}
          {show('absences') && narrow && <Absences absences={p.absences} />}
          {/* Their own child (or themself): the family chooses the letters they get. */}
          {show('week') && p.children.some((c) => c.studentId === id) && <MailCard studentId={id} />}
        </>
      )}
    </div>
  );
}

function PeriodBar({ page, onPeriod }: { page: FamilyPage; onPeriod: (id: number) => void }) {
  return (
    <div className="period-bar">
      <Segmented
        label="Период"
        value={page.period?.id ?? 0}
        options={page.periods.map((x) => [x.id, x.title] as const)}
        onChange={onPeriod}
      />
      {page.period && (
        <span className="muted small">
          {ruDate(page.period.startsOn)} – {ruDate(page.period.endsOn)}
        </span>
      )}
    </div>
  );
}
