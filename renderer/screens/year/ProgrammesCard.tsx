// A centre's programmes in the year wizard (issue 13): each «дополнительная общеразвивающая программа» with
// its направленность, hours, years of study, ages, the hours of its plan against the hours a year, and the
// year's объединения that study it. The administrator and the deputy create and edit them.
import { useState } from 'react';
import type { ProgrammeInfo, YearInfo } from '../../../electron/api/contract';
import { PROGRAMME_FOCUS_LABELS } from '../../../electron/domain/labels';
import { Button, Card, ErrorBanner, Loading, Notice } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { useWords } from '../../components/words';
import { ProgrammeDialog } from './ProgrammeDialog';

export function ProgrammesCard({ year, editable }: { year: YearInfo; editable: boolean }) {
  const w = useWords();
  const { data, error, reload } = useCall('programmes.list', { yearId: year.id });
  const [editing, setEditing] = useState<ProgrammeInfo | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (!data)
    return (
      <>
        <ErrorBanner error={error} />
        <Loading />
      </>
    );
  return (
    <Card
      title={`Дополнительные общеразвивающие программы (${data.length})`}
      actions={
        editable ? (
          <Button kind="secondary" onClick={() => setEditing('new')}>
            Создать программу
          </Button>
        ) : undefined
      }
    >
      {saved && <Notice kind="ok">{saved}</Notice>}
      <p className="muted small">
        Программу {w.term('group', 'gen')} выбирают на шаге «{w.Term('department', 'nom', 'many')} и{' '}
        {w.term('group', 'nom', 'many')}»; её тематический план переносится в пустые планы журналов.
      </p>
      <table className="table" aria-label="Паспорта программ">
        <thead>
          <tr>
            <th>Программа</th>
            <th>Направленность</th>
            <th>Часов в год</th>
            <th>Срок, лет</th>
            <th>Возраст</th>
            <th>Часов в плане</th>
            <th>{w.Term('group', 'nom', 'many')}</th>
            {editable && <th className="actions-col" aria-label="Действия" />}
          </tr>
        </thead>
        <tbody>
          {data.map((p) => (
            <tr key={p.subjectId}>
              <td>{p.name}</td>
              <td>{p.focus ? PROGRAMME_FOCUS_LABELS[p.focus] : <span className="tag tag-warn">не указана</span>}</td>
              <td>{p.hoursPerYear ?? '—'}</td>
              <td>{p.years ?? '—'}</td>
              <td>{p.ageFrom !== null && p.ageTo !== null ? `${p.ageFrom}–${p.ageTo}` : '—'}</td>
              <td>
                {p.topicHours}
                {p.hoursPerYear !== null && p.topics.length > 0 && p.topicHours !== p.hoursPerYear && (
                  <span className="tag tag-warn" title="Часы плана не совпадают с часами в год">
                    ≠ {p.hoursPerYear}
                  </span>
                )}
              </td>
              <td>{p.groups.map((g) => g.name).join(', ') || '—'}</td>
              {editable && (
                <td className="actions-col">
                  <Button kind="link" aria-label={`Изменить программу ${p.name}`} onClick={() => setEditing(p)}>
                    изменить
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <ProgrammeDialog
          programme={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(s) => {
            setEditing(null);
            setSaved(
              `Программа «${s.name}» сохранена` +
                (s.plansFilled > 0 ? `; тематический план перенесён в журналы: ${s.plansFilled}` : ''),
            );
            void reload();
          }}
        />
      )}
    </Card>
  );
}
