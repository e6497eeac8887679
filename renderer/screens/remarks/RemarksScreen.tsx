// «Замечания» (000 §3.2.1, §3.5.3): the deputy writes remarks with a due date and reviews the weekly
// drafts; the teacher answers; the deputy accepts or sends back. Overdue ones stand out and come first.
import { useState } from 'react';
import type { Me, RemarkFilter, ReportFilters, WeeklyDraftResult } from '../../../electron/api/contract';
import { call } from '../../api';
import { Button, Card, ErrorBanner, Loading, Notice } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { ruDate } from '../../../electron/domain/format-dates';
import { groupLabel } from '../reports/format';
import { RemarkCard } from './RemarkCard';
import { addDays } from '../../../electron/domain/calendar';
import { DateInput } from '../../components/DateInput';
import { useToday } from '../../components/today';

const AUTHOR_TABS: Array<[RemarkFilter, string]> = [
  ['active', 'Ждут ответа'],
  ['answered', 'Ответы на проверку'],
  ['drafts', 'Черновики'],
  ['closed', 'Устранённые'],
  ['all', 'Все'],
];
const READER_TABS: Array<[RemarkFilter, string]> = [
  ['active', 'Ждут ответа'],
  ['answered', 'На проверке'],
  ['closed', 'Устранённые'],
];

export function RemarksScreen({ me }: { me: Me }) {
  const author = me.roles.some((g) => g.role === 'deputy' || g.role === 'director');
  const teacher = me.roles.some((g) => g.role === 'teacher');
  const tabs = author ? AUTHOR_TABS : READER_TABS;
  const [filter, setFilter] = useState<RemarkFilter>('active');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const { data, error, loading, reload } = useCall('remarks.list', { filter, overdueOnly: overdueOnly || undefined });
  const filters = useCall('reports.filters', {});
  const today = useToday();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [week, setWeek] = useState<WeeklyDraftResult | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  async function weekly() {
    setActionError(null);
    try {
      setWeek(await call('remarks.draftWeekly', {}));
      setFilter('drafts');
      await reload();
    } catch (e) {
      setActionError(e);
    }
  }

  async function sendSelected() {
    setActionError(null);
    try {
      await call('remarks.send', { ids: [...selected] });
      setSelected(new Set());
      await reload();
    } catch (e) {
      setActionError(e);
    }
  }

  return (
    <div className="page">
      <h1>Замечания по ведению журналов</h1>
      {author && filters.data && (
        <NewRemark
          filters={filters.data}
          today={today}
          onCreated={() => {
            setFilter('active');
            void reload();
          }}
        />
      )}
      {author && (
        <div className="row">
          <Button kind="secondary" onClick={weekly}>
            Проверить прошлую неделю
          </Button>
          <span className="muted small">
            Черновики замечаний по журналам, где занятия по расписанию не внесены или не указана тема.
          </span>
        </div>
      )}
      {week && (
        <Notice kind={week.created ? 'warn' : 'ok'}>
          Неделя {ruDate(week.from)}–{ruDate(week.to)}: журналов с пропусками — {week.journals}, новых черновиков —{' '}
          {week.created}
          {week.skipped ? `, уже были — ${week.skipped}` : ''}.
        </Notice>
      )}
      <ErrorBanner error={actionError} />
      <div role="tablist" aria-label="Замечания" className="tabs">
        {tabs.map(([key, title]) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={filter === key}
            className={`tab ${filter === key ? 'tab-active' : ''}`}
            onClick={() => {
              setFilter(key);
              setSelected(new Set());
            }}
          >
            {title}
          </button>
        ))}
        {filter === 'active' && (
          <label className="check">
            <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} /> только
            просроченные
          </label>
        )}
      </div>
      {filter === 'drafts' && data && data.length > 0 && (
        <div className="row">
          <Button disabled={selected.size === 0} onClick={sendSelected}>
            Отправить выбранные ({selected.size})
          </Button>
          <Button kind="secondary" onClick={() => setSelected(new Set(data.map((r) => r.id)))}>
            Выбрать все
          </Button>
        </div>
      )}
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorBanner error={error} />
      ) : data!.length === 0 ? (
        <p className="muted">Замечаний нет.</p>
      ) : (
        <div className="remarks">
          {data!.map((r) => (
            <RemarkCard
              key={`${r.id}-${r.version}`}
              remark={r}
              today={today}
              canDecide={author}
              canAnswer={teacher && r.teacherId === me.userId}
              onChanged={() => void reload()}
              {...(filter === 'drafts'
                ? {
                    selected: selected.has(r.id),
                    onSelect: (on: boolean) =>
                      setSelected((old) => {
                        const next = new Set(old);
                        if (on) next.add(r.id);
                        else next.delete(r.id);
                        return next;
                      }),
                  }
                : {})}
            />
          ))}
        </div>
      )}
    </div>
  );
}

function NewRemark({ filters, today, onCreated }: { filters: ReportFilters; today: string; onCreated: () => void }) {
  const [open, setOpen] = useState(false);
  const [journalId, setJournalId] = useState('');
  const [lessonDate, setLessonDate] = useState('');
  const [text, setText] = useState('');
  const [dueOn, setDueOn] = useState(addDays(today, 7));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!open)
    return (
      <div>
        <Button onClick={() => setOpen(true)}>Новое замечание</Button>
      </div>
    );
  return (
    <Card title="Новое замечание">
      <form
        className="remark-new"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await call('remarks.create', { journalId: Number(journalId), lessonDate: lessonDate || null, text, dueOn });
            setText('');
            setLessonDate('');
            setOpen(false);
            onCreated();
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <label className="field">
          <span>Журнал</span>
          <select required value={journalId} onChange={(e) => setJournalId(e.target.value)}>
            <option value="">— выберите журнал —</option>
            {filters.journals.map((j) => (
              <option key={j.journalId} value={j.journalId}>
                {groupLabel(j)} · {j.subjectName} · {j.teacherName}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Занятие (дата, необязательно)</span>
          <DateInput value={lessonDate} onChange={setLessonDate} />
        </label>
        <label className="field">
          <span>Текст замечания</span>
          <textarea required rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label className="field">
          <span>Срок устранения</span>
          <DateInput required value={dueOn} onChange={setDueOn} />
        </label>
        <div className="row">
          <Button type="submit" disabled={busy || !journalId || !text.trim()}>
            Отправить замечание
          </Button>
          <Button kind="secondary" onClick={() => setOpen(false)}>
            Отмена
          </Button>
        </div>
        <ErrorBanner error={error} />
      </form>
    </Card>
  );
}
