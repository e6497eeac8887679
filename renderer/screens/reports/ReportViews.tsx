// The reports on screen about keeping the journals and attendance: the same figures as the PDF and Excel copies,
// with charts. Results and hours are in ResultsViews.tsx.
import { useWords } from '../../components/words';
import type { ReactNode } from 'react';
import type { AttendanceReport, CompletionReport, KeepingReport, KeepingSummary } from '../../../electron/api/contract';
import { Stat } from '../../components/ui';
import { ruDate } from '../../../electron/domain/format-dates';
import { AttendanceByWeek, CompletionByDepartment } from './Charts';
import { groupLabel } from './format';
import { hrs, pct } from '../../../electron/domain/format-numbers';

const KIND = {
  move: 'перенос занятия',
  merge: 'объединение тем',
  extra_hours: 'добавление часов',
  reduce_hours: 'сокращение часов',
} as const;
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

export function Num({ children, bad }: { children: ReactNode; bad?: boolean }) {
  return <td className={`num ${bad ? 'num-bad' : ''}`}>{children}</td>;
}

export function CompletionView({ r }: { r: CompletionReport }) {
  const w = useWords();
  const corrections = r.rows.flatMap((row) => row.corrections.map((c) => ({ row, c })));
  return (
    <>
      <div className="stats">
        <Stat label="журналов" value={r.totals.journals} />
        <Stat label="проведено от плана" value={pct(r.totals.done)} />
        <Stat label="отстают от календаря" value={r.totals.behind} tone={r.totals.behind ? 'bad' : 'good'} />
      </div>
      {r.departments.length > 1 && <CompletionByDepartment departments={r.departments} />}
      <table className="table report-table">
        <caption>Выполнение программ по журналам</caption>
        <thead>
          <tr>
            <th>{w.Term('group')}</th>
            <th>{w.Term('subject')}</th>
            <th>{w.Short('teacher')}</th>
            <th>План, ч</th>
            <th>Корр., ч</th>
            <th>Всего, ч</th>
            <th>Проведено, ч</th>
            <th>Выполнено</th>
            <th>По календарю, ч</th>
            <th>Отставание, ч</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.map((x) => (
            <tr key={x.journalId} className={x.behind ? 'row-bad' : ''}>
              <td>{groupLabel(x)}</td>
              <td>{x.subjectName}</td>
              <td>{x.teacherName}</td>
              <Num>{x.plannedHours}</Num>
              <Num>{x.correctionHours ? signed(x.correctionHours) : ''}</Num>
              <Num>{x.plannedTotal}</Num>
              <Num>{hrs(x.conductedHours)}</Num>
              <Num>{pct(x.done)}</Num>
              <Num>{hrs(x.expectedHours)}</Num>
              <Num bad={x.behind}>{x.lagHours > 0 ? hrs(x.lagHours) : '—'}</Num>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Утверждённые корректировки тематических планов</h3>
      {corrections.length === 0 ? (
        <p className="muted">За период утверждённых корректировок нет.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{w.Term('group')}</th>
              <th>{w.Term('subject')}</th>
              <th>Вид</th>
              <th>Часы</th>
              <th>Причина</th>
              <th>Утвердил(а)</th>
              <th>Дата</th>
            </tr>
          </thead>
          <tbody>
            {corrections.map(({ row, c }) => (
              <tr key={c.id}>
                <td>{groupLabel(row)}</td>
                <td>{row.subjectName}</td>
                <td>
                  {KIND[c.kind]}
                  {c.planTopicTitle ? `: ${c.planTopicTitle}` : ''}
                </td>
                <Num>{signed(c.hoursDelta)}</Num>
                <td>{c.reason}</td>
                <td>{c.approvedByName}</td>
                <td>{ruDate(c.approvedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function SummaryTable({
  caption,
  what,
  rows,
  totals,
}: {
  caption: string;
  what: string;
  rows: KeepingSummary[];
  totals: KeepingSummary;
}) {
  const line = (s: KeepingSummary, key: string, bold = false) => (
    <tr key={key} className={bold ? 'row-total' : ''}>
      <td>{s.name}</td>
      <Num>{s.journals}</Num>
      <Num>{pct(s.done)}</Num>
      <Num bad={s.behind > 0}>{s.behind}</Num>
      <Num>{s.lessons}</Num>
      <Num bad={s.withoutTopic > 0}>{s.withoutTopic}</Num>
      <Num bad={s.late > 0}>{s.late}</Num>
      <Num bad={s.attendanceNotTaken > 0}>{s.attendanceNotTaken}</Num>
      <Num>{s.withoutHomework}</Num>
      <Num bad={s.unfilled > 0}>{s.unfilled}</Num>
      <Num>{s.remarksOpen}</Num>
      <Num bad={s.remarksOverdue > 0}>{s.remarksOverdue}</Num>
    </tr>
  );
  return (
    <table className="table report-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th>{what}</th>
          <th>Журналов</th>
          <th>Выполнено</th>
          <th>Отстают</th>
          <th>Занятий</th>
          <th>Без темы</th>
          <th>Внесено позже</th>
          <th>Посещ. не отмечена</th>
          <th>Без д/з</th>
          <th>Не заполнено</th>
          <th>Замечаний ждут ответа</th>
          <th>Просрочено</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => line(s, String(s.key)))}
        {line(totals, 'total', true)}
      </tbody>
    </table>
  );
}

export function KeepingView({ r }: { r: KeepingReport }) {
  const w = useWords();
  const t = r.totals;
  return (
    <>
      <div className="stats">
        <Stat label="журналов" value={t.journals} />
        <Stat label="проведено от плана" value={pct(t.done)} />
        <Stat label="отстают от календаря" value={t.behind} tone={t.behind ? 'bad' : 'good'} />
        <Stat label="занятий внесено позже" value={t.late} tone={t.late ? 'bad' : undefined} />
        <Stat label="не заполнено по расписанию" value={t.unfilled} tone={t.unfilled ? 'bad' : 'good'} />
        <Stat label="замечаний просрочено" value={t.remarksOverdue} tone={t.remarksOverdue ? 'bad' : undefined} />
      </div>
      {r.departments.length > 1 && <CompletionByDepartment departments={r.departments} withExpected={false} />}
      <SummaryTable
        caption={`Сводка по ${w.term('department', 'dat', 'many')}`}
        what={w.Term('department')}
        rows={r.departments}
        totals={t}
      />
      <SummaryTable
        caption={`Сводка по ${w.term('teacher', 'dat', 'many')}`}
        what={w.Term('teacher')}
        rows={r.teachers}
        totals={t}
      />
      <table className="table report-table">
        <caption>По журналам</caption>
        <thead>
          <tr>
            <th>{w.Term('group')}</th>
            <th>{w.Term('subject')}</th>
            <th>{w.Short('teacher')}</th>
            <th>Выполнено</th>
            <th>Отставание, ч</th>
            <th>Занятий</th>
            <th>Без темы</th>
            <th>Внесено позже</th>
            <th>Посещ. не отмечена</th>
            <th>Без д/з</th>
            <th>Не заполнено</th>
            <th>Замечаний ждут ответа</th>
            <th>Просрочено</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.map((x) => (
            <tr key={x.journalId} className={x.behind ? 'row-bad' : ''}>
              <td>{groupLabel(x)}</td>
              <td>{x.subjectName}</td>
              <td>{x.teacherName}</td>
              <Num>{pct(x.done)}</Num>
              <Num bad={x.behind}>{x.lagHours > 0 ? hrs(x.lagHours) : '—'}</Num>
              <Num>{x.lessons}</Num>
              <Num bad={x.withoutTopic > 0}>{x.withoutTopic}</Num>
              <Num bad={x.late > 0}>{x.late}</Num>
              <Num bad={x.attendanceNotTaken > 0}>{x.attendanceNotTaken}</Num>
              <Num>{x.withoutHomework}</Num>
              <Num bad={x.unfilled > 0}>{x.unfilled}</Num>
              <Num>{x.remarksOpen}</Num>
              <Num bad={x.remarksOverdue > 0}>{x.remarksOverdue}</Num>
            </tr>
          ))}
        </tbody>
      </table>
      <GroupAttendanceTable groups={r.groups} />
      <p className="muted small">
        «Внесено позже» — занятие записано после дня его проведения. «Посещаемость не отмечена» — на занятии нет ни
        одной отметки о посещаемости, и {w.term('teacher')} не подтвердил, что присутствовали все. «Не заполнено» —
        занятия по расписанию до сегодняшнего дня, не внесённые в журнал.
      </p>
    </>
  );
}

function GroupAttendanceTable({ groups }: { groups: KeepingReport['groups'] }) {
  const w = useWords();
  return (
    <table className="table report-table">
      <caption>Посещаемость по {w.term('group', 'dat', 'many')}</caption>
      <thead>
        <tr>
          <th>{w.Term('group')}</th>
          <th>{w.Term('department')}</th>
          <th>Обучающихся</th>
          <th>Часов по списку</th>
          <th>Пропущено, ч</th>
          <th>Уважит., ч</th>
          <th>Неуважит., ч</th>
          <th>Опозданий</th>
          <th>Посещаемость</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.groupId}>
            <td>{g.groupName}</td>
            <td>{g.departmentName}</td>
            <Num>{g.students}</Num>
            <Num>{hrs(g.possibleHours)}</Num>
            <Num>{hrs(g.missedHours)}</Num>
            <Num>{hrs(g.validHours)}</Num>
            <Num bad={g.invalidHours > 0}>{hrs(g.invalidHours)}</Num>
            <Num>{g.lateCount}</Num>
            <Num bad={g.presence !== null && g.presence < 0.85}>{pct(g.presence)}</Num>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AttendanceView({ r }: { r: AttendanceReport }) {
  const w = useWords();
  return (
    <>
      <div className="stats">
        <Stat label="обучающихся" value={r.totals.students} />
        <Stat label="пропущено часов" value={hrs(r.totals.missedHours)} />
        <Stat
          label="из них без уважительной причины"
          value={hrs(r.totals.invalidHours)}
          tone={r.totals.invalidHours ? 'bad' : undefined}
        />
        <Stat label="посещаемость" value={pct(r.totals.presence)} />
      </div>
      {r.weeks.length > 0 && <AttendanceByWeek weeks={r.weeks} />}
      <GroupAttendanceTable groups={r.groups} />
      {r.groups.map((g) => (
        <details key={g.groupId} className="report-details">
          <summary>
            {w.Term('group')} {g.groupName}: по обучающимся
          </summary>
          <table className="table">
            <thead>
              <tr>
                <th>Обучающийся</th>
                <th>Часов по списку</th>
                <th>Пропущено, ч</th>
                <th>Уважит., ч</th>
                <th>Неуважит., ч</th>
                <th>Опозданий</th>
                <th>Посещаемость</th>
              </tr>
            </thead>
            <tbody>
              {g.studentRows.map((s) => (
                <tr key={s.studentId}>
                  <td>{s.name}</td>
                  <Num>{hrs(s.possibleHours)}</Num>
                  <Num>{hrs(s.missedHours)}</Num>
                  <Num>{hrs(s.validHours)}</Num>
                  <Num bad={s.invalidHours > 0}>{hrs(s.invalidHours)}</Num>
                  <Num>{s.lateCount}</Num>
                  <Num bad={s.presence !== null && s.presence < 0.7}>{pct(s.presence)}</Num>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </>
  );
}
