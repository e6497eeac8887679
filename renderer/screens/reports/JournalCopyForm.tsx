// The certified copy of journal pages (000 §3.1.6, §3.2.3): any journal, a period or dates, signed
// «Копия верна» by the director or the deputy.
import { useWords } from '../../components/words';
import { useState } from 'react';
import type { ReportFilters } from '../../../electron/api/contract';
import { Button, ErrorBanner, Field } from '../../components/ui';
import { IssuedCopies } from './IssuedCopies';
import { groupLabel } from './format';
import { Select } from './Select';
import { JobProgress, useReportJob } from './useReportJob';
import { DateInput, whenValid } from '../../components/DateInput';

export function JournalCopyForm({ filters }: { filters: ReportFilters }) {
  const w = useWords();
  const [groupId, setGroupId] = useState<number | null>(null);
  const [journalId, setJournalId] = useState<number | null>(null);
  const [periodId, setPeriodId] = useState<number | null>(filters.currentPeriodId);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [signer, setSigner] = useState<'director' | 'deputy'>('director');
  const [recipient, setRecipient] = useState('');
  const [issued, setIssued] = useState(0);
  const { job, error, cancel, download } = useReportJob();
  const journal = filters.journals.find((j) => j.journalId === journalId);
  const year = filters.years.find((y) => y.id === filters.currentYearId);
  const journals = filters.journals.filter((j) => groupId === null || j.groupId === groupId);

  return (
    <form
      className="copy-form"
      aria-label="Копия страниц журнала"
      onSubmit={(e) => {
        e.preventDefault();
        if (!journalId || !recipient.trim()) return;
        void download({
          report: 'journalCopy',
          journalId,
          periodId,
          from: from || undefined,
          to: to || undefined,
          signer,
          recipient,
        }).then(() => setIssued((n) => n + 1));
      }}
    >
      <p className="muted">
        Страницы журнала печатаются как в бумажном журнале: слева — посещаемость и отметки, справа — даты, часы, темы и
        домашние задания; в конце — «Копия верна», должность, подпись, расшифровка и дата.
      </p>
      <div className="report-filters">
        <Select
          label={w.Term('group')}
          value={groupId}
          empty={`Все ${w.term('group', 'nom', 'many')}`}
          options={filters.groups.map((g) => [g.id, g.name])}
          onChange={(v) => {
            setGroupId(v);
            setJournalId(null);
          }}
        />
        <Select
          label="Журнал"
          value={journalId}
          empty="— выберите —"
          options={journals.map((j) => [j.journalId, `${groupLabel(j)} · ${j.subjectName} · ${j.teacherName}`])}
          onChange={setJournalId}
        />
        {year && (
          <Select
            label="Период"
            value={periodId}
            empty="С начала года по сегодня"
            options={year.periods.map((p) => [p.id, p.title])}
            onChange={setPeriodId}
          />
        )}
        <label className="field">
          <span>или с даты</span>
          <DateInput value={from} onChange={whenValid(setFrom)} />
        </label>
        <label className="field">
          <span>по дату</span>
          <DateInput value={to} onChange={whenValid(setTo)} />
        </label>
      </div>
      <Field
        label="Кому выдаётся копия"
        value={recipient}
        required
        maxLength={300}
        placeholder="Например: Иванову И. И. (законному представителю) по заявлению от 01.12.2026"
        onChange={(e) => setRecipient(e.target.value)}
      />
      <fieldset className="signer">
        <legend>Копию заверяет</legend>
        <label>
          <input type="radio" name="signer" checked={signer === 'director'} onChange={() => setSigner('director')} />
          <span>директор</span>
        </label>
        <label>
          <input type="radio" name="signer" checked={signer === 'deputy'} onChange={() => setSigner('deputy')} />{' '}
          заместитель директора
        </label>
      </fieldset>
      <div className="row">
        <Button type="submit" disabled={!journalId || !recipient.trim() || !!job}>
          Сформировать заверенную копию (PDF)
        </Button>
        {journal && (
          <span className="muted">
            {groupLabel(journal)} · {journal.subjectName}
          </span>
        )}
      </div>
      <JobProgress job={job} onCancel={cancel} />
      <ErrorBanner error={error} />
      <IssuedCopies key={issued} yearId={filters.currentYearId} />
    </form>
  );
}
