// The week's timetable on a phone: the days one under another, each with its lessons in order, instead of a grid
// seven columns wide — with the chosen week's dated changes (issue 14) where the grid would draw them.
import type { ReactNode } from 'react';
import type { TimetableEntryInfo, WeekChange } from '../../../electron/api/contract';
import { WEEKDAY_LONG } from '../year/words';
import { WeekChanges } from './WeekChanges';

interface Bell {
  lessonNo: number;
  startsAt: string;
  endsAt: string;
}

export function DayList({
  days,
  entries,
  bells,
  changes = [],
  entry,
}: {
  days: number[];
  entries: TimetableEntryInfo[];
  bells: Bell[];
  changes?: WeekChange[];
  entry: (e: TimetableEntryInfo) => ReactNode;
}) {
  return (
    <section className="tt-days" aria-label="Расписание на неделю">
      {days.map((d) => {
        const today = entries.filter((e) => e.weekday === d);
        const changed = changes.filter((c) => c.weekday === d);
        // An extra lesson or a lesson moved here may take a slot the weekly timetable leaves empty.
        const slots = [...new Set([...today, ...changed].map((x) => x.lessonNo))].sort((a, b) => a - b);
        return (
          <section key={d} className="day" aria-label={WEEKDAY_LONG[d]}>
            <h3>{WEEKDAY_LONG[d]}</h3>
            {slots.length === 0 ? (
              <p className="muted small">Занятий нет</p>
            ) : (
              <ol className="tt-day">
                {slots.map((n) => {
                  const bell = bells.find((b) => b.lessonNo === n);
                  return (
                    <li key={n}>
                      <span className="tt-when">
                        <strong>{n}-е</strong>
                        {bell && (
                          <span className="muted">
                            {' '}
                            · {bell.startsAt}–{bell.endsAt}
                          </span>
                        )}
                      </span>
                      <WeekChanges changes={changed.filter((c) => c.lessonNo === n)} />
                      {today.filter((e) => e.lessonNo === n).map(entry)}
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
