// The weekly timetable as a grid — lesson numbers down, weekdays across — for a group, a teacher
// or a room. The administrator places a lesson by choosing a cell; a clash is refused with the
// teacher, room or group it would double-book named.
import { useWords } from '../../components/words';
import { useState } from 'react';
import type { LoadInfo, Me, TimetableEntryInfo } from '../../../electron/api/contract';
import { queryParam, usePath } from '../../app/router';
import { Button, ErrorBanner, Loading } from '../../components/ui';
import { YEAR_STATUS_LABELS } from '../../../electron/domain/labels';
import { ImportDialog } from '../year/ImportDialog';
import { download } from '../year/StepSubjects';
import { useOptionalCall } from '../../components/useCall';
import { useYears } from '../year/useYears';
import { PARITY_LABELS, WEEKDAY_LONG, WEEKDAY_SHORT } from '../year/words';
import { useNarrow } from '../../app/useNarrow';
import { DayList } from './DayList';
import { EntryDialog, type EntryDraft } from './EntryDialog';
import { ChangesPanel } from './ChangesPanel';
import { WeekChanges } from './WeekChanges';
import { useToday } from '../../components/today';
import { ruDate } from '../../../electron/domain/format-dates';
import { DateInput, whenValid } from '../../components/DateInput';

type View = 'group' | 'teacher' | 'room';

