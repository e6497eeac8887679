// The week's timetable on a phone: the days one under another, each with its lessons in order,
// instead of a grid seven columns wide.
import type { ReactNode } from 'react';
import type { TimetableEntryInfo } from '../../../electron/api/contract';
import { WEEKDAY_LONG } from '../year/words';

interface Bell {
  lessonNo: number;
  startsAt: string;
  endsAt: string;
}

export function DayList({
  days,
  entries,
  bells,
  entry,
}: {
  days: number[];
  entries: TimetableEntryInfo[];
  bells: Bell[];
  entry: (e: TimetableEntryInfo) => ReactNode;
}) {
  return (
    <section className="tt-days" aria-label="Расписание на неделю">
      {days.map((d) => {
        const today = entries.filter((e) => e.weekday === d).sort((a, b) => a.lessonNo - b.lessonNo);
        return (
          <section key={d} className="day" aria-label={WEEKDAY_LONG[d]}>
            <h3>{WEEKDAY_LONG[d]}</h3>
            {today.length === 0 ? (
              <p className="muted small">Занятий нет</p>
            ) : (
              <ol className="tt-day">
                {today.map((e) => {
                  const bell = bells.find((b) => b.lessonNo === e.lessonNo);
                  return (
                    <li key={e.id}>
                      <span className="tt-when">
                        <strong>{e.lessonNo}-е</strong>
                        {bell && (
                          <span className="muted">
                            {' '}
                            · {bell.startsAt}–{bell.endsAt}
                          </span>
                        )}
                      </span>
                      {entry(e)}
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
        );
      })}
    </section>
  );
}
