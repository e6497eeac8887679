// Step 5: the teaching load, group by group: each journal is a subject (and subgroup) of the group
// with its teacher and planned hours per period; each links to its thematic plan.
import { useWords } from '../../components/words';
import { useEffect, useState } from 'react';
import type { LoadInfo, StaffOption } from '../../../electron/api/contract';
import { call } from '../../api';
import { Button, Card, ErrorBanner, Loading } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { InlineTable, type Draft } from './InlineTable';
import { download } from './StepSubjects';
import type { StepProps } from './YearScreen';

export function StepLoad({ year, me }: StepProps) {
  const w = useWords();
  const admin = me.roles.some((r) => r.role === 'admin');
  const editable = admin && year.status === 'open';
  const groups = useCall('groups.list', { yearId: year.id });
  const subjects = useCall('subjects.list', {});
  const [chosenGroup, setGroupId] = useState<number | null>(null);
  const load = useCall('journals.list', { yearId: year.id });
  const [staff, setStaff] = useState<StaffOption[]>([]);
  const [problem, setProblem] = useState<unknown>(null);
  useEffect(() => {
    if (admin) call('groups.staffOptions', {}).then(setStaff, () => undefined);
  }, [admin]);
  // The first group until one is chosen: derived, not set by an effect that could overwrite a choice made meanwhile.
  const groupId = chosenGroup ?? groups.data?.[0]?.id ?? null;
  if (!groups.data || !subjects.data || !load.data)
    return (
      <>
        <ErrorBanner error={groups.error ?? subjects.error ?? load.error} />
        <Loading />
      </>
    );

  const group = groups.data.find((g) => g.id === groupId) ?? null;
  const rows = load.data.filter((j) => j.groupId === groupId);
  const periods = year.periods;
  type LoadDraft = Draft & { subjectId: string; subgroupId: string; teacherUserId: string };
  const draftOf = (j: LoadInfo): LoadDraft => ({
    subjectId: String(j.subjectId),
    subgroupId: j.subgroupId ? String(j.subgroupId) : '',
    teacherUserId: String(j.teacherUserId),
    ...Object.fromEntries(
      periods.map((p) => [`p${p.id}`, String(j.hours.find((h) => h.periodId === p.id)?.hours ?? 0)]),
    ),
  });
  const blank: LoadDraft = {
    subjectId: '',
    subgroupId: '',
    teacherUserId: '',
    ...Object.fromEntries(periods.map((p) => [`p${p.id}`, '0'])),
  };
  const subjectOptions = [
    { value: '', label: '— выберите —' },
    ...subjects.data
      .filter((s) => s.kind !== 'pm')
      .map((s) => ({ value: String(s.id), label: `${s.code ? `${s.code} ` : ''}${s.name}` })),
  ];
  const teacherOptions = [
    { value: '', label: '— выберите —' },
    ...staff.filter((s) => s.active).map((s) => ({ value: String(s.id), label: s.shortName })),
  ];
  const subgroupOptions = [
    { value: '', label: w.Whole('group').toLowerCase() },
    ...(group?.subgroups ?? []).map((s) => ({ value: String(s.id), label: s.title })),
  ];
  const total = rows.reduce((s, j) => s + j.totalHours, 0);

  return (
    <div className="split">
      <nav className="side-list" aria-label={w.Term('group', 'nom', 'many')}>
        {groups.data.map((g) => {
          const n = load.data!.filter((j) => j.groupId === g.id).length;
          return (
            <button
              key={g.id}
              type="button"
              className={g.id === groupId ? 'active' : ''}
              aria-current={g.id === groupId ? 'true' : undefined}
              onClick={() => setGroupId(g.id)}
            >
              <span>{g.name}</span>
              <span className={`muted small ${n === 0 ? 'tag tag-warn' : ''}`}>
                {n === 0 ? 'нет нагрузки' : `${n} журн.`}
              </span>
            </button>
          );
        })}
        {groups.data.length === 0 && <p className="muted">Сначала заведите {w.term('group', 'acc', 'many')}</p>}
      </nav>
      <Card
        title={group ? `Нагрузка ${w.term('group', 'gen')} ${group.name}: ${total} ч` : 'Нагрузка'}
        actions={
          <Button kind="secondary" onClick={() => download({ list: 'load', yearId: year.id }).catch(setProblem)}>
            Выгрузить всю нагрузку в Excel
          </Button>
        }
      >
        <ErrorBanner error={problem} />
        {group && (
          <InlineTable<LoadInfo, LoadDraft>
            key={group.id}
            label={`Нагрузка ${w.term('group', 'gen')} ${group.name}`}
            rows={rows}
            readOnly={!editable}
            addLabel="Назначить"
            columns={[
              { key: 'subjectId', label: w.Term('subject'), kind: 'select', options: subjectOptions, fixed: true },
              { key: 'subgroupId', label: 'Подгруппа', kind: 'select', options: subgroupOptions, width: '8.5rem' },
              {
                key: 'teacherUserId',
                label: w.Short('teacher'),
                kind: 'select',
                options: teacherOptions,
                width: '12rem',
              },
              ...periods.map((p) => ({
                key: `p${p.id}`,
                label: `${p.title}, ч`,
                kind: 'number' as const,
                width: '5.5rem',
              })),
            ]}
            draftOf={draftOf}
            blank={blank}
            rowName={(d) => subjectOptions.find((o) => o.value === d.subjectId)?.label ?? 'журнал'}
            extraHead="План (КТП)"
            extra={(j) => (
              <a
                className={`nowrap ${j.planTopics === 0 ? 'tag tag-warn' : ''}`}
                href={`#/plan/${j.id}`}
                title={`${j.planTopics} тем, ${j.planHours} ч`}
              >
                {j.planTopics === 0 ? 'составить' : `${j.planHours} ч`}
              </a>
            )}
            onSave={async (d, row) => {
              if (!d.subjectId) throw new Error(`Выберите ${w.term('subject', 'acc')}`);
              if (!d.teacherUserId) throw new Error(`Выберите ${w.short('teacher', 'acc')}`);
              const hours = periods.map((p) => ({ periodId: p.id, hours: Number(d[`p${p.id}`] || 0) }));
              const common = {
                subgroupId: d.subgroupId ? Number(d.subgroupId) : null,
                teacherUserId: Number(d.teacherUserId),
                hours,
              };
              if (row) await call('journals.update', { id: row.id, version: row.version, ...common });
              else await call('journals.create', { groupId: group.id, subjectId: Number(d.subjectId), ...common });
              await load.reload();
            }}
            onRemove={async (row) => {
              await call('journals.remove', { id: row.id, version: row.version });
              await load.reload();
            }}
          />
        )}
        <p className="muted small">
          Часы — по учебному плану за каждый период. Подгруппы {w.term('group', 'gen')} заводятся в разделе «
          {w.Term('group', 'nom', 'many')} и обучающиеся».
        </p>
      </Card>
    </div>
  );
}
