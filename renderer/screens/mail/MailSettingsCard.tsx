// The institution's mail server: where letters go out from, how to log in (the password is kept encrypted
// and never shown again), and the family site's address for the links in letters.
import { useState } from 'react';
import type { MailSettingsView } from '../../../electron/api/contract';
import { MAIL_SECURITIES, type MailSecurity } from '../../../electron/domain/enums';
import { MAIL_DEFAULT_PORTS, MAIL_SECURITY_LABELS } from '../../../electron/domain/mail';
import { call } from '../../api';
import { Field, Notice } from '../../components/ui';
import { CheckField, FormCard, SelectField } from '../settings/fields';

export function MailSettingsCard({
  view,
  onSaved,
}: {
  view: MailSettingsView;
  onSaved: (v: MailSettingsView) => void;
}) {
  const [form, setForm] = useState({
    enabled: view.enabled,
    host: view.host,
    port: String(view.port),
    security: view.security,
    login: view.login,
    fromName: view.fromName,
    fromAddress: view.fromAddress,
    siteUrl: view.siteUrl,
  });
  const [password, setPassword] = useState('');
  const [clearPassword, setClearPassword] = useState(false);
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  return (
    <FormCard
      title="Сервер почты"
      onSave={async () => {
        const saved = await call('mail.saveSettings', {
          ...form,
          port: Number(form.port),
          version: view.version,
          ...(clearPassword ? { password: '' } : password ? { password } : {}),
        });
        setPassword('');
        setClearPassword(false);
        onSaved(saved);
      }}
    >
      {(errors) => (
        <>
          <CheckField
            label="Отправлять письма семьям"
            checked={form.enabled}
            onChange={(enabled) => set({ enabled })}
            hint="Пока выключено, письма не собираются и не отправляются; пробное письмо можно отправить всегда."
          />
          <div className="settings-grid">
            <Field
              label="Сервер SMTP"
              value={form.host}
              onChange={(e) => set({ host: e.target.value })}
              placeholder="smtp.example.ru"
              error={errors['host']}
            />
            <Field
              label="Порт"
              type="number"
              min={1}
              max={65535}
              value={form.port}
              onChange={(e) => set({ port: e.target.value })}
              error={errors['port']}
            />
            <SelectField
              label="Шифрование"
              value={form.security}
              onChange={(e) => {
                const security = e.target.value as MailSecurity;
                set({ security, port: String(MAIL_DEFAULT_PORTS[security]) });
              }}
            >
              {MAIL_SECURITIES.map((s) => (
                <option key={s} value={s}>
                  {MAIL_SECURITY_LABELS[s]}
                </option>
              ))}
            </SelectField>
            <Field
              label="Логин"
              value={form.login}
              autoComplete="off"
              onChange={(e) => set({ login: e.target.value })}
              error={errors['login']}
            />
            <Field
              label={view.passwordSet ? 'Новый пароль' : 'Пароль'}
              type="password"
              autoComplete="new-password"
              value={password}
              disabled={clearPassword}
              onChange={(e) => setPassword(e.target.value)}
              hint={view.passwordSet ? 'Пароль сохранён; оставьте поле пустым, чтобы не менять его' : undefined}
              error={errors['password']}
            />
          </div>
          {view.passwordSet && (
            <CheckField
              label="Сервер не требует пароля (удалить сохранённый)"
              checked={clearPassword}
              onChange={setClearPassword}
            />
          )}
          {view.passwordProblem && <Notice kind="warn">{view.passwordProblem}</Notice>}
          <div className="settings-grid">
            <Field
              label="Имя отправителя"
              value={form.fromName}
              onChange={(e) => set({ fromName: e.target.value })}
              placeholder="Колледж — электронный журнал"
              error={errors['fromName']}
            />
            <Field
              label="Адрес отправителя"
              type="email"
              value={form.fromAddress}
              onChange={(e) => set({ fromAddress: e.target.value })}
              placeholder="journal@college.ru"
              error={errors['fromAddress']}
            />
          </div>
          <Field
            label="Адрес сайта для семей"
            value={form.siteUrl}
            onChange={(e) => set({ siteUrl: e.target.value })}
            placeholder="https://journal.college.ru"
            hint="Для ссылок в письмах (дневник, отказ от писем): адрес, по которому семьи открывают журнал из дома."
            error={errors['siteUrl']}
          />
        </>
      )}
    </FormCard>
  );
}
