// Step 2: departments and the year's groups with course and curator, typed in row by row or carried
// over from the previous year.
import { useWords } from '../../components/words';
import { useEffect, useState } from 'react';
import type { CopyProposal, CopyResult, DepartmentInfo, GroupInfo, StaffOption } from '../../../electron/api/contract';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Button, Card, ErrorBanner, Field, Loading, Notice } from '../../components/ui';
import { useCall, useOptionalCall } from '../../components/useCall';
import { InlineTable } from './InlineTable';
import type { StepProps } from './YearScreen';
import { kindWords } from './words';
import { DateField } from '../../components/DateInput';

export function StepGroups({ year, me }: StepProps) {
  const admin = me.roles.some((r) => r.role === 'admin');
  const editable = admin && year.status === 'open';
  const depts = useCall('departments.list', { yearId: year.id });
  const groups = useCall('groups.list', { yearId: year.id });
  const w = useWords();
  const centre = w.kind === 'supplementary';
  const programmes = useOptionalCall(centre, 'programmes.list', { yearId: year.id });
  const [staff, setStaff] = useState<StaffOption[]>([]);
  const [copying, setCopying] = useState(false);
  const { data: years } = useCall('years.list', {});
  useEffect(() => {
    if (admin) call('groups.staffOptions', {}).then(setStaff, () => undefined);
  }, [admin]);
  const previous = years?.find((y) => y.startsOn < year.startsOn);
  const kw = kindWords(w.kind);
  if (!depts.data || !groups.data)
    return (
      <>
        <ErrorBanner error={depts.error ?? groups.error} />
        <Loading />
      </>
    );

  const deptOptions = [
    { value: '', label: '—' },
    ...depts.data.map((d) => ({ value: String(d.id), label: d.shortName })),
  ];
  const programmeOptions = [
    { value: '', label: '— не выбрана —' },
    ...(programmes.data ?? []).map((p) => ({ value: String(p.subjectId), label: p.name })),
  ];
  const staffOptions = [
    { value: '', label: '— не назначен —' },
    ...staff.filter((s) => s.active).map((s) => ({ value: String(s.id), label: s.shortName })),
  ];

  return (
    <div className="page">
      <Card title={kw.departments}>
        <InlineTable<DepartmentInfo, { name: string; shortName: string }>
          label={kw.departments}
          rows={depts.data}
          readOnly={!editable}
          addLabel={`Добавить ${w.term('department', 'acc')}`}
          columns={[
            { key: 'name', label: 'Название', placeholder: w.kind === 'college' ? 'Энергетическое отделение' : '' },
            { key: 'shortName', label: 'Кратко', width: '10rem', placeholder: w.kind === 'college' ? 'ЭО' : '' },
          ]}
          draftOf={(d) => ({ name: d.name, shortName: d.shortName })}
          blank={{ name: '', shortName: '' }}
          rowName={(d) => d.name || w.term('department')}
          extraHead={w.Term('group', 'gen', 'many')}
          extra={(d) => `${d.groups}${d.heads.length ? ` · зав.: ${d.heads.join(', ')}` : ''}`}
          onSave={async (d, row) => {
            await call('departments.save', {
              id: row?.id,
              version: row?.version,
              name: d.name,
              shortName: d.shortName,
            });
            await depts.reload();
          }}
          onRemove={async (row) => {
            await call('departments.remove', { id: row.id });
            await depts.reload();
          }}
        />
      </Card>
      <Card
        title={`${kw.groups} ${year.title}`}
        actions={
          editable && previous ? (
            <Button kind="secondary" onClick={() => setCopying(true)}>
              Перенести {w.term('group', 'acc', 'many')} из {previous.title}
            </Button>
          ) : undefined
        }
      >
        <p className="muted small">
          Enter — сохранить строку, Esc — отменить изменения, Tab — к следующей ячейке. {w.Term('curator')} получает
          роль «{w.role('curator')}».
        </p>
        <InlineTable<
          GroupInfo,
          {
            name: string;
            course: string;
            departmentId: string;
            curatorUserId: string;
            speciality: string;
            programmeSubjectId: string;
          }
        >
          label={kw.groups}
          rows={groups.data}
          readOnly={!editable}
          addLabel={`Добавить ${w.term('group', 'acc')}`}
          columns={[
            {
              key: 'name',
              label: w.Term('group'),
              // A centre's объединения have names, not codes: «Юный художник» must fit.
              width: w.kind === 'supplementary' ? '14rem' : '8rem',
              placeholder: w.kind === 'college' ? 'ЭС-11' : '',
            },
            { key: 'course', label: w.Term('course'), kind: 'number', width: '5rem' },
            { key: 'departmentId', label: w.Term('department'), kind: 'select', options: deptOptions, width: '9rem' },
            {
              key: 'curatorUserId',
              label: w.Short('curator'),
              kind: 'select',
              options:
                staffOptions.length > 1 ? staffOptions : [{ value: '', label: '— сначала загрузите сотрудников —' }],
              width: '13rem',
            },
            centre
              ? { key: 'programmeSubjectId', label: 'Программа', kind: 'select', options: programmeOptions }
              : {
                  key: 'speciality',
                  label: w.kind === 'college' ? 'Специальность / программа' : w.focus,
                  placeholder: w.kind === 'college' ? '13.02.03 Электрические станции, сети и системы' : w.focusHint,
                },
          ]}
          draftOf={(g) => ({
            name: g.name,
            course: String(g.course),
            departmentId: g.departmentId ? String(g.departmentId) : '',
            curatorUserId: g.curatorUserId ? String(g.curatorUserId) : '',
            speciality: g.speciality ?? '',
            programmeSubjectId: g.programmeSubjectId ? String(g.programmeSubjectId) : '',
          })}
          blank={{
            name: '',
            course: '1',
            departmentId: depts.data.length === 1 ? String(depts.data[0]!.id) : '',
            curatorUserId: '',
            speciality: '',
            programmeSubjectId: '',
          }}
          rowName={(d) => d.name || w.term('group')}
          extraHead="Обучающихся"
          extra={(g) => (
            <a href={`#/groups?group=${g.id}`}>
              {g.students}
              {g.subgroups.length > 0 ? ` · подгр. ${g.subgroups.length}` : ''}
            </a>
          )}
          onSave={async (d, row) => {
            const fields = {
              name: d.name,
              course: Number(d.course),
              departmentId: d.departmentId ? Number(d.departmentId) : null,
              curatorUserId: d.curatorUserId ? Number(d.curatorUserId) : null,
              speciality: d.speciality || null,
              // A centre's объединение studies a programme; elsewhere the field is left as it is.
              ...(centre ? { programmeSubjectId: d.programmeSubjectId ? Number(d.programmeSubjectId) : null } : {}),
            };
            if (row) await call('groups.update', { id: row.id, version: row.version, ...fields });
            else await call('groups.create', { yearId: year.id, ...fields });
            await groups.reload();
          }}
          onRemove={async (row) => {
            await call('groups.remove', { id: row.id, version: row.version });
            await groups.reload();
          }}
        />
      </Card>
      {copying && previous && (
        <CopyDialog
          fromYearId={previous.id}
          fromTitle={previous.title}
          toYearId={year.id}
          toTitle={year.title}
          onClose={() => setCopying(false)}
          onDone={() => {
            void groups.reload();
          }}
        />
      )}
    </div>
  );
}

