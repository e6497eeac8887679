// A new student admitted to the group by order.
import { useWords } from '../../components/words';
import { useState, type FormEvent } from 'react';
import type { GroupInfo } from '../../../electron/api/contract';
import { ApiError, call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Button, ErrorBanner, Field } from '../../components/ui';
import { DateField } from '../../components/DateInput';

const EMPTY = {
  lastName: '',
  firstName: '',
  middleName: '',
  birthDate: '',
  personalFileNo: '',
  phone: '',
  email: '',
  address: '',
};

export function NewStudentDialog({
  group,
  onClose,
  onDone,
}: {
  group: GroupInfo;
  onClose: () => void;
  onDone: () => void;
}) {
  const w = useWords();
  const [form, setForm] = useState(EMPTY);
  const [order, setOrder] = useState({ date: '', orderNo: '', orderDate: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [added, setAdded] = useState<string[]>([]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const s = await call('students.create', {
        ...form,
        middleName: form.middleName || null,
        birthDate: form.birthDate || null,
        personalFileNo: form.personalFileNo || null,
        phone: form.phone || null,
        email: form.email || null,
        address: form.address || null,
        notes: null,
        admission: { groupId: group.id, ...order },
      });
      setAdded([...added, s.fullName]);
      setForm(EMPTY);
      setError(null);
      onDone();
      (e.target as HTMLFormElement).querySelector<HTMLInputElement>('input[name=lastName]')?.focus();
    } catch (err) {
      setError(err as ApiError);
    }
  }
  const f = (key: keyof typeof EMPTY, label: string, extra: Record<string, unknown> = {}) => (
    <Field
      label={label}
      value={form[key]}
      onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      error={error?.fields[key]}
      {...extra}
    />
  );
  return (
    <Dialog title={`Зачисление в ${w.term('group', 'acc')} ${group.name}`} onClose={onClose} wide>
      <form onSubmit={submit} aria-label="Зачисление обучающегося">
        <ErrorBanner error={error} />
        {added.length > 0 && (
          <div className="banner banner-ok" role="status">
            Зачислены: {added.join(', ')}. Можно вносить следующего.
          </div>
        )}
        <fieldset className="order-box">
          <legend>Приказ о зачислении</legend>
          <div className="form-grid">
            <DateField
              label="Зачислить с"
              value={order.date}
              onChange={(v) => setOrder({ ...order, date: v })}
              error={error?.fields.date ?? error?.fields['admission.date']}
            />
            <Field
              label="Номер приказа"
              value={order.orderNo}
              onChange={(e) => setOrder({ ...order, orderNo: e.target.value })}
              error={error?.fields['admission.orderNo']}
            />
            <DateField
              label="Дата приказа"
              value={order.orderDate}
              onChange={(v) => setOrder({ ...order, orderDate: v })}
              error={error?.fields.orderDate ?? error?.fields['admission.orderDate']}
            />
          </div>
        </fieldset>
        <div className="form-grid">
          {f('lastName', 'Фамилия', { name: 'lastName', autoFocus: true })}
          {f('firstName', 'Имя')}
          {f('middleName', 'Отчество', { hint: 'если есть' })}
          {
            <DateField
              label="Дата рождения"
              value={form.birthDate}
              onChange={(v) => {
                setForm({ ...form, birthDate: v });
              }}
              error={error?.fields.birthDate}
            />
          }
          {f('personalFileNo', 'Номер личного дела')}
          {f('phone', 'Телефон')}
          {f('email', 'E-mail')}
          {f('address', 'Адрес')}
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
