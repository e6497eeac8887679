// Check or open any archive folder — a stick brought from another computer, a copy found on a disk.
import { useState } from 'react';
import { call } from '../../api';
import { Button, Card, ErrorBanner } from '../../components/ui';
import { navigate } from '../../app/router';
import { useJob } from '../../components/useJob';
import { VerifyOutcome } from './YearsTable';

export function CheckFolderCard() {
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<unknown>(null);
  const verify = useJob();

  async function check() {
    setError(null);
    try {
      verify.follow(await call('archive.verify', { path: folder }));
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Card title="Проверить или открыть папку архива">
      <p className="muted small">
        Папка вида «Журнал_2025-2026_…» — на флешке, в сетевой папке или на диске. Проверка пересчитывает SHA-256
        каждого файла и подпись описи и называет первый изменённый, пропавший или лишний файл.
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        <input
          type="text"
          className="grow"
          aria-label="Папка архива"
          placeholder="/media/secretary/USB/Журнал_2025-2026_…"
          value={folder}
          onChange={(e) => setFolder(e.target.value)}
        />
        <Button type="submit" disabled={!folder.trim() || verify.running}>
          Проверить
        </Button>
        <Button
          kind="secondary"
          disabled={!folder.trim()}
          onClick={() => navigate(`/archive/view?path=${encodeURIComponent(folder.trim())}`)}
        >
          Открыть
        </Button>
      </form>
      <ErrorBanner error={error ?? verify.error} />
      {verify.job && <VerifyOutcome job={verify.job} what={folder} onCancel={verify.cancel} />}
    </Card>
  );
}
