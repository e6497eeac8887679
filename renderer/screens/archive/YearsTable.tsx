// Each year with its archive copies — in the store and on removable media — and their last check:
// the secretary's list and the deputy's control of the transfer (000 §3.2.2) share it.
import { useState } from 'react';
import type { ArchiveCopy, ArchiveYear, JobInfo, VerifyReport } from '../../../electron/api/contract';
import { call } from '../../api';
import { Button, ErrorBanner } from '../../components/ui';
import { YEAR_STATUS_LABELS } from '../../../electron/domain/labels';
import { ruDate, ruDateTime } from '../../../electron/domain/format-dates';
import { bytes, STATE_LABELS, STATE_TONE, TARGET_LABELS } from './format';
import { JobProgress } from './JobProgress';
import { useJob } from '../../components/useJob';

export function YearsTable({ years, onChanged }: { years: ArchiveYear[]; onChanged: () => void }) {
  const verify = useJob({ onEnd: () => onChanged() });
  const [which, setWhich] = useState<string>('');
  const [error, setError] = useState<unknown>(null);

  async function check(copy: ArchiveCopy, year: string) {
    setError(null);
    setWhich(`${year}, ${TARGET_LABELS[copy.target]}: ${copy.path}`);
    try {
      verify.follow(await call('archive.verify', { archiveId: copy.id }));
    } catch (e) {
      setError(e);
    }
  }

  return (
    <>
      <table className="table archive-years">
        <thead>
          <tr>
            <th>Учебный год</th>
            <th>Год</th>
            <th>Срок архивации</th>
            <th>Хранилище</th>
            <th>Съёмные носители и папки</th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y.yearId}>
              <th scope="row">
                {y.title}
                <div className={`tag tag-${STATE_TONE[y.state] || 'plain'}`}>{STATE_LABELS[y.state]}</div>
              </th>
              <td>{YEAR_STATUS_LABELS[y.status]}</td>
              <td>{ruDate(y.dueOn)}</td>
              <td>
                {y.store ? (
                  <CopyCell copy={y.store} onVerify={() => check(y.store!, y.title)} busy={verify.running} />
                ) : (
                  <span className="muted">нет</span>
                )}
              </td>
              <td>
                {y.transfers.length === 0 ? (
                  <span className="muted">не переносился</span>
                ) : (
                  <ul className="plain">
                    {y.transfers.map((t) => (
                      <li key={t.id}>
                        <CopyCell copy={t} onVerify={() => check(t, y.title)} busy={verify.running} />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorBanner error={error} />
      {verify.job && <VerifyOutcome job={verify.job} what={which} onCancel={verify.cancel} />}
    </>
  );
}

function CopyCell({ copy, onVerify, busy }: { copy: ArchiveCopy; onVerify: () => void; busy: boolean }) {
  const check = copy.verifiedAt ? (
    copy.verifyOk ? (
      <span className="tag tag-ok">проверен {ruDateTime(copy.verifiedAt)}</span>
    ) : (
      <span className="tag tag-bad">повреждён ({ruDateTime(copy.verifiedAt)})</span>
    )
  ) : (
    <span className="tag tag-warn">не проверен</span>
  );
  return (
    <div className="copy">
      <div>
        {ruDateTime(copy.createdAt)} · {copy.createdBy} · {copy.fileCount} файлов, {bytes(copy.bytes)} {check}
      </div>
      <div className="muted small copy-path" title={copy.path}>
        {copy.target !== 'store' && <>{TARGET_LABELS[copy.target]}: </>}
        {copy.path}
        {!copy.present && (
          <span className="tag tag-warn">нет на месте{copy.target === 'removable' ? ' — носитель извлечён' : ''}</span>
        )}
      </div>
      <div className="row">
        <Button
          kind="secondary"
          onClick={onVerify}
          disabled={busy || !copy.present}
          aria-label={`Проверить копию: ${copy.path}`}
        >
          Проверить
        </Button>
        <a className="btn btn-secondary" href={`#/archive/view?id=${copy.id}`} aria-disabled={!copy.present}>
          Открыть
        </a>
      </div>
    </div>
  );
}

export function VerifyOutcome({ job, what, onCancel }: { job: JobInfo; what: string; onCancel: () => void }) {
  const report = job.state === 'done' ? (job.result as VerifyReport) : null;
  return (
    <section className="verify-outcome" aria-label="Результат проверки">
      <div className="muted small">Проверка: {what}</div>
      <JobProgress job={job} onCancel={onCancel} label="Ход проверки архива" />
      {report && (
        <div className={`banner ${report.ok ? 'banner-ok' : 'banner-error'}`} role={report.ok ? 'status' : 'alert'}>
          <strong>{report.summary}</strong>
          {report.keyMatches === false && (
            <div>Ключ подписи не совпадает с ключом этой организации — сверьте отпечаток с листом заверения.</div>
          )}
          {report.problems.length > 1 && (
            <ul>
              {report.problems.slice(0, 10).map((p) => (
                <li key={`${p.kind}-${p.path}`}>{p.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
