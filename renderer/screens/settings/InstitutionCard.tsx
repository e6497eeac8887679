// The institution's name and address, and who signs its documents: the director, the deputies,
// the secretary (their positions and names go into signature blocks and «Копия верна»); whether journals
// created from now on keep marks, and their scale (a journal keeps what it was created with).
import { useState } from 'react';
import type { InstitutionDetails, SignerInfo } from '../../../electron/api/contract';
import { call } from '../../api';
import { Button, Field } from '../../components/ui';
import { CheckField, FormCard } from './fields';

/** The two day counts of corrections and period locks, with their bounds (the services check the same ones). */
const DAY_FIELDS = [
  {
    key: 'correctionDays',
    label: 'Исправление с причиной — позже, чем через (дней после занятия)',
    min: 0,
    max: 60,
    hint: 'Позже этого срока отметку меняют или удаляют, только указав причину (она видна в истории журнала)',
  },
  {
    key: 'autoLockDays',
    label: 'Период закрывается сам через (дней после окончания)',
    min: 1,
    max: 120,
    hint: 'Потом изменения — только по разблокировке заместителем директора',
  },
] as const;

export function InstitutionCard({
  details,
  onSaved,
}: {
  details: InstitutionDetails;
  onSaved: (d: InstitutionDetails) => void;
}) {
  const [form, setForm] = useState({
    fullName: details.fullName,
    shortName: details.shortName,
    address: details.address,
    directorName: details.directorName,
    directorPosition: details.signatures.directorPosition,
    secretaryPosition: details.signatures.secretaryPosition,
    secretaryName: details.signatures.secretaryName,
    markScale: details.markScale,
    correctionDays: String(details.correctionDays),
    autoLockDays: String(details.autoLockDays),
  });
  const [marksEnabled, setMarksEnabled] = useState(details.marksEnabled);
  const [deputies, setDeputies] = useState<SignerInfo[]>(details.signatures.deputies);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const setDeputy = (i: number, patch: Partial<SignerInfo>) =>
    setDeputies(deputies.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  async function save() {
    onSaved(
      await call('institution.update', {
        version: details.version,
        fullName: form.fullName,
        shortName: form.shortName,
        address: form.address,
        directorName: form.directorName,
        marksEnabled,
        markScale: form.markScale,
        correctionDays: Number(form.correctionDays),
        autoLockDays: Number(form.autoLockDays),
        signatures: {
          directorPosition: form.directorPosition,
          deputies,
          secretaryPosition: form.secretaryPosition,
          secretaryName: form.secretaryName,
        },
      }),
    );
  }

  return (
    <FormCard title="Организация и подписи" onSave={save}>
      {(errors) => (
        <>
          <Field label="Полное наименование" value={form.fullName} onChange={set('fullName')} error={errors.fullName} />
          <div className="settings-grid">
            <Field
              label="Краткое наименование"
              value={form.shortName}
              onChange={set('shortName')}
              error={errors.shortName}
            />
            <Field label="Адрес" value={form.address} onChange={set('address')} error={errors.address} />
            <Field
              label="Должность директора"
              value={form.directorPosition}
              onChange={set('directorPosition')}
              error={errors['signatures.directorPosition']}
            />
            <Field
              label="ФИО директора"
              value={form.directorName}
              onChange={set('directorName')}
              error={errors.directorName}
            />
          </div>
          <fieldset className="deputies">
            <legend>Заместители директора (подписывают отчёты, замечания, копии страниц)</legend>
            {deputies.length === 0 && <p className="muted small">Не указаны.</p>}
            {deputies.map((d, i) => (
              <div className="deputy-row" key={i}>
                <Field
                  label={`Должность заместителя ${i + 1}`}
                  value={d.position}
                  onChange={(e) => setDeputy(i, { position: e.target.value })}
                  error={errors[`signatures.deputies.${i}.position`]}
                />
                <Field
                  label={`ФИО заместителя ${i + 1}`}
                  value={d.name}
                  onChange={(e) => setDeputy(i, { name: e.target.value })}
                  error={errors[`signatures.deputies.${i}.name`]}
                />
                <Button
                  kind="secondary"
                  onClick={() => setDeputies(deputies.filter((_, j) => j !== i))}
                  aria-label={`Удалить заместителя ${i + 1}`}
                >
                  Удалить
                </Button>
              </div>
            ))}
            <Button
              kind="secondary"
              onClick={() =>
                setDeputies([...deputies, { position: 'Заместитель директора по учебной работе', name: '' }])
              }
            >
              Добавить заместителя
            </Button>
          </fieldset>
          <fieldset>
            <legend>Отметки в новых журналах</legend>
            <CheckField
              label="Вести отметки (иначе журнал — только посещаемость)"
              checked={marksEnabled}
              onChange={setMarksEnabled}
              hint={
                'Касается журналов, созданных после сохранения. Журналы, созданные раньше, сохраняют свои отметки, ' +
                'шкалу и порядок ведения.'
              }
            />
            <Field
              label="Шкала отметок"
              value={form.markScale}
              onChange={set('markScale')}
              error={errors.markScale}
              hint="Через запятую: 5, 4, 3, 2, 1, зач, незач"
              disabled={!marksEnabled}
            />
          </fieldset>
          <fieldset>
            <legend>Исправления и закрытие периодов</legend>
            <div className="settings-grid">
              {DAY_FIELDS.map(({ key, ...f }) => (
                <Field key={key} type="number" {...f} value={form[key]} onChange={set(key)} error={errors[key]} />
              ))}
            </div>
          </fieldset>
          <div className="settings-grid">
            <Field
              label="Должность секретаря"
              value={form.secretaryPosition}
              onChange={set('secretaryPosition')}
              error={errors['signatures.secretaryPosition']}
            />
            <Field
              label="ФИО секретаря"
              value={form.secretaryName}
              onChange={set('secretaryName')}
              error={errors['signatures.secretaryName']}
            />
          </div>
        </>
      )}
    </FormCard>
  );
}
