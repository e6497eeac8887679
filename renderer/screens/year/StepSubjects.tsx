// Step 3: the subject catalogue — disciplines, professional modules with their МДК and practices,
// programmes — typed in or loaded from Excel.
import { useWords } from '../../components/words';
import { useState } from 'react';
import type { SubjectInfo } from '../../../electron/api/contract';
import type { SubjectKind } from '../../../electron/domain/enums';
import { call, saveFile } from '../../api';
import { Button, Card, ErrorBanner, Loading } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { ImportDialog } from './ImportDialog';
import { InlineTable } from './InlineTable';
import { ProgrammesCard } from './ProgrammesCard';
import { SUBJECT_KIND_LABELS } from './words';
import type { StepProps } from './YearScreen';

export async function download(input: Parameters<typeof call<'lists.export'>>[1]) {
  const f = await call('lists.export', input);
  saveFile(f.fileName, f.base64, f.mime);
}

export function StepSubjects({ me, year }: StepProps) {
  const w = useWords();
  const admin = me.roles.some((r) => r.role === 'admin');
  const deputy = me.roles.some((r) => r.role === 'deputy');
  const { data, error, reload } = useCall('subjects.list', {});
  const [importing, setImporting] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  if (!data)
    return (
      <>
        <ErrorBanner error={error} />
        <Loading />
      </>
    );
  const modules = data.filter((s) => s.kind === 'pm');
  const college = w.kind === 'college';
  const kinds = (Object.keys(SUBJECT_KIND_LABELS) as SubjectKind[]).map((k) => ({
    value: k,
    label: SUBJECT_KIND_LABELS[k],
  }));
  return (
    <div className="page">
      <Card
        title={`${w.Term('subject', 'nom', 'many')} (${data.length})`}
        actions={
          <div className="row">
            {admin && (
              <Button kind="secondary" onClick={() => setImporting(true)}>
                Загрузить из Excel
              </Button>
            )}
            <Button kind="secondary" onClick={() => download({ list: 'subjects' }).catch(setProblem)}>
              Выгрузить в Excel
            </Button>
          </div>
        }
      >
        <ErrorBanner error={problem} />
        <p className="muted small">
          {w.kind === 'college'
            ? 'Код проверяется по виду: ОП.01, ОГСЭ.03 — дисциплины; ПМ.01 — модуль; МДК.01.01 входит в ПМ.01; ' +
              'УП.01, ПП.01.01 — практики. У школьных предметов и программ дополнительного образования код можно ' +
              'не указывать.'
            : `Код у ${w.term('subject', 'gen', 'many')} можно не указывать.`}
        </p>
        <InlineTable<SubjectInfo, { code: string; name: string; kind: string; parentId: string }>
          label={w.Term('subject', 'nom', 'many')}
          rows={data}
          readOnly={!admin}
          addLabel={`Добавить ${w.term('subject', 'acc')}`}
          columns={[
            { key: 'code', label: 'Код', width: '8rem', placeholder: college ? 'ОП.01' : '' },
            { key: 'name', label: 'Наименование', placeholder: college ? 'Инженерная графика' : '' },
            // A school's subjects and a centre's programmes are of one kind each: no kinds, no modules to show.
            ...(college
              ? [
                  { key: 'kind' as const, label: 'Вид', kind: 'select' as const, options: kinds, width: '12rem' },
                  {
                    key: 'parentId' as const,
                    label: 'Входит в модуль',
                    kind: 'select' as const,
                    width: '10rem',
                    options: [
                      { value: '', label: '—' },
                      ...modules.map((m) => ({ value: String(m.id), label: m.code ?? m.name })),
                    ],
                  },
                ]
              : []),
          ]}
          draftOf={(s) => ({
            code: s.code ?? '',
            name: s.name,
            kind: s.kind,
            parentId: s.parentId ? String(s.parentId) : '',
          })}
          blank={{ code: '', name: '', kind: w.kind === 'supplementary' ? 'programme' : 'discipline', parentId: '' }}
          rowName={(d) => `${d.code} ${d.name}`.trim() || w.term('subject')}
          extraHead="Журналов"
          extra={(s) => s.journals}
          onSave={async (d, row) => {
            await call('subjects.save', {
              id: row?.id,
              code: d.code || null,
              name: d.name,
              kind: d.kind as SubjectKind,
              parentId: d.parentId ? Number(d.parentId) : null,
            });
            await reload();
          }}
          onRemove={async (row) => {
            await call('subjects.remove', { id: row.id });
            await reload();
          }}
        />
        {importing && (
          <ImportDialog list="subjects" onClose={() => setImporting(false)} onImported={() => void reload()} />
        )}
      </Card>
      {w.kind === 'supplementary' && <ProgrammesCard year={year} editable={admin || deputy} />}
    </div>
  );
}
