// Subgroups of a group: number, title and who is in each — ticked in a table of the roster.
import { useState } from 'react';
import type { GroupInfo, GroupStudent, SubgroupInfo } from '../../../electron/api/contract';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Button, ErrorBanner } from '../../components/ui';
import { useWords } from '../../components/words';

export function SubgroupsDialog({
  group,
  roster,
  onClose,
  onDone,
}: {
  group: GroupInfo;
  roster: GroupStudent[];
  onClose: () => void;
  onDone: () => void;
}) {
  const w = useWords();
  const [list, setList] = useState<Array<Omit<SubgroupInfo, 'id'> & { id?: number }>>(
    group.subgroups.length > 0
      ? group.subgroups
      : [
          { number: 1, title: '1 подгруппа', studentIds: [] },
          { number: 2, title: '2 подгруппа', studentIds: [] },
        ],
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const toggle = (i: number, studentId: number) =>
    setList(
      list.map((s, j) =>
        j !== i
          ? s
          : {
              ...s,
              studentIds: s.studentIds.includes(studentId)
                ? s.studentIds.filter((x) => x !== studentId)
                : [...s.studentIds, studentId],
            },
      ),
    );
  async function save() {
    setBusy(true);
    try {
      for (const s of list)
        await call('subgroups.save', {
          groupId: group.id,
          id: s.id,
          number: s.number,
          title: s.title || null,
          studentIds: s.studentIds,
        });
      onDone();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  async function remove(i: number) {
    const s = list[i]!;
    try {
      if (s.id) await call('subgroups.remove', { id: s.id });
      setList(list.filter((_, j) => j !== i));
      if (s.id) onDone();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <Dialog title={`Подгруппы ${w.term('group', 'gen')} ${group.name}`} onClose={onClose} wide>
      <ErrorBanner error={error} />
      <div className="problems-scroll">
        <table className="table" aria-label="Состав подгрупп">
          <thead>
            <tr>
              <th>Обучающийся</th>
              {list.map((s, i) => (
                <th key={i}>
                  <input
                    aria-label={`Название подгруппы ${s.number}`}
                    value={s.title}
                    onChange={(e) => setList(list.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))}
                  />
                  <Button kind="link" onClick={() => void remove(i)}>
                    убрать
                  </Button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {roster.map((r) => (
              <tr key={r.id}>
                <td>{r.fullName}</td>
                {list.map((s, i) => (
                  <td key={i}>
                    <input
                      type="checkbox"
                      aria-label={`${r.fullName} в подгруппе ${s.number}`}
                      checked={s.studentIds.includes(r.id)}
                      onChange={() => toggle(i, r.id)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="row">
        <Button
          kind="secondary"
          onClick={() => {
            const n = Math.max(0, ...list.map((s) => s.number)) + 1;
            setList([...list, { number: n, title: `${n} подгруппа`, studentIds: [] }]);
          }}
        >
          Добавить подгруппу
        </Button>
        <Button onClick={() => void save()} disabled={busy}>
          Сохранить
        </Button>
        <Button kind="secondary" onClick={onClose}>
          Отмена
        </Button>
      </div>
    </Dialog>
  );
}
