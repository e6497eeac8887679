// One copy: its full check and what it holds, then the restore after an explicit confirmation. The
// journal as it is now is kept as a copy first, so the restore can be undone.
import { useState } from 'react';
import type { BackupItem, RestoreOutcome } from '../../../electron/api/contract';
import { call } from '../../api';
import { Button, Card, ErrorBanner, Loading, Notice } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { count, formatBytes } from '../../../electron/domain/format-numbers';
import { ruDateTime } from '../../../electron/domain/format-dates';

export function RestorePanel({ item, onClose }: { item: BackupItem; onClose: () => void }) {
  const { data: check, error, loading } = useCall('backups.inspect', { name: item.name });
  const [confirming, setConfirming] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<RestoreOutcome | null>(null);
  const when = ruDateTime(item.createdAt);

  async function restore() {
    setBusy(true);
    setFailure(null);
    try {
      setOutcome(await call('backups.restore', { name: item.name, confirm: true }));
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  if (outcome) return <Restored outcome={outcome} when={when} />;
  return (
    <Card
      title={`Копия от ${when}`}
      actions={
        <Button kind="secondary" onClick={onClose}>
          Закрыть
        </Button>
      }
    >
      <section aria-label="Проверка копии" className="restore-panel">
        {loading && <Loading what="Полная проверка копии" />}
        <ErrorBanner error={error} />
        {check && (
          <>
            {check.ok ? (
              <Notice kind="ok">
                Копия исправна: проверка целостности пройдена{check.checksumOk ? ', контрольная сумма совпадает' : ''}.
              </Notice>
            ) : (
              <div className="banner banner-error" role="alert">
                {check.problem}
              </div>
            )}
            <dl className="facts">
              <dt>Вид</dt>
              <dd>{check.reasonLabel}</dd>
              <dt>Размер</dt>
              <dd>{formatBytes(check.size)}</dd>
              {check.contents && (
                <>
                  <dt>Организация</dt>
                  <dd>{check.contents.institution ?? '—'}</dd>
                  <dt>Учебный год</dt>
                  <dd>{check.contents.year ?? '—'}</dd>
                  <dt>Обучающихся</dt>
                  <dd>{count(check.contents.counts.students)}</dd>
                  <dt>Отметок</dt>
                  <dd>{count(check.contents.counts.marks)}</dd>
                  <dt>Отметок посещаемости</dt>
                  <dd>{count(check.contents.counts.attendance)}</dd>
                  <dt>Занятий</dt>
                  <dd>{count(check.contents.counts.lessons)}</dd>
                  <dt>Журналов</dt>
                  <dd>{count(check.contents.counts.journals)}</dd>
                  <dt>Пользователей</dt>
                  <dd>{count(check.contents.counts.users)}</dd>
                  <dt>Версия структуры</dt>
                  <dd>{check.contents.schema ?? '—'}</dd>
                </>
              )}
            </dl>
          </>
        )}
        {check?.ok && !confirming && (
          <Button kind="danger" onClick={() => setConfirming(true)}>
            Восстановить журнал из этой копии…
          </Button>
        )}
        {check?.ok && confirming && (
          <div className="restore-confirm" role="group" aria-label="Подтверждение восстановления">
            <p>
              <strong>Все данные журнала будут заменены данными копии от {when}.</strong> Отметки, занятия и другие
              записи, внесённые после этого момента, из журнала исчезнут. Текущее состояние журнала сначала сохранится
              отдельной копией — восстановление можно будет отменить. Все пользователи должны будут войти снова.
            </p>
            <label className="check">
              <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
              Понимаю, восстановить журнал из копии от {when}
            </label>
            <div className="row">
              <Button kind="danger" onClick={restore} disabled={!understood || busy}>
                {busy ? 'Восстановление…' : 'Восстановить'}
              </Button>
              <Button
                kind="secondary"
                onClick={() => {
                  setConfirming(false);
                  setUnderstood(false);
                }}
                disabled={busy}
              >
                Отмена
              </Button>
            </div>
          </div>
        )}
        <ErrorBanner error={failure} />
      </section>
    </Card>
  );
}

function Restored({ outcome, when }: { outcome: RestoreOutcome; when: string }) {
  const { year, counts } = outcome.restored.contents;
  return (
    <Card title="Журнал восстановлен">
      <Notice kind="ok">
        Журнал восстановлен из копии от {when}: {year ? `учебный год ${year}, ` : ''}
        {count(counts.students)} обучающихся, {count(counts.marks)} отметок.
      </Notice>
      {outcome.undoName && (
        <p>
          Состояние журнала до восстановления сохранено копией <code>{outcome.undoName}</code> (вид «перед
          восстановлением»). Чтобы отменить восстановление, восстановите журнал из неё.
        </p>
      )}
      <p>Все пользователи, и вы тоже, должны войти в программу снова.</p>
      <Button onClick={() => window.location.reload()}>Войти снова</Button>
    </Card>
  );
}
