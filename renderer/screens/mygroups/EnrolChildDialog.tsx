// «Зачислить»: a centre's педагог enrols a child into their объединение by order (000 §3.5.1). A child the
// centre already knows (the same name and birth date, say from another объединение) is enrolled as that
// record, not entered twice; the enrolment date is the order's unless given.
import { useState, type FormEvent } from 'react';
import type { MyGroup } from '../../../electron/api/contract';
import { ApiError, call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Button, ErrorBanner, Field } from '../../components/ui';
import { useWords } from '../../components/words';
import { DateField } from '../../components/DateInput';

const EMPTY = {
  lastName: '',
  firstName: '',
  middleName: '',
  birthDate: '',
  phone: '',
  email: '',
  address: '',
  notes: '',
};

export function EnrolChildDialog({
  group,
  onClose,
  onDone,
}: {
  group: Pick<MyGroup, 'id' | 'name'>;
  onClose: () => void;
  onDone: () => void;
}) {
  const w = useWords();
  const [form, setForm] = useState(EMPTY);
  const [order, setOrder] = useState({ orderNo: '', orderDate: '', date: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string[]>([]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const r = await call('enrolments.enrolChild', {
        groupId: group.id,
        child: {
          lastName: form.lastName,
          firstName: form.firstName,
          middleName: form.middleName || null,
          birthDate: form.birthDate,
          personalFileNo: null,
          phone: form.phone || null,
          email: form.email || null,
          address: form.address || null,
          notes: form.notes || null,
        },
        orderNo: order.orderNo,
        orderDate: order.orderDate,
        date: order.date || undefined,
      });
      const also = r.otherGroups.length > 0 ? ` (занимается также: ${r.otherGroups.join('; ')})` : '';
      setDone([
        ...done,
        `${r.student.fullName}${r.existing ? ' — уже известен(на) центру, новая запись не создана' : ''}${also}`,
      ]);
      setForm(EMPTY);
      setError(null);
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  }
  const f = (key: keyof typeof EMPTY, label: string, extra: Record<string, unknown> = {}) => (
    <Field
      label={label}
      value={form[key]}
      onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      error={error?.fields[key] ?? error?.fields[`child.${key}`]}
      {...extra}
    />
  );
  return (
    <Dialog title={`Зачисление в ${w.term('group', 'acc')} ${group.name}`} onClose={onClose} wide>
      <form onSubmit={submit} aria-label="Зачисление ребёнка">
        <ErrorBanner error={error} />
        {done.length > 0 && (
          <div className="banner banner-ok" role="status">
            Зачислены: {done.join('; ')}. Можно вносить следующего.
          </div>
        )}
        <fieldset className="order-box">
          <legend>Приказ о зачислении</legend>
          <div className="form-grid">
            <Field
              label="Номер приказа"
              value={order.orderNo}
              onChange={(e) => setOrder({ ...order, orderNo: e.target.value })}
              error={error?.fields.orderNo}
            />
            <DateField
              label="Дата приказа"
              value={order.orderDate}
              onChange={(v) => setOrder({ ...order, orderDate: v })}
              error={error?.fields.orderDate}
            />
            <DateField
              label="Зачислить с"
              value={order.date}
              onChange={(v) => setOrder({ ...order, date: v })}
              error={error?.fields.date}
              hint="если пусто — с даты приказа"
            />
          </div>
        </fieldset>
        <div className="form-grid">
          {f('lastName', 'Фамилия', { autoFocus: true })}
          {f('firstName', 'Имя')}
          {f('middleName', 'Отчество', { hint: 'если есть' })}
          <DateField
            label="Дата рождения"
            value={form.birthDate}
            onChange={(v) => setForm({ ...form, birthDate: v })}
            error={error?.fields.birthDate ?? error?.fields['child.birthDate']}
            hint="по ФИО и дате рождения находится уже известный ребёнок"
          />
          {f('phone', 'Телефон')}
          {f('email', 'E-mail')}
          {f('address', 'Адрес')}
          {f('notes', 'Примечание')}
        </div>
        <div className="row">
          <Button type="submit">Зачислить</Button>
          <Button kind="secondary" onClick={onClose}>
            Закрыть
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
