// The family page's week: each day's lessons with topic, homework, marks and attendance. On a phone
// the days run down the screen one under another, today marked.
import type { FamilyLesson, FamilyPage } from '../../../electron/api/contract';
import { Card } from '../../components/ui';
import { addDays } from '../../../electron/domain/calendar';
import { longDate, ruDate } from '../../../electron/domain/format-dates';
import { ATTENDANCE_LABELS } from '../../../electron/domain/labels';
import { slotChangeText } from '../../../electron/domain/timetable-changes';

export function Week({ page, onWeek }: { page: FamilyPage; onWeek: (d: string) => void }) {
  const w = page.week;
  return (
    <Card
      title={`Неделя ${ruDate(w.from)} – ${ruDate(w.to)}`}
      actions={
        <div className="row week-nav">
          <button
            type="button"
            className="btn btn-secondary"
            aria-label="Предыдущая неделя"
            onClick={() => onWeek(addDays(w.from, -7))}
          >
            ← <span className="wide-only">Предыдущая</span>
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => onWeek(page.today)}>
            Текущая
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            aria-label="Следующая неделя"
            onClick={() => onWeek(addDays(w.from, 7))}
          >
            <span className="wide-only">Следующая</span> →
          </button>
        </div>
      }
    >
      <div className="week">
        {w.days.map((d) => (
          <section key={d.date} className={`day${d.date === page.today ? ' today' : ''}`} aria-label={longDate(d.date)}>
            <h3>
              {longDate(d.date).split(',')[0]}, {ruDate(d.date).slice(0, 5)}
              {d.date === page.today && <span className="tag tag-ok">сегодня</span>}
            </h3>
            {d.lessons.length === 0 ? (
              <p className="muted small">Занятий нет</p>
            ) : (
              d.lessons.map((l, i) => <WeekLesson key={i} l={l} />)
            )}
          </section>
        ))}
      </div>
    </Card>
  );
}

function WeekLesson({ l }: { l: FamilyLesson }) {
  return (
    <div
      className={`week-lesson${l.held ? '' : ' planned'}${l.change?.kind === 'cancel' || l.change?.to ? ' off' : ''}`}
    >
      <div className="week-lesson-head">
        <span className="muted small">
          {l.lessonNo}
          {l.time ? ` · ${l.time}` : ''}
        </span>
        <strong>{l.subject}</strong>
        {l.marks.map((m, i) => (
          <span key={i} className={`chip mark-${m.value}`} title={m.title}>
            {m.value}
          </span>
        ))}
        {l.attendance && (
          <span className={`att-badge att-${l.attendance.code}`} title={ATTENDANCE_LABELS[l.attendance.code]}>
            {l.attendance.code}
          </span>
        )}
      </div>
      <div className="muted small">
        {l.teacher}
        {l.room ? `, ауд. ${l.room}` : ''}
      </div>
      {l.change && (
        <div className={`small tt-change tt-change-${l.change.kind}`} role="note">
          {slotChangeText(l.change)}
        </div>
      )}
      {l.topic && <div className="small">Тема: {l.topic}</div>}
      {l.homework && <div className="small homework">Домашнее задание: {l.homework}</div>}
      {l.individualHomework && <div className="small homework individual">Индивидуально: {l.individualHomework}</div>}
    </div>
  );
}
