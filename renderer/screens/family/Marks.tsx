// The period's marks by subject: a table on a computer, a list of subjects on a phone; either opens
// one subject with every mark's date, kind of work and weight, the average and the final marks.
import { useWords } from '../../components/words';
import { useEffect } from 'react';
import type { FamilyPage, FamilySubject } from '../../../electron/api/contract';
import { currentPath, navigate } from '../../app/router';
import { useNarrow } from '../../app/useNarrow';
import { Button, Card } from '../../components/ui';
import { ruDate } from '../../../electron/domain/format-dates';
import { formatAverage } from '../../../electron/domain/average';

const FINAL_LABELS = { period: 'за период', exam: 'экзамен', credit: 'зачёт', year: 'за год' } as const;

/** A link within the family page, which stays on the same route so the chosen week and period survive. */
export function familyHref(params: Record<string, string>): string {
  return `#${currentPath().split('?')[0]}?${new URLSearchParams(params)}`;
}

/** The subject just closed: the list focuses it once shown again, so the reader is where they left off. */
let returnTo: number | null = null;

export function SubjectMarks({ page }: { page: FamilyPage }) {
  const narrow = useNarrow();
  const w = useWords();
  useEffect(() => {
    if (returnTo !== null) document.getElementById(`subject-${returnTo}`)?.focus();
    returnTo = null;
  }, []);
  const p = page;
  return (
    <Card title={`Отметки${p.period ? ` — ${p.period.title}` : ''}`}>
      {p.subjects.length === 0 ? (
        <p className="muted">Отметок за период нет.</p>
      ) : narrow ? (
        <ul className="subject-list" aria-label={w.Term('subject', 'nom', 'many')}>
          {p.subjects.map((s) => (
            <li key={s.journalId}>
              <a id={`subject-${s.journalId}`} href={familyHref({ subject: String(s.journalId) })}>
                <span className="subject-name">
                  <strong>{s.subject}</strong>
                  <span className="muted small">{s.teacher}</span>
                </span>
                <span className="subject-average" title="Средний балл">
                  {formatAverage(s.average) || '—'}
                </span>
                {s.marks.length > 0 && <Chips s={s} />}
                {s.finals.length > 0 && <Finals s={s} />}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <table className="table family-marks">
          <thead>
            <tr>
              <th>{w.Term('subject')}</th>
              <th>Отметки</th>
              <th>Средний балл</th>
              <th>Итоговые</th>
              <th>Пропуски</th>
            </tr>
          </thead>
          <tbody>
            {p.subjects.map((s) => (
              <tr key={s.journalId}>
                <td>
                  <a id={`subject-${s.journalId}`} href={familyHref({ subject: String(s.journalId) })}>
                    <strong>{s.subject}</strong>
                  </a>
                  <div className="muted small">{s.teacher}</div>
                </td>
                <td>
                  <Chips s={s} />
                  {s.hidden > 0 && <div className="muted small">Ещё {s.hidden} — появятся после проверки работы</div>}
                </td>
                <td className="num">{formatAverage(s.average) || '—'}</td>
                <td>
                  <Finals s={s} />
                </td>
                <td className="small">{absenceText(s)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function Chips({ s }: { s: FamilySubject }) {
  const w = useWords();
  return (
    <span className="chips" aria-label={`Отметки по ${w.term('subject', 'dat')} ${s.subject}`}>
      {s.marks.map((m, i) => (
        <span
          key={i}
          className={`chip mark-${m.value}`}
          title={`${ruDate(m.date)}: ${m.title}${m.weight !== 1 ? `, вес ${m.weight}` : ''}`}
        >
          {m.value}
        </span>
      ))}
    </span>
  );
}

function Finals({ s }: { s: FamilySubject }) {
  return (
    <span className="final-chips">
      {s.finals.map((f) => (
        <span key={`${f.kind}${f.periodTitle}`} className="chip chip-final" title={FINAL_LABELS[f.kind]}>
          {f.value}{' '}
          <small>
            {FINAL_LABELS[f.kind]}
            {f.periodTitle ? `, ${f.periodTitle}` : ''}
          </small>
        </span>
      ))}
    </span>
  );
}

function absenceText(s: FamilySubject): string {
  const a = s.absences;
  return [a.missed && `н: ${a.missed}`, a.excused && `уваж.: ${a.excused}`, a.late && `опозд.: ${a.late}`]
    .filter(Boolean)
    .join(' ');
}

function absenceWords(s: FamilySubject): string {
  const a = s.absences;
  const parts = [
    a.missed && `без уважительной причины: ${a.missed}`,
    a.excused && `по уважительной: ${a.excused}`,
    a.late && `опозданий: ${a.late}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'нет';
}

/** One subject's marks, opened from the list; «Все дисциплины» returns to where the subject was. */
export function SubjectView({ s, period }: { s: FamilySubject; period: FamilyPage['period'] }) {
  const w = useWords();
  useEffect(() => {
    // A phone scrolls the window; a computer scrolls the content pane beside the sidebar.
    window.scrollTo(0, 0);
    document.querySelector('.content')?.scrollTo(0, 0);
  }, [s.journalId]);
  function back() {
    returnTo = s.journalId;
    navigate(`${currentPath().split('?')[0]}?tab=marks`);
  }
  return (
    <section className="card subject-view" aria-label={`Отметки: ${s.subject}`}>
      <header className="card-head">
        <div>
          <h2>{s.subject}</h2>
          <div className="muted small">
            {s.teacher}
            {period ? ` · ${period.title}, ${ruDate(period.startsOn)} – ${ruDate(period.endsOn)}` : ''}
          </div>
        </div>
        <Button kind="secondary" onClick={back}>
          ← Все {w.term('subject', 'nom', 'many')}
        </Button>
      </header>
      <div className="card-body">
        <dl className="facts">
          <dt>Средний балл</dt>
          <dd>
            <strong>{formatAverage(s.average) || '—'}</strong>
          </dd>
          <dt>Итоговые</dt>
          <dd>{s.finals.length > 0 ? <Finals s={s} /> : 'пока нет'}</dd>
          <dt>Пропуски</dt>
          <dd>{absenceWords(s)}</dd>
        </dl>
        {s.marks.length === 0 ? (
          <p className="muted">Отметок за период нет.</p>
        ) : (
          <ol className="mark-list" aria-label="Отметки по датам">
            {s.marks.map((m, i) => (
              <li key={i}>
                <span className={`chip mark-${m.value}`}>{m.value}</span>
                <span className="mark-what">
                  {m.title}
                  {m.weight !== 1 && <span className="muted"> · вес {m.weight}</span>}
                </span>
                <span className="mark-date">{ruDate(m.date)}</span>
              </li>
            ))}
          </ol>
        )}
        {s.hidden > 0 && <p className="muted small">Ещё {s.hidden} — появятся после проверки работы</p>}
      </div>
    </section>
  );
}
