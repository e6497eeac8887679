// The dated changes of the chosen week drawn in a cell of the weekly grid (issue 14): «отмена» struck through with
// its reason, «перенос» at both places, «замена» with the substitute, an extra lesson marked «доп.».
import type { WeekChange } from '../../../electron/api/contract';
import { slotChangeText } from '../../../electron/domain/timetable-changes';

export function WeekChanges({ changes }: { changes: WeekChange[] }) {
  if (changes.length === 0) return null;
  return (
    <>
      {changes.map((c) => (
        <div
          key={`${c.date}-${c.lessonNo}-${c.journalId}-${c.change.kind}`}
          className={`tt-week-change tt-change-${c.change.kind}${c.off ? ' off' : ''}`}
          role="note"
        >
          <strong>
            {c.date.slice(8)}.{c.date.slice(5, 7)}
            {c.change.kind === 'extra' ? ' доп.' : ''}
          </strong>{' '}
          {c.change.kind === 'extra' || (c.change.kind === 'move' && !c.off)
            ? `${c.subjectName} (${c.groupName})${c.room ? `, ауд. ${c.room}` : ''}: `
            : ''}
          {slotChangeText(c.change)}
        </div>
      ))}
    </>
  );
}
