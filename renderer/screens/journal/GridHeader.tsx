// The journal grid's header: a column per lesson and type of work (only those in view, in memoised
// blocks as the rows' cells are), the average and the final marks on the right.
import { memo, type ReactNode } from 'react';
import { shortDate, type GridModel, type LessonColumn } from './model';
import { WORK_KINDS } from '../../../electron/domain/labels';
import { COL_BLOCK, COL_W, ROW_H } from './grid-size';

interface HeaderProps {
  model: GridModel;
  first: number;
  last: number;
  rightW: number;
  onLesson: (c: LessonColumn) => void;
  selected: string | null;
}

export const Header = memo(function Header({ model, first, last, rightW, onLesson, selected }: HeaderProps) {
  const lessonCount = model.lessonColumns.length;
  const blocks: ReactNode[] = [];
  for (let from = first; from < last; from += COL_BLOCK) {
    const to = Math.min(last, from + COL_BLOCK);
    blocks.push(<HeaderBlock key={from} model={model} from={from} to={to} onLesson={onLesson} selected={selected} />);
  }
  return (
    <div className="jgrid-head" role="rowgroup">
      {/* Two lines high (date, type of work): rows 1 and 2, the students' rows start at 3. */}
      <div className="jrow jrow-head" role="row" aria-rowindex={1} style={{ height: ROW_H * 2 }}>
        <div className="jname jname-head" role="columnheader" aria-colindex={1}>
          Обучающийся
        </div>
        <div style={{ width: first * COL_W, flex: 'none' }} />
        {blocks}
        <div style={{ width: (lessonCount - last) * COL_W, flex: 'none' }} />
        <div className="jright" style={{ width: rightW }}>
          <div
            className="javg jhead-right"
            role="columnheader"
            aria-colindex={lessonCount + 2}
            title="Средний балл с учётом веса видов работ"
          >
            Ср. балл
          </div>
          {model.finalColumns.map((f, i) => (
            <div
              key={f.key}
              className="jfinal jhead-right"
              role="columnheader"
              aria-colindex={lessonCount + 3 + i}
              title={f.title}
            >
              {f.title}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
});

const lessonKey = (c: LessonColumn) => (c.kind === 'pending' ? c.key : `l${c.lesson.id}`);

const HeaderBlock = memo(function HeaderBlock({
  model,
  from,
  to,
  onLesson,
  selected,
}: Omit<HeaderProps, 'first' | 'last' | 'rightW'> & { from: number; to: number }) {
  return model.lessonColumns.slice(from, to).map((c, i) => {
    const lesson = c.kind === 'pending' ? null : c.lesson;
    const work = c.kind === 'work' ? WORK_KINDS[c.work.kind] : null;
    const title =
      c.kind === 'pending'
        ? `${shortDate(c.date)}, ${c.lessonNo}-е занятие по расписанию — не записано`
        : [
            `${shortDate(c.date)}, ${c.lessonNo}-е: ${lesson!.topic || 'тема не указана'}`,
            c.kind === 'work' ? ` — ${c.work.title}, вес ${c.work.weight}` : '',
            lesson!.late ? ` (внесено ${shortDate(lesson!.enteredOn)})` : '',
            lesson!.taughtBy ? ` — замена: ${lesson!.taughtBy}` : '',
          ].join('');
    const sub = model.subgroupLabel(c.page);
    return (
      <div
        key={c.key}
        role="columnheader"
        aria-colindex={from + i + 2}
        title={title}
        className={
          `jhead ${c.kind}${c.firstOfLesson ? ' first' : ''}` +
          `${selected === lessonKey(c) ? ' selected' : ''}${lesson?.late ? ' late' : ''}` +
          `${lesson?.taughtBy ? ' substituted' : ''}`
        }
        onClick={() => onLesson(c)}
      >
        <span className="jhead-date">{c.firstOfLesson ? shortDate(c.date) : ''}</span>
        <span className="jhead-work">
          {c.kind === 'pending' ? '+' : c.kind === 'attendance' ? 'П' : (work?.short ?? c.work.title.slice(0, 3))}
          {c.kind === 'work' && c.work.weight !== 1 ? <sup>×{String(c.work.weight).replace('.', ',')}</sup> : null}
          {c.kind === 'work' && c.work.releaseOn ? (
            <span className="jhead-hidden" aria-label="скрыто от семьи">
              •
            </span>
          ) : null}
        </span>
        {sub && c.firstOfLesson ? <span className="jhead-sub">{sub}</span> : null}
      </div>
    );
  });
});
