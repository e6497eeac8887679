// A teacher's journals of the current year in the user card, and handing another teacher's journal over.
import { useWords } from '../../components/words';
import { useEffect, useState } from 'react';
import type { JournalChoice, UserDetail } from '../../../electron/api/contract';
import { call } from '../../api';
import { Button } from '../../components/ui';

export function TeacherJournals({
  user,
  act,
  reload,
}: {
  user: UserDetail;
  act: (work: () => Promise<void>) => Promise<void>;
  reload: () => Promise<unknown>;
}) {
  const w = useWords();
  const [all, setAll] = useState<JournalChoice[] | null>(null);
  const [choice, setChoice] = useState('');
  useEffect(() => {
    call('users.journals', {}).then(setAll, () => setAll([]));
  }, [user.journals.length]);
  const others = (all ?? []).filter((j) => j.teacherId !== user.id);
  const label = (j: JournalChoice) => `${j.groupName}${j.subgroup ? ` (подгр. ${j.subgroup})` : ''} · ${j.subjectName}`;
  return (
    <section className="editor-section" aria-label={`Журналы ${w.term('teacher', 'gen')}`}>
      <h3>Журналы текущего года ({user.journals.length})</h3>
      {user.journals.length === 0 ? (
        <p className="muted small">Журналов нет. Нагрузка назначается при открытии учебного года или здесь.</p>
      ) : (
        <ul className="plain small">
          {user.journals.map((j) => (
            <li key={j.id}>{label(j)}</li>
          ))}
        </ul>
      )}
      <div className="row">
        <select aria-label="Журнал для передачи" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">— выберите журнал другого {w.short('teacher', 'gen')} —</option>
          {others.map((j) => (
            <option key={j.id} value={j.id}>
              {label(j)} — {j.teacherName}
            </option>
          ))}
        </select>
        <Button
          kind="secondary"
          disabled={!choice}
          onClick={() =>
            act(async () => {
              const j = others.find((x) => x.id === Number(choice))!;
              await call('users.assignJournal', { journalId: j.id, version: j.version, teacherId: user.id });
              setChoice('');
              setAll(await call('users.journals', {}));
              await reload();
            })
          }
        >
          Передать журнал этому {w.short('teacher', 'dat')}
        </Button>
      </div>
    </section>
  );
}