export function TimetableScreen({ me }: { me: Me }) {
  const w = useWords();
  usePath();
  const { years, year: remembered, setYearId } = useYears();
  const wantedYear = Number(queryParam('year')) || null;
  const year = years?.find((y) => y.id === wantedYear) ?? remembered;
  const admin = me.roles.some((r) => r.role === 'admin');
  // The учебная часть keeps the timetable as the administrator does (not its Excel import and export).
  const timetabler = me.roles.some((r) => r.role === 'timetabler');
  const staff = me.roles.some((r) => !['student', 'parent'].includes(r.role));
  // Dated changes (cancel, move, substitute, extra): the deputy, the учебная часть and the administrator.
  const keeper = timetabler || me.roles.some((r) => r.role === 'admin' || r.role === 'deputy');
  const [view, setView] = useState<View>('group');
  const [chosen, setTarget] = useState('');
  // Families see only their own timetable: no group, teacher or room lists for them.
  const groups = useOptionalCall(staff && Boolean(year), 'groups.list', { yearId: year?.id ?? 0 });
  // The first group until one is chosen: derived, not set by an effect that could overwrite a choice made meanwhile.
  const target = chosen === '' && view === 'group' ? String(groups.data?.[0]?.id ?? '') : chosen;
  const load = useOptionalCall(staff && Boolean(year), 'journals.list', { yearId: year?.id ?? 0 });
  const filter =
    view === 'group'
      ? { groupId: Number(target) || undefined }
      : view === 'teacher'
        ? { teacherUserId: Number(target) || undefined }
        : { room: target || undefined };
  const ready = Boolean(year) && (!staff || target !== '');
  const today = useToday();
  const [weekOf, setWeekOf] = useState(today);
  const tt = useOptionalCall(ready, 'timetable.list', { yearId: year?.id ?? 0, ...filter, weekOf });
  const clashes = useOptionalCall(staff && Boolean(year), 'timetable.clashes', { yearId: year?.id ?? 0 });
  const [editing, setEditing] = useState<EntryDraft | null>(null);
  const [importing, setImporting] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const narrow = useNarrow();
  if (!years) return <Loading />;
  if (!year) return <div className="banner banner-warn">Учебный год ещё не открыт.</div>;

  const editable = (admin || timetabler) && year.status === 'open';
  const teachers = [...new Map((load.data ?? []).map((j) => [j.teacherUserId, j.teacherName])).entries()].sort((a, b) =>
    a[1].localeCompare(b[1], 'ru'),
  );
  const rooms = [...new Set((tt.data?.entries ?? []).map((e) => e.room).filter((r): r is string => Boolean(r)))].sort(
    (a, b) => a.localeCompare(b, 'ru', { numeric: true }),
  );
  const candidates: LoadInfo[] = (load.data ?? []).filter((j) =>
    view === 'group' ? j.groupId === Number(target) : view === 'teacher' ? j.teacherUserId === Number(target) : true,
  );
  const entries = tt.data?.entries ?? [];
  const days = entries.some((e) => e.weekday === 7) ? [1, 2, 3, 4, 5, 6, 7] : [1, 2, 3, 4, 5, 6];
  const lessons = Array.from({ length: tt.data?.lessonsPerDay ?? 8 }, (_, i) => i + 1);
  const whom = view === 'teacher' ? w.short('teacher', 'acc') : view === 'room' ? 'аудиторию' : w.term('group', 'acc');
  const refresh = () => {
    void tt.reload();
    void clashes.reload();
    void load.reload();
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>Расписание {year.title}</h1>
        <div className="row">
          {admin && editable && (
            <Button kind="secondary" onClick={() => setImporting(true)}>
              Загрузить из Excel
            </Button>
          )}
          {staff && !timetabler && (
            <Button kind="secondary" onClick={() => download({ list: 'timetable', yearId: year.id }).catch(setProblem)}>
              Выгрузить в Excel
            </Button>
          )}
        </div>
      </div>
      <div className="filters">
        {years.length > 1 && (
          <label className="filter">
            Учебный год
            <select
              value={year.id}
              onChange={(e) => {
                setYearId(Number(e.target.value));
                setTarget('');
              }}
            >
              {years.map((y) => (
                <option key={y.id} value={y.id}>
                  {y.title} ({YEAR_STATUS_LABELS[y.status]})
                </option>
              ))}
            </select>
          </label>
        )}
        {staff && (
          <label className="filter">
            Показать
            <select
              aria-label="Чьё расписание"
              value={view}
              onChange={(e) => {
                setView(e.target.value as View);
                setTarget('');
              }}
            >
              <option value="group">{w.term('group', 'gen')}</option>
              <option value="teacher">{w.term('teacher', 'gen')}</option>
              <option value="room">аудитории</option>
            </select>
          </label>
        )}
        {staff && view === 'group' && (
          <label className="filter">
            {w.Term('group')}
            <select aria-label={w.Term('group')} value={target} onChange={(e) => setTarget(e.target.value)}>
              {(groups.data ?? []).map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {view === 'teacher' && (
          <label className="filter">
            {w.Term('teacher')}
            <select aria-label={w.Term('teacher')} value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">— выберите —</option>
              {teachers.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        {view === 'room' && (
          <label className="filter">
            Аудитория
            <input
              list="rooms"
              aria-label="Аудитория"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              placeholder="204"
            />
            <datalist id="rooms">
              {rooms.map((r) => (
                <option key={r} value={r} />
              ))}
            </datalist>
          </label>
        )}
        <label className="filter">
          Изменения недели
          <DateInput aria-label="Неделя расписания" value={weekOf} onChange={whenValid(setWeekOf)} />
        </label>
        {tt.data?.week && (
          <span className="muted small">
            {ruDate(tt.data.week.from)} – {ruDate(tt.data.week.to)}: изменений {tt.data.week.changes.length}
          </span>
        )}
      </div>
      <ErrorBanner error={tt.error ?? problem} />
      {clashes.data && clashes.data.length > 0 && (
        <div className="banner banner-error" role="alert">
          <strong>Накладки в расписании ({clashes.data.length}):</strong>
          <ul className="plain">
            {clashes.data.slice(0, 10).map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      )}
      {!ready ? (
        <p className="muted">Выберите {whom}.</p>
      ) : !tt.data ? (
        <Loading />
      ) : narrow ? (
        <DayList
          days={days}
          entries={entries}
          bells={tt.data.bells}
          changes={tt.data.week?.changes ?? []}
          entry={(e) => (
            <EntryChip key={e.id} e={e} view={view} onOpen={editable ? () => setEditing({ ...e }) : undefined} />
          )}
        />
      ) : (
        <table className="table timetable-grid" aria-label="Расписание на неделю">
          <thead>
            <tr>
              <th className="tt-no">№</th>
              {days.map((d) => (
                <th key={d} aria-label={WEEKDAY_LONG[d]}>
                  {WEEKDAY_SHORT[d]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lessons.map((n) => {
              const bell = tt.data!.bells.find((b) => b.lessonNo === n);
              return (
                <tr key={n}>
                  <th className="tt-no" scope="row">
                    {n}
                    {bell && (
                      <div className="muted small">
                        {bell.startsAt}–{bell.endsAt}
                      </div>
                    )}
                  </th>
                  {days.map((d) => {
                    const here = entries.filter((e) => e.weekday === d && e.lessonNo === n);
                    const changed = (tt.data!.week?.changes ?? []).filter((c) => c.weekday === d && c.lessonNo === n);
                    return (
                      <td key={d} className="tt-cell">
                        <WeekChanges changes={changed} />
                        {here.map((e) => (
                          <EntryChip
                            key={e.id}
                            e={e}
                            view={view}
                            onOpen={editable ? () => setEditing({ ...e }) : undefined}
                          />
                        ))}
                        {editable &&
                          candidates.length > 0 &&
                          (here.length === 0 || here.every((e) => e.parity !== 'all' || e.subgroupNumber !== null)) && (
                            <button
                              type="button"
                              className="tt-add"
                              aria-label={`Добавить занятие: ${WEEKDAY_LONG[d]}, ${n}-е занятие`}
                              onClick={() =>
                                setEditing({
                                  weekday: d,
                                  lessonNo: n,
                                  parity: 'all',
                                  room: null,
                                  journalId: candidates.length === 1 ? candidates[0]!.id : 0,
                                })
                              }
                            >
                              +
                            </button>
                          )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {editable && candidates.length === 0 && load.data && (
        <p className="muted">Чтобы ставить занятия, назначьте нагрузку (журналы) в мастере учебного года.</p>
      )}
      {keeper && (
        <ChangesPanel
          yearId={year.id}
          today={today}
          journals={candidates.length > 0 ? candidates : (load.data ?? [])}
          teachers={teachers}
          editable={year.status === 'open'}
          onChanged={() => void tt.reload()}
        />
      )}
      {editing && (
        <EntryDialog
          draft={editing}
          journals={candidates.length > 0 ? candidates : (load.data ?? [])}
          onClose={() => setEditing(null)}
          onDone={refresh}
        />
      )}
      {importing && (
        <ImportDialog list="timetable" yearId={year.id} onClose={() => setImporting(false)} onImported={refresh} />
      )}
    </div>
  );
}

function EntryChip({ e, view, onOpen }: { e: TimetableEntryInfo; view: View; onOpen?: () => void }) {
  const text = (
    <>
      <span className="tt-subject">
        {e.subjectCode ? `${e.subjectCode} ` : ''}
        {e.subjectName}
      </span>
      <span className="tt-meta">
        {view !== 'group' && (
          <>
            {e.groupName}
            {e.subgroupNumber ? `/${e.subgroupNumber}` : ''} ·{' '}
          </>
        )}
        {view === 'group' && e.subgroupNumber && <>подгр. {e.subgroupNumber} · </>}
        {view !== 'teacher' && <>{e.teacherName}</>}
        {e.room && <> · ауд. {e.room}</>}
        {e.parity !== 'all' && <span className="tag tag-warn">{PARITY_LABELS[e.parity]}</span>}
      </span>
    </>
  );
  return onOpen ? (
    <button
      type="button"
      className="tt-entry"
      onClick={onOpen}
      aria-label={`${e.subjectName}, ${e.groupName}, ${WEEKDAY_LONG[e.weekday]}, ${e.lessonNo}-е занятие`}
    >
      {text}
    </button>
  ) : (
    <div className="tt-entry">{text}</div>
  );
}