function CopyDialog({
  fromYearId,
  fromTitle,
  toYearId,
  toTitle,
  onClose,
  onDone,
}: {
  fromYearId: number;
  fromTitle: string;
  toYearId: number;
  toTitle: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const w = useWords();
  const [rows, setRows] = useState<CopyProposal[] | null>(null);
  const [carryLoads, setCarryLoads] = useState(true);
  const [transfer, setTransfer] = useState(true);
  const [order, setOrder] = useState({ orderNo: '', orderDate: '' });
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<CopyResult | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('years.copyPreview', { fromYearId, toYearId }).then(setRows, setError);
  }, [fromYearId, toYearId]);
  const set = (i: number, patch: Partial<CopyProposal>) =>
    setRows(rows!.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  async function apply() {
    setBusy(true);
    try {
      setResult(
        await call('years.copyApply', {
          fromYearId,
          toYearId,
          carryLoads,
          transferOrder: transfer ? order : null,
          groups: rows!
            .filter((r) => !r.copiedAs)
            .map((r) => ({ fromGroupId: r.fromGroupId, name: r.name, course: r.course, include: r.include })),
        }),
      );
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog title={`Перенос ${w.term('group', 'gen', 'many')} из ${fromTitle} в ${toTitle}`} onClose={onClose} wide>
      <ErrorBanner error={error} />
      {result ? (
        <>
          <Notice kind="ok">
            Перенесено {w.term('group', 'gen', 'many')}: {result.groups}, {w.term('curator', 'gen', 'many')}:{' '}
            {result.curators}, журналов нагрузки: {result.journals}, обучающихся по приказу о переводе:{' '}
            {result.students}. Проверьте нагрузку: её нужно пересмотреть под{' '}
            {w.gender('course') === 'f' ? 'новую' : 'новый'} {w.term('course', 'acc')}.
            {result.backup && <> Перед переносом сделана резервная копия {result.backup}.</>}
          </Notice>
          {result.skipped.map((s) => (
            <Notice key={s} kind="warn">
              {s}
            </Notice>
          ))}
          <div className="row">
            <Button onClick={onClose}>Готово</Button>
          </div>
        </>
      ) : !rows ? (
        <Loading />
      ) : (
        <>
          <p className="muted">
            {w.Term('group', 'nom', 'many')} переходят на {w.term('course', 'acc')} выше;{' '}
            {{ f: 'выпускная', m: 'выпускной', n: 'выпускное' }[w.gender('course')]} {w.term('course')} не переносится
            (снимите или поставьте отметку сами). Названия можно поправить.
          </p>
          <table className="table" aria-label={`${w.Term('group', 'nom', 'many')} для переноса`}>
            <thead>
              <tr>
                <th>Переносить</th>
                <th>Было</th>
                <th>Станет</th>
                <th>Курс</th>
                <th>{w.Short('curator')}</th>
                <th>Обучающихся</th>
                <th>Журналов</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.fromGroupId} className={r.include ? '' : 'row-inactive'}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Переносить ${r.fromName}`}
                      checked={r.include}
                      disabled={Boolean(r.copiedAs)}
                      onChange={(e) => set(i, { include: e.target.checked })}
                    />
                  </td>
                  <td>
                    {r.fromName} <span className="muted">({w.course(r.fromCourse)})</span>
                  </td>
                  <td>
                    {r.copiedAs ? (
                      <span className="muted">уже: {r.copiedAs}</span>
                    ) : (
                      <input
                        aria-label={`Новое название ${r.fromName}`}
                        value={r.name}
                        onChange={(e) => set(i, { name: e.target.value })}
                      />
                    )}
                    {r.graduating && <span className="tag tag-warn">выпуск</span>}
                  </td>
                  <td>
                    <input
                      type="number"
                      aria-label={`Курс ${r.fromName}`}
                      className="narrow-num"
                      value={r.course}
                      onChange={(e) => set(i, { course: Number(e.target.value) })}
                    />
                  </td>
                  <td>{r.curatorName ?? '—'}</td>
                  <td>{r.students}</td>
                  <td>{r.journals}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <label className="check">
            <input type="checkbox" checked={carryLoads} onChange={(e) => setCarryLoads(e.target.checked)} /> перенести
            нагрузку (журналы с {w.term('teacher', 'ins', 'many')} и часами) для проверки
          </label>
          <label className="check">
            <input type="checkbox" checked={transfer} onChange={(e) => setTransfer(e.target.checked)} /> перевести
            обучающихся в новые {w.term('group', 'acc', 'many')} приказом
          </label>
          {transfer && (
            <div className="form-grid">
              <Field
                label="Номер приказа о переводе"
                value={order.orderNo}
                onChange={(e) => setOrder({ ...order, orderNo: e.target.value })}
              />
              <DateField
                label="Дата приказа"
                value={order.orderDate}
                onChange={(v) => setOrder({ ...order, orderDate: v })}
              />
            </div>
          )}
          <div className="row">
            <Button onClick={() => void apply()} disabled={busy}>
              Перенести
            </Button>
            <Button kind="secondary" onClick={onClose}>
              Отмена
            </Button>
          </div>
        </>
      )}
    </Dialog>
  );
}
