// Loading a list from Excel: take the template, choose the file, check it (a dry run lists every
// problem by row and column and writes nothing), map the columns the program did not recognise, then
// load — all rows, or the clean ones only.
import { useState } from 'react';
import type { ImportList, ImportReport } from '../../../electron/api/contract';
import { ApiError, call, saveFile } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';
import { useJob } from '../../components/useJob';
import { megabytes, plural } from '../../../electron/domain/format-numbers';
import { ColumnMapping, type Mapping } from './ColumnMapping';
import { DateField } from '../../components/DateInput';
import { base64Of } from '../../components/files';
import { useWords } from '../../components/words';
import type { Words } from '../../../electron/domain/vocabulary';

/** The server's limit (electron/export/xlsx-guard.ts XLSX_LIMITS): refused here before the file is encoded. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

const titles = (w: Words): Record<ImportList, string> => ({
  students: 'Загрузка обучающихся из Excel',
  users: 'Загрузка сотрудников из Excel',
  subjects: `Загрузка ${w.term('subject', 'gen', 'many')} из Excel`,
  plan: 'Загрузка тематического плана из Excel',
  timetable: 'Загрузка расписания из Excel',
});

export function ImportDialog({
  list,
  yearId,
  journalId,
  onClose,
  onImported,
}: {
  list: ImportList;
  yearId?: number;
  journalId?: number;
  onClose: () => void;
  onImported: (report: ImportReport) => void;
}) {
  const w = useWords();
  const [file, setFile] = useState<File | null>(null);
  const [order, setOrder] = useState({ date: '', orderNo: '', orderDate: '' });
  const [report, setReport] = useState<ImportReport | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [error, setError] = useState<unknown>(null);
  const { job, error: jobError, run, cancel, running } = useJob<ImportReport>();

  async function start(dryRun: boolean, skipBad: boolean, columns: Mapping = mapping) {
    if (!file) {
      setError(new Error('Выберите файл Excel (.xlsx)'));
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      setError(
        new Error(
          `Файл слишком большой: ${megabytes(file.size)}, а загрузить можно не больше 20 МБ. ` +
            'В одном списке — до 20 000 строк; уберите из книги картинки и лишние листы или разделите список на ' +
            'несколько файлов',
        ),
      );
      return;
    }
    setError(null);
    const admission = list === 'students' && (order.date || order.orderNo || order.orderDate) ? order : undefined;
    const encoded = await base64Of(file);
    const result = await run(() =>
      call('import.start', {
        list,
        file: encoded,
        fileName: file.name,
        dryRun,
        skipBad,
        yearId,
        journalId,
        admission,
        mapping: Object.keys(columns).length > 0 ? columns : undefined,
      }),
    );
    if (result) {
      setReport(result);
      if (result.imported) onImported(result);
    }
  }
  async function template() {
    try {
      const f = await call('lists.template', { list });
      saveFile(f.fileName, f.base64, f.mime);
    } catch (e) {
      setError(e);
    }
  }
  const fields = error instanceof ApiError ? error.fields : {};
  const done = report?.imported === true;

  return (
    <Dialog title={titles(w)[list]} onClose={onClose} wide>
      {!done && (
        <>
          <p className="muted">
            Одна строка — одна запись; заголовки — как в шаблоне. Сначала файл проверяется: программа покажет все ошибки
            по строкам и столбцам и ничего не запишет. Загрузка идёт одной операцией: либо всё, либо ничего; перед ней
            программа делает резервную копию журнала. В одном файле — до 20 000 строк и 20 МБ.
          </p>
          <div className="row">
            <Button kind="secondary" onClick={() => void template()}>
              Скачать шаблон
            </Button>
            <label className="file-pick">
              <input
                type="file"
                className="visually-hidden"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-label="Файл Excel"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setReport(null);
                  setMapping({});
                }}
              />
              <span className="btn btn-secondary" aria-hidden>
                Выбрать файл…
              </span>
              <span className={file ? '' : 'muted'}>{file ? file.name : 'файл .xlsx не выбран'}</span>
            </label>
          </div>
          {list === 'students' && (
            <fieldset className="order-box">
              <legend>Приказ о зачислении (для строк, где он не указан)</legend>
              <div className="form-grid">
                <DateField
                  label="Дата зачисления"
                  value={order.date}
                  onChange={(v) => setOrder({ ...order, date: v })}
                  error={fields['admission.date']}
                />
                <Field
                  label="Номер приказа"
                  value={order.orderNo}
                  onChange={(e) => setOrder({ ...order, orderNo: e.target.value })}
                  error={fields['admission.orderNo']}
                />
                <DateField
                  label="Дата приказа"
                  value={order.orderDate}
                  onChange={(v) => setOrder({ ...order, orderDate: v })}
                  error={fields['admission.orderDate']}
                />
              </div>
            </fieldset>
          )}
        </>
      )}
      <ErrorBanner error={error ?? jobError} />
      {running && job && (
        <div className="job-progress" role="status">
          <span>
            {job.step}
            {job.total > 0 ? ` — ${job.done} из ${job.total}` : '…'}
          </span>
          <progress max={job.total || 1} value={job.total ? job.done : undefined} aria-label="Ход загрузки" />
          <Button kind="secondary" onClick={() => void cancel()}>
            Отменить
          </Button>
        </div>
      )}
      {report && !done && report.columns.length > 0 && (
        <ColumnMapping
          report={report}
          mapping={mapping}
          disabled={running}
          onChange={(next) => {
            setMapping(next);
            void start(true, false, next);
          }}
        />
      )}
      {report && <ReportView report={report} />}
      <div className="row dialog-actions">
        {!done && (
          <Button onClick={() => void start(true, false)} disabled={running || !file}>
            Проверить файл
          </Button>
        )}
        {!done && report && report.bad === 0 && report.good > 0 && (
          <Button onClick={() => void start(false, false)} disabled={running}>
            Загрузить {report.good} {plural(report.good, 'строку', 'строки', 'строк')}
          </Button>
        )}
        {!done && report && report.bad > 0 && report.good > 0 && (
          <Button kind="secondary" onClick={() => void start(false, true)} disabled={running}>
            Загрузить {report.good} {plural(report.good, 'строку', 'строки', 'строк')}, пропустив {report.bad} с
            ошибками
          </Button>
        )}
        <Button kind="secondary" onClick={onClose}>
          {done ? 'Готово' : 'Закрыть'}
        </Button>
      </div>
    </Dialog>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  return (
    <div className="import-report">
      <Notice kind={report.imported ? 'ok' : report.bad > 0 ? 'warn' : 'info'}>{report.summary}</Notice>
      {report.problems.length > 0 && (
        <div className="problems-scroll">
          <table className="table problems" aria-label="Ошибки в файле">
            <thead>
              <tr>
                <th>Строка</th>
                <th>Столбец</th>
                <th>Что не так</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((p, i) => (
                <tr key={i}>
                  <td>{p.row}</td>
                  <td>{p.column ?? '—'}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.credentials.length > 0 && (
        <>
          <Notice kind="warn">
            Одноразовые пароли показаны один раз: перепишите или раздайте их сейчас. При первом входе пароль нужно
            сменить. Листки с новыми паролями можно напечатать в разделе «Пользователи и роли».
          </Notice>
          <table className="table" aria-label="Учётные записи">
            <thead>
              <tr>
                <th>Сотрудник</th>
                <th>Логин</th>
                <th>Одноразовый пароль</th>
              </tr>
            </thead>
            <tbody>
              {report.credentials.map((c) => (
                <tr key={c.login}>
                  <td>{c.fullName}</td>
                  <td>
                    <code>{c.login}</code>
                  </td>
                  <td>
                    <span className="otp">{c.password}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
