// The journal page a teacher lives in: the period, the grid, the lesson under the cursor, final
// marks with suggestions, and the state of a closed period. Opened from the home page with
// `?date=…&lesson=…`, it puts the cursor on that lesson, ready to fill.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { FinalMarkKind } from '../../../electron/domain/enums';
import { Button, ErrorBanner, Loading, Notice } from '../../components/ui';
import { useWords } from '../../components/words';
import { ruDate } from '../../../electron/domain/format-dates';
import { navigate, queryParam } from '../../app/router';
import { focusGrid, Grid, useStudentStats, type Cursor } from './Grid';
import { LessonPanel, type PanelTarget } from './LessonPanel';
import { buildModel, finalKey, type LessonColumn } from './model';
import { PeriodBar } from './PeriodBar';
import { substitutionText, writableOn } from './actions';
import { useJournal } from './useJournal';
import { usePainted } from '../../app/usePainted';
import { HistoryDialog } from './HistoryDialog';
import { ReasonDialog, type ReasonRequest } from './ReasonDialog';
import { FINAL_KIND_LABELS } from '../../../electron/domain/labels';

export function JournalScreen({ id, combined = false }: { id: number; combined?: boolean }) {
  const [asking, setAsking] = useState<ReasonRequest | null>(null);
  const [history, setHistory] = useState(false);
  const askReason = useCallback(
    (message: string) => new Promise<string | null>((resolve) => setAsking({ message, resolve })),
    [],
  );
  const state = useJournal(id, combined, askReason);
  const { pages } = state;
  const w = useWords();
  const [loadError, setLoadError] = useState<unknown>(null);
  const [cursor, setCursor] = useState<Cursor | null>(null);
  const [finalKinds, setFinalKinds] = useState<FinalMarkKind[]>(['period']);
  const [panelKey, setPanelKey] = useState<string | null>(null);
  const dirty = useRef(false);
  const measured = useRef(false);
  const wanted = useRef<{ date: string; lessonNo: number } | null>(null);

  useEffect(() => {
    const date = queryParam('date');
    const lesson = Number(queryParam('lesson'));
    if (date && lesson) wanted.current = { date, lessonNo: lesson };
    measured.current = false;
    state
      .load({})
      .then(async (loaded) => {
        const want = wanted.current;
        const page = loaded[0];
        if (want && page && (want.date < page.range.from || want.date > page.range.to)) {
          const period = page.periods.find((p) => p.startsOn <= want.date && want.date <= p.endsOn);
          await state.load(period ? { periodId: period.id } : { from: want.date, to: want.date });
        }
      })
      .catch(setLoadError);
  }, [id, combined]);

  const model = useMemo(() => (pages ? buildModel(pages, finalKinds) : null), [pages, finalKinds]);
  const page = pages?.[0];
  // The cursor starts on the wanted lesson (from the home page) or on the latest lesson up to today,
  // decided during the first render so the grid opens there at once.
  if (model && page && cursor === null) {
    const want = wanted.current;
    let col = want ? model.lessonColumns.findIndex((c) => c.date === want.date && c.lessonNo === want.lessonNo) : -1;
    if (col >= 0) wanted.current = null;
    else col = model.lessonColumns.reduce((at, c, i) => (c.date <= page.today ? i : at), 0);
    setCursor({ row: 0, col });
    setPanelKey(model.lessonColumns[col]?.key ?? null);
  }

  // Put the cursor on the wanted lesson (from the home page) once the page that holds it is here.
  useEffect(() => {
    const want = wanted.current;
    if (!model || !want) return;
    const index = model.lessonColumns.findIndex((c) => c.date === want.date && c.lessonNo === want.lessonNo);
    if (index >= 0) {
      wanted.current = null;
      setCursor({ row: 0, col: index });
      setPanelKey(model.lessonColumns[index]!.key);
    }
  }, [model]);

  // Rendering time of the page, from the data's arrival to the grid laid out (and painted).
  useLayoutEffect(() => {
    if (!model || measured.current) return;
    measured.current = true;
    document.querySelector('.jgrid')?.getBoundingClientRect();
    performance.mark('journal:rendered');
    const render = performance.measure('journal:render', 'journal:data', 'journal:rendered').duration;
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.mark('journal:painted');
        const paint = performance.measure('journal:paint', 'journal:data', 'journal:painted').duration;
        (window as unknown as { __journalTimings?: unknown }).__journalTimings = {
          render,
          paint,
          rows: model.rows.length,
          columns: model.lessonColumns.length,
        };
      }, 0),
    );
  }, [model]);

  // The lesson panel follows the cursor once it rests (not on every arrow press), unless it has unsaved edits.
  const follow = useRef(0);
  const onCursor = useCallback(
    (c: Cursor) => {
      setCursor(c);
      window.clearTimeout(follow.current);
      const col = model?.lessonColumns[c.col];
      if (col && !dirty.current) follow.current = window.setTimeout(() => setPanelKey(col.key), 180);
    },
    [model],
  );
  const onLessonHeader = useCallback((c: LessonColumn) => {
    dirty.current = false;
    setPanelKey(c.key);
  }, []);

  // The lesson panel, below the grid, is drawn in the frame after the grid's first: it costs as much again.
  const panelShown = usePainted(model !== null && cursor !== null);

  const stats = useStudentStats(
    state,
    pages ?? [],
    model ?? { rows: [], lessonColumns: [], finalColumns: [], membership: [], subgroupLabel: () => null },
  );

  if (loadError) return <ErrorBanner error={loadError} />;
  if (!pages || !model || !page || !cursor) return <Loading what="Журнал открывается" />;

  const j = page.journal;
  const title =
    `${j.groupName}${j.subgroup && !combined ? ` (подгруппа ${j.subgroup.number})` : ''} · ` +
    `${j.subjectCode ? `${j.subjectCode} ` : ''}${j.subjectName}`;
  const panelCol = model.lessonColumns.find((c) => c.key === panelKey) ?? null;
  const panelPage = panelCol ? pages[panelCol.page]! : page;
  const target: PanelTarget | null = !panelCol
    ? null
    : panelCol.kind === 'pending'
      ? { kind: 'slot', date: panelCol.date, lessonNo: panelCol.lessonNo }
      : { kind: 'lesson', lesson: panelCol.lesson };

  const reloadKeeping = async (focus?: { date: string; lessonNo: number }) => {
    const loaded = await state.load();
    const fresh = buildModel(loaded, finalKinds);
    const at = focus
      ? fresh.lessonColumns.findIndex((c) => c.date === focus.date && c.lessonNo === focus.lessonNo)
      : -1;
    if (at >= 0) {
      setCursor({ row: cursor?.row ?? 0, col: at });
      setPanelKey(fresh.lessonColumns[at]!.key);
      // After writing a lesson the keyboard goes back to the grid, on its first student.
      if (focus) {
        setCursor({ row: 0, col: at });
        requestAnimationFrame(focusGrid);
      }
    }
  };

  const suggestAll = () => {
    const col = model.finalColumns.find((f) => f.finalKind === 'period');
    if (!col) return;
    const changes = model.rows.flatMap((r) => {
      const offer = stats.get(r.student.id)?.suggestion;
      return offer && !state.maps.finals.has(finalKey('period', col.periodId, r.student.id))
        ? [
            {
              kind: 'final' as const,
              studentId: r.student.id,
              periodId: col.periodId,
              finalKind: 'period' as const,
              value: offer,
            },
          ]
        : [];
    });
    if (changes.length === 0) {
      state.setNotice('Все итоговые отметки уже выставлены или нет отметок для предложения');
      return;
    }
    if (
      window.confirm(`Выставить предложенные итоговые отметки ${changes.length} обучающимся? Их можно будет изменить.`)
    ) {
      void state.save(changes).then((ok) => ok && state.setNotice(`Выставлено итоговых отметок: ${changes.length}`));
    }
  };

  return (
    <div className="page journal-page">
      <header className="journal-head">
        <div>
          <h1>{title}</h1>
          <p className="muted">
            {combined ? (
              `Общий вид ${w.term('group', 'gen')}: журналы подгрупп вместе, только просмотр`
            ) : (
              <>
                {w.Term('teacher')} {j.teacherName}
              </>
            )}{' '}
            · {j.yearTitle} учебный год
            {!combined && page.plan.hoursPlanned !== null && (
              <>
                {' '}
                · проведено {page.plan.hoursHeld} ч из {page.plan.hoursPlanned} ч по плану
              </>
            )}
          </p>
        </div>
        <div className="row">
          {!combined && j.siblingIds.length > 0 && (
            <Button kind="secondary" onClick={() => navigate(`/journal/${j.id}/group`)}>
              {w.Whole('group')} (подгруппы вместе)
            </Button>
          )}
          {combined && (
            <Button kind="secondary" onClick={() => navigate(`/journal/${j.id}`)}>
              Журнал подгруппы
            </Button>
          )}
          {!combined && (
            <Button kind="secondary" onClick={() => setHistory(true)}>
              История изменений
            </Button>
          )}
          <Button kind="secondary" onClick={() => navigate('/journals')}>
            Все журналы
          </Button>
        </div>
      </header>
      {asking && (
        <ReasonDialog
          request={asking}
          onDone={() => {
            setAsking(null);
            focusGrid();
          }}
        />
      )}
      {history && <HistoryDialog journalId={j.id} title={title} onClose={() => setHistory(false)} />}
      <PeriodBar
        page={page}
        combined={combined}
        onRange={(r) => {
          void state.load(r);
        }}
        onError={state.setError}
        onChanged={() => state.load().then(() => undefined)}
      />
      {!page.canWrite && <Notice kind="info">{page.readOnlyReason}</Notice>}
      {page.canWrite && page.substituteSlots && (
        <Notice kind="info">
          Замена: вы ведёте {substitutionText(page.substituteSlots)}. Остальные занятия журнала ведёт{' '}
          {page.journal.teacherName} — они только для просмотра.
        </Notice>
      )}
      <ErrorBanner error={state.error} />
      {state.notice && !state.error && <Notice kind="ok">{state.notice}</Notice>}
      <Grid
        state={state}
        pages={pages}
        model={model}
        cursor={cursor}
        onCursor={onCursor}
        stats={stats}
        label={`Журнал ${title}`}
        selectedLessonKey={panelCol ? (panelCol.kind === 'pending' ? panelCol.key : `l${panelCol.lesson.id}`) : null}
        onLessonHeader={onLessonHeader}
      />
      <div className="journal-tools row">
        <span className="muted small keys-help">
          Стрелки, Tab — переход · 5 4 3 2 зач незач — отметка · н у б оп уч — посещаемость · Enter — сохранить и вниз ·
          Delete — очистить · Ctrl+Z — отменить · Ctrl+V — вставить столбец из Excel
        </span>
        {!combined && page.marksEnabled && page.range.periodId !== null && (
          <>
            {(['exam', 'credit', 'year'] as const).map((k) => (
              <label key={k} className="inline small">
                <input
                  type="checkbox"
                  checked={finalKinds.includes(k)}
                  onChange={(e) => setFinalKinds((f) => (e.target.checked ? [...f, k] : f.filter((x) => x !== k)))}
                />
                {FINAL_KIND_LABELS[k]}
              </label>
            ))}
            {page.canWrite && !page.substituteSlots && (
              <Button kind="secondary" onClick={suggestAll}>
                Выставить предложенные итоговые
              </Button>
            )}
          </>
        )}
      </div>
      {panelShown && target && panelCol && (
        <LessonPanel
          key={
            `${panelCol.key}-${panelCol.kind === 'pending' ? 0 : panelCol.lesson.version}-` +
            `${panelCol.kind === 'work' ? panelCol.lesson.columns.map((c) => c.version).join('.') : ''}`
          }
          page={panelPage}
          target={target}
          editable={!combined && writableOn(panelPage, panelCol.date, panelCol.lessonNo)}
          onChanged={reloadKeeping}
          onDirty={(d) => {
            dirty.current = d;
          }}
          onError={state.setError}
        />
      )}
      {!target && (
        <p className="muted">
          Выберите занятие в журнале (щелчок по заголовку столбца или переход курсором), чтобы увидеть тему, задание и
          виды работ.
          {page.lessons.length === 0 && page.pending.length === 0
            ? ` За период ${ruDate(page.range.from)} – ${ruDate(page.range.to)} занятий нет.`
            : ''}
        </p>
      )}
    </div>
  );
}
