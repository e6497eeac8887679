// The student's card: name and personal data (shown only to those who may see it), guardians with
// their contacts and parent accounts, and the orders that moved the student.
import { useWords } from '../../components/words';
import { useEffect, useState, type FormEvent } from 'react';
import type { GuardianInfo, StudentCard } from '../../../electron/api/contract';
import { ApiError, call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { DateField } from '../../components/DateInput';
import { Button, ErrorBanner, Field, Loading, Notice } from '../../components/ui';
import { ruDate } from '../../../electron/domain/format-dates';

const REASON = { admission: 'зачисление', transfer: 'перевод' } as const;
const END = { withdrawal: 'отчисление', transfer: 'перевод', graduation: 'выпуск' } as const;

export function StudentDialog({
  id,
  admin,
  onClose,
  onChanged,
}: {
  id: number;
  admin: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const [card, setCard] = useState<StudentCard | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => call('students.get', { id }).then(setCard, setError);
  useEffect(() => {
    void load();
  }, [id]);
  return (
    <Dialog title={card ? card.fullName : 'Карточка обучающегося'} onClose={onClose} wide>
      <ErrorBanner error={error} />
      {!card ? (
        <Loading />
      ) : (
        <>
          <Details
            key={card.version}
            card={card}
            onSaved={(c) => {
              setCard(c);
              onChanged();
            }}
          />
          <Guardians card={card} onChanged={() => void load()} />
          <Orders
            card={card}
            admin={admin}
            onChanged={() => {
              void load();
              onChanged();
            }}
          />
        </>
      )}
    </Dialog>
  );
}

function Details({ card, onSaved }: { card: StudentCard; onSaved: (c: StudentCard) => void }) {
  const w = useWords();
  const [form, setForm] = useState({
    lastName: card.lastName,
    firstName: card.firstName,
    middleName: card.middleName ?? '',
    birthDate: card.birthDate ?? '',
    personalFileNo: card.personalFileNo ?? '',
    phone: card.phone ?? '',
    email: card.email ?? '',
    address: card.address ?? '',
    notes: card.notes ?? '',
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const ro = !card.canEdit;
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const c = await call('students.update', {
        id: card.id,
        version: card.version,
        ...form,
        middleName: form.middleName || null,
        birthDate: form.birthDate || null,
        personalFileNo: form.personalFileNo || null,
        phone: form.phone || null,
        email: form.email || null,
        address: form.address || null,
        notes: form.notes || null,
      });
      setSaved(true);
      onSaved(c);
    } catch (err) {
      setError(err as ApiError);
    }
  }
  const f = (key: keyof typeof form, label: string, extra: Record<string, unknown> = {}) => (
    <Field
      label={label}
      value={form[key]}
      disabled={ro}
      onChange={(e) => {
        setForm({ ...form, [key]: e.target.value });
        setSaved(false);
      }}
      error={error?.fields[key]}
      {...extra}
    />
  );
  return (
    <form onSubmit={submit} aria-label="Данные обучающегося" className="editor-section">
      <h3>Данные</h3>
      <ErrorBanner error={error} />
      {saved && <Notice kind="ok">Сохранено</Notice>}
      <div className="form-grid">
        {f('lastName', 'Фамилия')}
        {f('firstName', 'Имя')}
        {f('middleName', 'Отчество')}
        {f('personalFileNo', 'Номер личного дела')}
        {card.personalData ? (
          <>
            <DateField
              label="Дата рождения"
              value={form.birthDate}
              disabled={ro}
              onChange={(v) => {
                setForm({ ...form, birthDate: v });
                setSaved(false);
              }}
              error={error?.fields.birthDate}
            />
            {f('phone', 'Телефон')}
            {f('email', 'E-mail')}
            {f('address', 'Адрес')}
          </>
        ) : null}
        {f('notes', 'Примечание')}
      </div>
      {!card.personalData && (
        <p className="muted small">
          Дата рождения, контакты и адрес скрыты: их видят администратор, директор, {w.roleName('curator')} и{' '}
          {w.roleName('dept_head')} (152-ФЗ).
        </p>
      )}
      {card.userLogin && (
        <p className="small">
          Учётная запись обучающегося: <code>{card.userLogin}</code>
        </p>
      )}
      {!ro && (
        <div className="row">
          <Button type="submit">Сохранить данные</Button>
        </div>
      )}
    </form>
  );
}

function Guardians({ card, onChanged }: { card: StudentCard; onChanged: () => void }) {
  const [editing, setEditing] = useState<GuardianInfo | 'new' | null>(null);
  return (
    <section className="editor-section" aria-label="Законные представители">
      <h3>Законные представители</h3>
      <table className="table">
        <tbody>
          {card.guardians.map((g) => (
            <tr key={g.id}>
              <td>{g.fullName}</td>
              <td>{g.relation}</td>
              <td>{card.personalData ? [g.phone, g.email].filter(Boolean).join(', ') : ''}</td>
              <td>
                {g.userLogin ? (
                  <span className="tag tag-ok">вход: {g.userLogin}</span>
                ) : (
                  <span className="muted small">нет учётной записи</span>
                )}
              </td>
              <td>
                {card.canEdit && (
                  <Button kind="link" aria-label={`Изменить ${g.fullName}`} onClick={() => setEditing(g)}>
                    изменить
                  </Button>
                )}
              </td>
            </tr>
          ))}
          {card.guardians.length === 0 && (
            <tr>
              <td className="muted">Не указаны</td>
            </tr>
          )}
        </tbody>
      </table>
      {card.canEdit && !editing && (
        <div>
          <Button kind="secondary" onClick={() => setEditing('new')}>
            Добавить представителя
          </Button>
        </div>
      )}
      {editing && (
        <GuardianForm
          studentId={card.id}
          guardian={editing === 'new' ? null : editing}
          personal={card.personalData}
          onDone={() => {
            setEditing(null);
            onChanged();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function GuardianForm({
  studentId,
  guardian,
  personal,
  onDone,
  onCancel,
}: {
  studentId: number;
  guardian: GuardianInfo | null;
  personal: boolean;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState({
    fullName: guardian?.fullName ?? '',
    relation: guardian?.relation ?? '',
    phone: guardian?.phone ?? '',
    email: guardian?.email ?? '',
    address: guardian?.address ?? '',
    parentLogin: guardian?.userLogin ?? '',
  });
  const [error, setError] = useState<ApiError | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await call('guardians.save', {
        studentId,
        id: guardian?.id,
        fullName: form.fullName,
        relation: form.relation,
        phone: form.phone || null,
        email: form.email || null,
        address: form.address || null,
        parentLogin: form.parentLogin || null,
      });
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  }
  async function remove() {
    if (!guardian || !window.confirm(`Удалить представителя ${guardian.fullName}?`)) return;
    try {
      await call('guardians.remove', { id: guardian.id });
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  }
  const f = (key: keyof typeof form, label: string, extra: Record<string, unknown> = {}) => (
    <Field
      label={label}
      value={form[key]}
      onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      error={error?.fields[key]}
      {...extra}
    />
  );
  return (
    <form onSubmit={submit} aria-label="Представитель" className="subform">
      <ErrorBanner error={error} />
      <div className="form-grid">
        {f('fullName', 'ФИО представителя', { autoFocus: true })}
        {f('relation', 'Кем приходится', { placeholder: 'мать, отец, опекун…' })}
        {personal && (
          <>
            {f('phone', 'Телефон')}
            {f('email', 'E-mail')}
            {f('address', 'Адрес')}
          </>
        )}
        {f('parentLogin', 'Логин родителя', { hint: 'если родителю выдана учётная запись' })}
      </div>
      <div className="row">
        <Button type="submit">Сохранить</Button>
        <Button kind="secondary" onClick={onCancel}>
          Отмена
        </Button>
        {guardian && (
          <Button kind="danger" onClick={() => void remove()}>
            Удалить
          </Button>
        )}
      </div>
    </form>
  );
}

function Orders({ card, admin, onChanged }: { card: StudentCard; admin: boolean; onChanged: () => void }) {
  const w = useWords();
  const [error, setError] = useState<unknown>(null);
  const last = card.enrolments.at(-1);
  async function undo() {
    if (!last || !window.confirm('Отменить последний приказ по обучающемуся? Это для исправления ошибки ввода.'))
      return;
    try {
      await call('enrolments.undo', { enrolmentId: last.id, version: last.version });
      onChanged();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <section className="editor-section" aria-label="Приказы">
      <h3>Приказы</h3>
      <ErrorBanner error={error} />
      <table className="table">
        <thead>
          <tr>
            <th>{w.Term('group')}</th>
            <th>Год</th>
            <th>С</th>
            <th>Приказ</th>
            <th>По</th>
            <th>Приказ</th>
          </tr>
        </thead>
        <tbody>
          {card.enrolments.map((e) => (
            <tr key={e.id}>
              <td>{e.groupName}</td>
              <td>{e.yearTitle}</td>
              <td>{ruDate(e.fromDate)}</td>
              <td className="small">
                {REASON[e.reason]}, № {e.orderNo} от {ruDate(e.orderDate)}
              </td>
              <td>{e.untilDate ? ruDate(e.untilDate) : '—'}</td>
              <td className="small">
                {e.endReason ? `${END[e.endReason]}, № ${e.endOrderNo} от ${ruDate(e.endOrderDate)}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {admin && last && (
        <div>
          <Button kind="link" onClick={() => void undo()}>
            Отменить последний приказ (ошибка ввода)
          </Button>
        </div>
      )}
    </section>
  );
}
