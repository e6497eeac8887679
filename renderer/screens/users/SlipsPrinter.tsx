// «Печать листков с паролями»: a confirmation (the chosen people get new one-time passwords), the
// server's progress, and the PDF saved. Used by the users screen and the family access screen.
import { useState } from 'react';
import type { Input, SlipsResult } from '../../../electron/api/contract';
import { call, saveFile } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';
import { useJob } from '../../components/useJob';
import { plural } from '../../../electron/domain/format-numbers';

type SlipsInput = Input<'users.slips'>;

const ADDRESS_KEY = 'zhurnal.slips.address';
const HELP_KEY = 'zhurnal.slips.help';

/** The browser host's own address is where parents log in from; Electron's file:// page has none. */
function defaultAddress(): string {
  const saved = localStorage.getItem(ADDRESS_KEY);
  if (saved !== null) return saved;
  return /^https?:$/.test(window.location.protocol) ? `${window.location.origin}/` : '';
}

export function SlipsPrinter({
  input,
  summary,
  onClose,
  onDone,
}: {
  input: SlipsInput;
  /** What the confirmation says will happen: «5 листков, из них 3 новые учётные записи». */
  summary: string;
  onClose: () => void;
  onDone: (result: SlipsResult) => void;
}) {
  const { job, error, run, running, cancel } = useJob<SlipsResult>();
  const [address, setAddress] = useState(defaultAddress);
  const [help, setHelp] = useState(() => localStorage.getItem(HELP_KEY) ?? '');
  const [done, setDone] = useState<SlipsResult | null>(null);

  async function start() {
    localStorage.setItem(ADDRESS_KEY, address.trim());
    localStorage.setItem(HELP_KEY, help.trim());
    const result = await run(() =>
      call('users.slips', { ...input, address: address.trim() || null, help: help.trim() || null }),
    );
    if (result) {
      saveFile(result.file.fileName, result.file.base64, result.file.mime);
      setDone(result);
      onDone(result);
    }
  }

  return (
    <Dialog title="Печать листков с паролями" onClose={running ? () => undefined : onClose}>
      {done ? (
        <>
          <Notice kind="ok">
            Сформировано {done.slips} {plural(done.slips, 'листок', 'листка', 'листков')}
            {done.created > 0 && (
              <>
                , создано {done.created} {plural(done.created, 'учётная запись', 'учётные записи', 'учётных записей')}
              </>
            )}
            . Файл «{done.file.fileName}» сохранён. Разрежьте листы по пунктиру и выдайте каждому его листок лично.
          </Notice>
          <div className="row">
            <Button onClick={() => saveFile(done.file.fileName, done.file.base64, done.file.mime)}>
              Сохранить ещё раз
            </Button>
            <Button kind="secondary" onClick={onClose}>
              Закрыть
            </Button>
          </div>
        </>
      ) : (
        <>
          <p>{summary}</p>
          <Notice kind="warn">
            Каждому будет выдан новый одноразовый пароль: прежние пароли этих пользователей перестанут действовать. При
            первом входе программа попросит придумать свой пароль.
          </Notice>
          <Field
            label="Адрес для входа через браузер"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            disabled={running}
            hint="Печатается на листке. Оставьте пустым, если вход только с компьютеров учреждения"
          />
          <Field
            label="Где получить помощь"
            value={help}
            onChange={(e) => setHelp(e.target.value)}
            disabled={running}
            placeholder="по умолчанию — вы, с телефоном из вашей карточки"
          />
          <ErrorBanner error={error} />
          {running && job && (
            <div className="job-progress" role="status">
              <progress max={job.total || 1} value={job.done} aria-label="Ход печати листков" />
              <span>
                {job.step}
                {job.total > 0 && ` — ${job.done} из ${job.total}`}
              </span>
            </div>
          )}
          <div className="row">
            <Button onClick={start} disabled={running}>
              {running ? 'Формирование…' : 'Выдать пароли и напечатать'}
            </Button>
            {running ? (
              <Button kind="secondary" onClick={cancel}>
                Отменить
              </Button>
            ) : (
              <Button kind="secondary" onClick={onClose}>
                Отмена
              </Button>
            )}
          </div>
        </>
      )}
    </Dialog>
  );
}
