// One order for the students ticked: transfer to another group, withdrawal or graduation — with the
// order's number and date, and the day from which it takes effect.
import { useWords } from '../../components/words';
import type { Words } from '../../../electron/domain/vocabulary';
import { useState, type FormEvent } from 'react';
import type { GroupInfo, GroupStudent } from '../../../electron/api/contract';
import { ApiError, call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Button, ErrorBanner, Field } from '../../components/ui';
import { DateField } from '../../components/DateInput';

export type OrderKind = 'transfer' | 'withdrawal' | 'graduation';
/** An adjective agreeing with the institution's word for a group: «другую группу», «другой класс». */
const agree = (w: Words, forms: Record<'f' | 'm' | 'n', string>) => forms[w.gender('group')];

const titles = (w: Words): Record<OrderKind, string> => ({
  transfer: `Перевод в ${agree(w, { f: 'другую', m: 'другой', n: 'другое' })} ${w.term('group', 'acc')}`,
  withdrawal: 'Отчисление',
  graduation: 'Выпуск',
});
const dateLabels = (w: Words): Record<OrderKind, string> => ({
  transfer: `В ${agree(w, { f: 'новой', m: 'новом', n: 'новом' })} ${w.term('group', 'loc')} с`,
  withdrawal: 'Отчислить с',
  graduation: 'Выпустить с',
});

export function OrderDialog({
  kind,
  students,
  group,
  groups,
  onClose,
  onDone,
}: {
  kind: OrderKind;
  students: GroupStudent[];
  group: Pick<GroupInfo, 'id' | 'name'>;
  /** The groups a transfer may lead to (not needed for a withdrawal). */
  groups: Array<Pick<GroupInfo, 'id' | 'name'>>;
  onClose: () => void;
  onDone: () => void;
}) {
  const w = useWords();
  const [form, setForm] = useState({ date: '', orderNo: '', orderDate: '', toGroupId: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const order = {
        studentIds: students.map((s) => s.id),
        // The order ends the enrolment in this group (a centre's child may be in several at once).
        fromGroupId: group.id,
        date: form.date,
        orderNo: form.orderNo,
        orderDate: form.orderDate,
      };
      if (kind === 'transfer') {
        if (!form.toGroupId)
          throw new ApiError({
            code: 'bad_request',
            message:
              `Выберите ${w.term('group', 'acc')}, в ` +
              `${agree(w, { f: 'которую', m: 'который', n: 'которое' })} переводятся обучающиеся`,
            fields: { toGroupId: 'Не выбрана' },
          });
        await call('enrolments.transfer', { ...order, toGroupId: Number(form.toGroupId) });
      } else {
        await call('enrolments.withdraw', { ...order, reason: kind });
      }
      onDone();
      onClose();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog title={titles(w)[kind]} onClose={onClose}>
      <form onSubmit={submit} aria-label={titles(w)[kind]}>
        <p>
          {students.length === 1
            ? students[0]!.fullName
            : `${students.length} обучающихся ${w.term('group', 'gen')} ${group.name}`}
          :{' '}
          {students
            .slice(0, 8)
            .map((s) => s.lastName)
            .join(', ')}
          {students.length > 8 ? '…' : ''}
        </p>
        <ErrorBanner error={error} />
        {kind === 'transfer' && (
          <div className={`field ${error?.fields.toGroupId ? 'field-invalid' : ''}`}>
            <label htmlFor="to-group">В {w.term('group', 'acc')}</label>
            <select
              id="to-group"
              value={form.toGroupId}
              onChange={(e) => setForm({ ...form, toGroupId: e.target.value })}
            >
              <option value="">— выберите —</option>
              {groups
                .filter((g) => g.id !== group.id)
                .map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
            </select>
            {error?.fields.toGroupId && <div className="field-error">{error.fields.toGroupId}</div>}
          </div>
        )}
        <div className="form-grid">
          <DateField
            label={dateLabels(w)[kind]}
            value={form.date}
            onChange={(v) => setForm({ ...form, date: v })}
            error={error?.fields.date}
            autoFocus
            hint={
              kind === 'transfer'
                ? `с этого дня — в списке ${agree(w, { f: 'новой', m: 'нового', n: 'нового' })} ` +
                  `${w.term('group', 'gen')}`
                : `с этого дня — не в списке ${w.term('group', 'gen')}; прежние отметки остаются`
            }
          />
          <Field
            label="Номер приказа"
            value={form.orderNo}
            onChange={(e) => setForm({ ...form, orderNo: e.target.value })}
            error={error?.fields.orderNo}
          />
          <DateField
            label="Дата приказа"
            value={form.orderDate}
            onChange={(v) => setForm({ ...form, orderDate: v })}
            error={error?.fields.orderDate}
          />
        </div>
        <div className="row">
          <Button type="submit" disabled={busy}>
            Провести приказ
          </Button>
          <Button kind="secondary" onClick={onClose}>
            Отмена
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
