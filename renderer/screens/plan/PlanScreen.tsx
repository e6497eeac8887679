// The thematic plan (КТП) of one journal: topics in order with section, hours, lesson kind and
// homework. Typed in (Enter adds the next row), copied from another group's journal, or loaded
// from Excel; the hours are checked against the load.
import { useWords } from '../../components/words';
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { LoadInfo, PlanInfo, PlanTopicRow } from '../../../electron/api/contract';
import { LESSON_KINDS, type LessonKind } from '../../../electron/domain/enums';
import { ApiError, call } from '../../api';
import { Button, ErrorBanner, Loading, Notice } from '../../components/ui';
import { ImportDialog } from '../year/ImportDialog';
import { download } from '../year/StepSubjects';
import { LESSON_KIND_SHORT } from '../../../electron/domain/labels';

type Row = Omit<PlanTopicRow, 'id' | 'seq' | 'used'> & { id?: number; used: number; key: string };
let seq = 0;
const blank = (section: string | null): Row => ({
  section,
  title: '',
  hours: 2,
  lessonKind: 'lecture',
  homework: null,
  used: 0,
  key: `n${++seq}`,
});

export function PlanScreen({ journalId }: { journalId: number }) {
  const w = useWords();
  const [plan, setPlan] = useState<PlanInfo | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [importing, setImporting] = useState(false);
  const [sources, setSources] = useState<LoadInfo[] | null>(null);
  const apply = (p: PlanInfo) => {
    setPlan(p);
    setRows(p.topics.map((t) => ({ ...t, key: `t${t.id}` })));
    setDirty(false);
  };
  const load = () => call('plans.get', { journalId }).then(apply, setError);
  useEffect(() => {
    void load();
  }, [journalId]);
  if (!plan) return error ? <ErrorBanner error={error} /> : <Loading />;

  const set = (i: number, patch: Partial<Row>) => {
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    setDirty(true);
    setSaved(null);
  };
  const total = rows.reduce((s, r) => s + (Number(r.hours) || 0), 0);
  async function save() {
    try {
      const p = await call('plans.save', {
        journalId,
        version: plan!.version,
        topics: rows
          .filter((r) => r.title.trim())
          .map((r) => ({
            id: r.id,
            section: r.section || null,
            title: r.title,
            hours: Number(r.hours),
            lessonKind: r.lessonKind,
            homework: r.homework || null,
          })),
      });
      apply(p);
      setError(null);
      setSaved('План сохранён');
    } catch (e) {
      setError(e);
    }
  }
  function onKey(e: KeyboardEvent, i: number) {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      const next = [...rows];
      next.splice(i + 1, 0, blank(rows[i]?.section ?? null));
      setRows(next);
      setDirty(true);
      setTimeout(() => document.querySelector<HTMLInputElement>(`[data-row="${i + 1}"][data-col="title"]`)?.focus(), 0);
    }
    if ((e.key === 's' || e.key === 'ы') && e.ctrlKey) {
      e.preventDefault();
      void save();
    }
  }
  async function findSources() {
    try {
      const year = (await call('years.list', {})).find((y) => y.title === plan!.yearTitle);
      if (year)
        setSources(
          (await call('journals.list', { yearId: year.id })).filter(
            (j) => j.id !== journalId && j.subjectName === plan!.subjectName && j.planTopics > 0,
          ),
        );
    } catch (e) {
      setError(e);
    }
  }
  const move = (i: number, d: number) => {
    const next = [...rows];
    const [r] = next.splice(i, 1);
    next.splice(i + d, 0, r!);
    setRows(next);
    setDirty(true);
  };
  const fields = error instanceof ApiError ? error.fields : {};

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Тематический план</h1>
          <p className="muted">
            {plan.groupName}
            {plan.subgroupNumber ? `, подгруппа ${plan.subgroupNumber}` : ''} ·{' '}
            {plan.subjectCode ? `${plan.subjectCode} ` : ''}
            {plan.subjectName} · {plan.teacherName} · {plan.yearTitle}
          </p>
        </div>
        <div className="row">
          {plan.editable && (
            <Button kind="secondary" onClick={() => setImporting(true)}>
              Загрузить из Excel
            </Button>
          )}
          <Button kind="secondary" onClick={() => download({ list: 'plan', journalId }).catch(setError)}>
            Выгрузить в Excel
          </Button>
          {plan.editable && (
            <Button kind="secondary" onClick={() => void findSources()}>
              Взять план {w.gender('group') === 'f' ? 'другой' : 'другого'} {w.term('group', 'gen')}
            </Button>
          )}
        </div>
      </div>
      <div className="stats">
        <div className={`stat ${plan.plannedHours && total !== plan.plannedHours ? 'stat-bad' : 'stat-good'}`}>
          <div className="stat-value">{total} ч</div>
          <div className="stat-label">в плане ({rows.length} тем)</div>
        </div>
        <div className="stat">
          <div className="stat-value">{plan.plannedHours} ч</div>
          <div className="stat-label">по нагрузке</div>
        </div>
      </div>
      {plan.plannedHours > 0 && total !== plan.plannedHours && (
        <Notice kind="warn">
          В плане {total} ч, а по нагрузке {plan.plannedHours} ч.
        </Notice>
      )}
      {!plan.editable && <Notice kind="info">План доступен только для просмотра.</Notice>}
      <ErrorBanner error={error} />
      {saved && <Notice kind="ok">{saved}</Notice>}
      {sources && (
        <div className="banner banner-info">
          {sources.length === 0 ? (
            `Нет других журналов ${w.gender('subject') === 'f' ? 'этой' : 'этого'} ${w.term('subject', 'gen')} с ` +
            `планом.`
          ) : (
            <>
              Взять план из:{' '}
              {sources.map((s) => (
                <Button
                  key={s.id}
                  kind="link"
                  onClick={async () => {
                    if (
                      !window.confirm(
                        `Заменить план планом ${w.term('group', 'gen')} ${s.groupName} (${s.planTopics} тем)?`,
                      )
                    )
                      return;
                    try {
                      apply(await call('plans.copy', { journalId, version: plan.version, fromJournalId: s.id }));
                      setSources(null);
                      setSaved(`План взят из журнала ${w.term('group', 'gen')} ${s.groupName}`);
                    } catch (e) {
                      setError(e);
                    }
                  }}
                >
                  {s.groupName}
                  {s.subgroupNumber ? `/${s.subgroupNumber}` : ''} ({s.teacherName}, {s.planTopics} тем)
                </Button>
              ))}
            </>
          )}
        </div>
      )}
      <table className="table plan-table" aria-label="Темы плана">
        <thead>
          <tr>
            <th>№</th>
            <th>Раздел</th>
            <th>Тема</th>
            <th>Часы</th>
            <th>Вид занятия</th>
            <th>Домашнее задание</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.key} className={fields[`topics.${i}.title`] || fields[`topics.${i}.hours`] ? 'row-invalid' : ''}>
              <td>{i + 1}</td>
              <td>
                <input
                  aria-label={`Раздел, тема ${i + 1}`}
                  value={r.section ?? ''}
                  disabled={!plan.editable}
                  onKeyDown={(e) => onKey(e, i)}
                  onChange={(e) => set(i, { section: e.target.value })}
                />
              </td>
              <td>
                <input
                  data-row={i}
                  data-col="title"
                  aria-label={`Тема ${i + 1}`}
                  className="wide-input"
                  value={r.title}
                  disabled={!plan.editable}
                  onKeyDown={(e) => onKey(e, i)}
                  onChange={(e) => set(i, { title: e.target.value })}
                />
                {r.used > 0 && <div className="muted small">проведено занятий: {r.used}</div>}
              </td>
              <td>
                <input
                  type="number"
                  min={1}
                  aria-label={`Часы, тема ${i + 1}`}
                  className="narrow-num"
                  value={r.hours}
                  disabled={!plan.editable}
                  onKeyDown={(e) => onKey(e, i)}
                  onChange={(e) => set(i, { hours: Number(e.target.value) })}
                />
              </td>
              <td>
                <select
                  aria-label={`Вид занятия, тема ${i + 1}`}
                  value={r.lessonKind}
                  disabled={!plan.editable}
                  onChange={(e) => set(i, { lessonKind: e.target.value as LessonKind })}
                >
                  {LESSON_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {LESSON_KIND_SHORT[k]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  aria-label={`Домашнее задание, тема ${i + 1}`}
                  value={r.homework ?? ''}
                  disabled={!plan.editable}
                  onKeyDown={(e) => onKey(e, i)}
                  onChange={(e) => set(i, { homework: e.target.value })}
                />
              </td>
              <td className="nowrap">
                {plan.editable && (
                  <>
                    <Button
                      kind="link"
                      aria-label={`Выше, тема ${i + 1}`}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      ↑
                    </Button>
                    <Button
                      kind="link"
                      aria-label={`Ниже, тема ${i + 1}`}
                      disabled={i === rows.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      ↓
                    </Button>
                    <Button
                      kind="link"
                      aria-label={`Удалить тему ${i + 1}`}
                      onClick={() => {
                        setRows(rows.filter((_, j) => j !== i));
                        setDirty(true);
                      }}
                    >
                      ✕
                    </Button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {plan.editable && (
        <div className="row">
          <Button
            kind="secondary"
            onClick={() => {
              setRows([...rows, blank(rows.at(-1)?.section ?? null)]);
              setDirty(true);
            }}
          >
            Добавить тему
          </Button>
          <Button onClick={() => void save()} disabled={!dirty}>
            Сохранить план
          </Button>
          <span className="muted small">Enter в строке — новая тема ниже; Ctrl+S — сохранить.</span>
        </div>
      )}
      {importing && (
        <ImportDialog
          list="plan"
          journalId={journalId}
          onClose={() => setImporting(false)}
          onImported={() => void load()}
        />
      )}
    </div>
  );
}
