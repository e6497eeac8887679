// The two dialogs of a resit: the direction (its number, date and examiner) and the result (the date held, the
// mark or «не явился»). The original mark is never touched.
import { useState } from 'react';
import type { DebtRow, ResitInfo } from '../../../electron/api/contract';
import { RESIT_FORMS } from '../../../electron/domain/results';
import { call } from '../../api';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { Button, ErrorBanner, Field } from '../../components/ui';

export function IssueDialog({
  debt,
  today,
  onClose,
  onDone,
}: {
  debt: DebtRow;
  today: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const [directionNo, setDirectionNo] = useState('');
  const [issuedOn, setIssuedOn] = useState(today);
  const [examiner, setExaminer] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  async function issue() {
    try {
      await call('resits.issue', {
        journalId: debt.journalId,
        studentId: debt.studentId,
        periodId: debt.periodId,
        kind: debt.kind,
        directionNo,
        issuedOn,
        examiner,
      });
      onDone();
    } catch (e) {
      setProblem(e);
    }
  }
  return (
    <Dialog title="Направление на пересдачу" onClose={onClose}>
      <p>
        {debt.studentName} · {debt.subjectName} · {debt.periodTitle}, {RESIT_FORMS[debt.kind]}: {debt.originalText}
      </p>
      <ErrorBanner error={problem} />
      <Field label="Номер направления" value={directionNo} onChange={(e) => setDirectionNo(e.target.value)} />
      <label className="field">
        <span>Дата направления</span>
        <DateInput aria-label="Дата направления" value={issuedOn} onChange={setIssuedOn} />
      </label>
      <Field
        label="Экзаменатор (комиссия)"
        value={examiner}
        onChange={(e) => setExaminer(e.target.value)}
        hint="Например: Макарова Ю. Н.; для повторной пересдачи — члены комиссии через запятую"
      />
      <div className="row">
        <Button onClick={() => void issue()}>Выдать направление</Button>
        <Button kind="secondary" onClick={onClose}>
          Отмена
        </Button>
      </div>
    </Dialog>
  );
}

export function RecordDialog({
  resit,
  today,
  onClose,
  onDone,
}: {
  resit: ResitInfo;
  today: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const [heldOn, setHeldOn] = useState(resit.heldOn ?? today);
  const [value, setValue] = useState(resit.value ?? '');
  const [absent, setAbsent] = useState(resit.absent);
  const [problem, setProblem] = useState<unknown>(null);
  async function record() {
    try {
      await call('resits.record', {
        resitId: resit.id,
        version: resit.version,
        heldOn,
        value: absent ? null : value,
        absent,
      });
      onDone();
    } catch (e) {
      setProblem(e);
    }
  }
  return (
    <Dialog title={`Результат пересдачи по направлению № ${resit.directionNo}`} onClose={onClose}>
      <ErrorBanner error={problem} />
      <label className="field">
        <span>Дата пересдачи</span>
        <DateInput aria-label="Дата пересдачи" value={heldOn} onChange={setHeldOn} />
      </label>
      <Field
        label="Отметка"
        value={value}
        disabled={absent}
        onChange={(e) => setValue(e.target.value)}
        hint={resit.kind === 'credit' ? 'зач, незач или н/а' : '5, 4, 3, 2 или н/а'}
      />
      <label className="inline">
        <input type="checkbox" checked={absent} onChange={(e) => setAbsent(e.target.checked)} />
        не явился
      </label>
      <div className="row">
        <Button onClick={() => void record()}>Записать</Button>
        <Button kind="secondary" onClick={onClose}>
          Отмена
        </Button>
      </div>
    </Dialog>
  );
}
