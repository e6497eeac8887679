// The student's and parent's page: the week (timetable, topics, homework, marks, attendance), the
// period's marks by subject with the average and final marks, the absences and their reasons — of
// one child (or oneself) only. A parent tells the curator the reason of an absence here (003 §3.5).
import { useState } from 'react';
import type { FamilyLesson, FamilyPage, Me } from '../../../electron/api/contract';
import { Card, ErrorBanner, Loading, Notice } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { longDate, ruDate } from '../../labels';
import { ATTENDANCE_LABELS, formatAverage } from '../journal/values';
import { ExcuseForm, ExcuseList } from './Excuses';

const FINAL_LABELS = { period: 'за период', exam: 'экзамен', credit: 'зачёт', year: 'за год' } as const;

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function FamilyRedirect({ me }: { me: Me }) {
  const { data, error } = useCall('home.summary', {});
  if (error) return <ErrorBanner error={error} />;
  if (!data) return <Loading />;
  const first = data.children[0];
  if (!first) return <Notice kind="warn">К учётной записи не привязан ни один обучающийся. Обратитесь к заведующему отделением.</Notice>;
  return <FamilyScreen id={first.studentId} me={me} />;
}

export function FamilyScreen({ id }: { id: number; me: Me }) {
  const [periodId, setPeriodId] = useState<number | null>(null);
  const [weekOf, setWeekOf] = useState<string | null>(null);
  const { data, error, loading, reload } = useCall('family.page', { studentId: id, periodId, weekOf });
  if (error) return <ErrorBanner error={error} />;
  if (!data) return <Loading />;
  const p = data;
  return (
    <div className="page family-page" aria-busy={loading}>
      <header className="journal-head">
        <div>
          <h1>{p.student.fullName}</h1>
          <p className="muted">{p.student.groupName ? `Группа ${p.student.groupName}` : 'Не числится в группе на эту дату'} · сегодня {longDate(p.today)}</p>
        </div>
        {p.children.length > 1 && (
          <nav className="row" aria-label="Дети">
            {p.children.map((c) => <a key={c.studentId} href={`#/student/${c.studentId}`} aria-current={c.studentId === id ? 'page' : undefined} className={c.studentId === id ? 'tag tag-ok' : 'tag'}>{c.fullName}</a>)}
          </nav>
        )}
      </header>
      <Week page={p} onWeek={setWeekOf} />
      <div className="period-bar">
        <div className="segmented" role="group" aria-label="Период">
          {p.periods.map((x) => (
            <button key={x.id} type="button" aria-pressed={x.id === p.period?.id} onClick={() => setPeriodId(x.id)}>{x.title}</button>
          ))}
        </div>
        {p.period && <span className="muted small">{ruDate(p.period.startsOn)} – {ruDate(p.period.endsOn)}</span>}
      </div>
      <Card title={`Отметки${p.period ? ` — ${p.period.title}` : ''}`}>
        {p.subjects.length === 0 ? <p className="muted">Отметок за период нет.</p> : (
          <table className="table family-marks">
            <thead><tr><th>Дисциплина</th><th>Отметки</th><th>Средний балл</th><th>Итоговые</th><th>Пропуски</th></tr></thead>
            <tbody>
              {p.subjects.map((s) => (
                <tr key={s.journalId}>
                  <td><strong>{s.subject}</strong><div className="muted small">{s.teacher}</div></td>
                  <td>
                    <span className="chips" aria-label={`Отметки по дисциплине ${s.subject}`}>
                      {s.marks.map((m, i) => <span key={i} className={`chip mark-${m.value}`} title={`${ruDate(m.date)}: ${m.title}${m.weight !== 1 ? `, вес ${m.weight}` : ''}`}>{m.value}</span>)}
                    </span>
                    {s.hidden > 0 && <div className="muted small">Ещё {s.hidden} — появятся после проверки работы</div>}
                  </td>
                  <td className="num">{formatAverage(s.average) || '—'}</td>
                  <td>{s.finals.map((f) => <span key={`${f.kind}${f.periodTitle}`} className="chip chip-final" title={FINAL_LABELS[f.kind]}>{f.value} <small>{FINAL_LABELS[f.kind]}</small></span>)}</td>
                  <td className="small">{s.absences.missed ? `н: ${s.absences.missed} ` : ''}{s.absences.excused ? `уваж.: ${s.absences.excused} ` : ''}{s.absences.late ? `опозд.: ${s.absences.late}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title="Пропуски и опоздания за период">
        {p.absences.length === 0 ? <p className="muted">Пропусков нет.</p> : (
          <table className="table">
            <thead><tr><th>Дата</th><th>Дисциплина</th><th>Отметка</th><th>Причина</th></tr></thead>
            <tbody>
              {p.absences.map((a, i) => (
                <tr key={i}>
                  <td>{ruDate(a.date)}, {a.lessonNo}-е</td>
                  <td>{a.subject}</td>
                  <td><span className={`att-badge att-${a.code}`}>{a.code}</span> {ATTENDANCE_LABELS[a.code]}{a.lateMinutes ? ` на ${a.lateMinutes} мин` : ''}</td>
                  <td>{a.reason ?? ''}{a.excuseStatus && <span className={`tag ${a.excuseStatus === 'confirmed' ? 'tag-ok' : a.excuseStatus === 'rejected' ? 'tag-bad' : 'tag-warn'}`}>{a.excuseStatus === 'confirmed' ? 'причина подтверждена' : a.excuseStatus === 'rejected' ? 'причина не принята' : 'причина на рассмотрении'}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title="Причины отсутствия">
        {p.canSendExcuse && <ExcuseForm studentId={id} today={p.today} onSent={reload} />}
        <ExcuseList excuses={p.excuses} />
      </Card>
    </div>
  );
}

function Week({ page, onWeek }: { page: FamilyPage; onWeek: (d: string) => void }) {
  const w = page.week;
  return (
    <Card title={`Неделя ${ruDate(w.from)} – ${ruDate(w.to)}`} actions={
      <div className="row">
        <button type="button" className="btn btn-secondary" onClick={() => onWeek(addDays(w.from, -7))}>← Предыдущая</button>
        <button type="button" className="btn btn-secondary" onClick={() => onWeek(page.today)}>Текущая</button>
        <button type="button" className="btn btn-secondary" onClick={() => onWeek(addDays(w.from, 7))}>Следующая →</button>
      </div>
    }>
      <div className="week">
        {w.days.map((d) => (
          <section key={d.date} className={`day${d.date === page.today ? ' today' : ''}`} aria-label={longDate(d.date)}>
            <h3>{longDate(d.date).split(',')[0]}, {ruDate(d.date).slice(0, 5)}</h3>
            {d.lessons.length === 0 ? <p className="muted small">Занятий нет</p> : d.lessons.map((l, i) => <WeekLesson key={i} l={l} />)}
          </section>
        ))}
      </div>
    </Card>
  );
}

function WeekLesson({ l }: { l: FamilyLesson }) {
  return (
    <div className={`week-lesson${l.held ? '' : ' planned'}`}>
      <div className="week-lesson-head">
        <span className="muted small">{l.lessonNo}{l.time ? ` · ${l.time}` : ''}</span>
        <strong>{l.subject}</strong>
        {l.marks.map((m, i) => <span key={i} className={`chip mark-${m.value}`} title={m.title}>{m.value}</span>)}
        {l.attendance && <span className={`att-badge att-${l.attendance.code}`} title={ATTENDANCE_LABELS[l.attendance.code]}>{l.attendance.code}</span>}
      </div>
      <div className="muted small">{l.teacher}{l.room ? `, ауд. ${l.room}` : ''}</div>
      {l.topic && <div className="small">Тема: {l.topic}</div>}
      {l.homework && <div className="small homework">Домашнее задание: {l.homework}</div>}
      {l.individualHomework && <div className="small homework individual">Индивидуально: {l.individualHomework}</div>}
    </div>
  );
}
