// The curator's reasons of absence (003 §2.2, §3.5): parents' notes waiting for a decision, and
// certificates the curator records; confirming one excuses the absences of those days in every journal.
import { useWords } from '../../components/words';
import { useState, type FormEvent } from 'react';
import type { ExcuseInfo } from '../../../electron/api/contract';
import { call } from '../../api';
import { Button, Card, ErrorBanner, Loading, Notice } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { Segmented } from '../../components/lists';
import { ruDate, ruDateTime } from '../../../electron/domain/format-dates';
import { excuseStatus } from '../family/Excuses';
import { EXCUSE_KIND_LABELS } from '../../../electron/domain/labels';
import { DateInput } from '../../components/DateInput';

const SHOW = [
  ['submitted', 'Ждут решения'],
  ['all', 'Все'],
] as const;

export function ExcusesScreen() {
  const w = useWords();
  const [status, setStatus] = useState<'submitted' | 'all'>('submitted');
  const { data, error, loading, reload } = useCall('excuses.list', { status });
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="page">
      <h1>Причины отсутствия</h1>
      <p className="muted">
        Родители сообщают причину отсутствия; {w.term('curator')} проверяет и подтверждает её — пропуски «н» за эти дни
        становятся уважительными («у», по справке — «б») во всех журналах.
      </p>
      <Segmented label="Показать" value={status} options={SHOW} onChange={setStatus} />
      {notice && <Notice kind="ok">{notice}</Notice>}
      <ErrorBanner error={error} />
      {loading && !data ? (
        <Loading />
      ) : (
        <Card
          title={status === 'submitted' ? `Ждут решения: ${data?.length ?? 0}` : `Все причины: ${data?.length ?? 0}`}
        >
          {data?.length === 0 ? (
            <p className="muted">Нет причин, ждущих решения.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Обучающийся</th>
                  <th>Дни</th>
                  <th>Документ и причина</th>
                  <th>Прислал(а)</th>
                  <th>Пропусков</th>
                  <th>Решение</th>
                </tr>
              </thead>
              <tbody>
                {data?.map((x) => (
                  <ExcuseRow
                    key={`${x.id}-${x.version}`}
                    x={x}
                    onDone={(m) => {
                      setNotice(m);
                      void reload();
                    }}
                  />
                ))}
              </tbody>
            </table>
          )}
        </Card>
      )}
      <Certificate
        onDone={(m) => {
          setNotice(m);
          void reload();
        }}
      />
    </div>
  );
}

function ExcuseRow({ x, onDone }: { x: ExcuseInfo; onDone: (message: string) => void }) {
  const w = useWords();
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const decide = async (confirm: boolean) => {
    setError(null);
    try {
      const r = await call('excuses.decide', { excuseId: x.id, version: x.version, confirm, note: note || null });
      onDone(
        confirm
          ? `${x.studentName}: причина подтверждена, уважительными стали пропуски: ${r.excused}`
          : `${x.studentName}: причина не принята`,
      );
    } catch (e) {
      setError(e);
    }
  };
  return (
    <tr>
      <td>
        <strong>{x.studentName}</strong>
        <div className="muted small">{x.groupName}</div>
      </td>
      <td>
        {ruDate(x.fromDate)}
        {x.toDate !== x.fromDate ? ` – ${ruDate(x.toDate)}` : ''}
      </td>
      <td>
        <div className="small muted">{EXCUSE_KIND_LABELS[x.kind]}</div>
        {x.text}
      </td>
      <td className="small">
        {x.submittedBy}
        <div className="muted">{ruDateTime(x.createdAt)}</div>
      </td>
      <td>
        {x.absences}
        {x.excused ? ` (уважит. ${x.excused})` : ''}
      </td>
      <td>
        {x.status === 'submitted' ? (
          <div className="decide">
            <input
              type="text"
              aria-label={`Комментарий к причине: ${x.studentName}`}
              placeholder="Комментарий (обязателен при отказе)"
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <div className="row">
              <Button onClick={() => decide(true)} aria-label={`Подтвердить причину: ${x.studentName}`}>
                Подтвердить
              </Button>
              <Button kind="secondary" onClick={() => decide(false)} aria-label={`Отклонить причину: ${x.studentName}`}>
                Отклонить
              </Button>
            </div>
            <ErrorBanner error={error} />
          </div>
        ) : (
          <>
            <span className={`tag ${x.status === 'confirmed' ? 'tag-ok' : 'tag-bad'}`}>
              {excuseStatus(x.status, w)}
            </span>
            <div className="muted small">
              {x.decidedBy} {ruDateTime(x.decidedAt)}
            </div>
            {x.decisionNote && <div className="small">{x.decisionNote}</div>}
          </>
        )}
      </td>
    </tr>
  );
}

/** A certificate or note brought to the curator in person: recorded and, if checked, confirmed at once. */
function Certificate({ onDone }: { onDone: (message: string) => void }) {
  const { data: students } = useCall('excuses.students', {});
  const [studentId, setStudentId] = useState<number | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [kind, setKind] = useState<'medical' | 'parent_note' | 'order' | 'other'>('medical');
  const [text, setText] = useState('');
  const [confirmNow, setConfirmNow] = useState(true);
  const [error, setError] = useState<unknown>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const x = await call('excuses.submit', {
        studentId: Number(studentId),
        fromDate: from,
        toDate: to || from,
        kind,
        text,
      });
      const done = confirmNow ? await call('excuses.decide', { excuseId: x.id, version: x.version, confirm: true }) : x;
      setText('');
      onDone(
        confirmNow
          ? `${x.studentName}: документ записан и подтверждён, уважительными стали пропуски: ${done.excused}`
          : `${x.studentName}: документ записан, ждёт решения`,
      );
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Card title="Записать справку или заявление">
      <form onSubmit={submit} className="excuse-form">
        <div className="row">
          <label className="field grow">
            Обучающийся
            <select
              value={studentId}
              onChange={(e) => setStudentId(e.target.value ? Number(e.target.value) : '')}
              required
            >
              <option value="">— выберите —</option>
              {students?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.groupName}: {s.fullName}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            С<DateInput value={from} onChange={setFrom} required />
          </label>
          <label className="field">
            По
            <DateInput value={to} onChange={setTo} />
          </label>
          <label className="field">
            Документ
            <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              {Object.entries(EXCUSE_KIND_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="field">
          Содержание
          <input
            type="text"
            value={text}
            maxLength={2000}
            onChange={(e) => setText(e.target.value)}
            placeholder="Например: справка ГБУЗ «Городская больница» № 1234"
            required
          />
        </label>
        <label className="inline">
          <input type="checkbox" checked={confirmNow} onChange={(e) => setConfirmNow(e.target.checked)} /> Сразу
          подтвердить
        </label>
        <ErrorBanner error={error} />
        <div>
          <Button type="submit">Записать</Button>
        </div>
      </form>
    </Card>
  );
}
