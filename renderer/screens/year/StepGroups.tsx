// Step 2: departments and the year's groups with course and curator, typed in row by row or carried
// over from the previous year.
import { useEffect, useState } from 'react';
import type { CopyProposal, CopyResult, DepartmentInfo, GroupInfo, StaffOption } from '../../../electron/api/contract';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Button, Card, ErrorBanner, Field, Loading, Notice } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { InlineTable } from './InlineTable';
import type { StepProps } from './YearScreen';
import { kindWords } from './words';
import { DateField } from './DateInput';

export function StepGroups({ year, me }: StepProps) {
  const admin = me.roles.some((r) => r.role === 'admin');
  const editable = admin && year.status === 'open';
  const depts = useCall('departments.list', { yearId: year.id });
  const groups = useCall('groups.list', { yearId: year.id });
  const [staff, setStaff] = useState<StaffOption[]>([]);
  const [copying, setCopying] = useState(false);
  const { data: years } = useCall('years.list', {});
  useEffect(() => {
    if (admin) call('groups.staffOptions', {}).then(setStaff, () => undefined);
  }, [admin]);
  const previous = years?.find((y) => y.startsOn < year.startsOn);
  const w = kindWords(me.institution?.kind);
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
  const staffOptions = [
    { value: '', label: '— не назначен —' },
    ...staff.filter((s) => s.active).map((s) => ({ value: String(s.id), label: s.shortName })),
  ];

  return (
    <div className="page">
      <Card title={w.departments}>
        <InlineTable<DepartmentInfo, { name: string; shortName: string }>
          label="Отделения"
          rows={depts.data}
          readOnly={!editable}
          addLabel="Добавить отделение"
          columns={[
            { key: 'name', label: 'Название', placeholder: 'Энергетическое отделение' },
            { key: 'shortName', label: 'Кратко', width: '10rem', placeholder: 'ЭО' },
          ]}
          draftOf={(d) => ({ name: d.name, shortName: d.shortName })}
          blank={{ name: '', shortName: '' }}
          rowName={(d) => d.name || 'отделение'}
          extraHead="Групп"
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
        title={`${w.groups} ${year.title}`}
        actions={
          editable && previous ? (
            <Button kind="secondary" onClick={() => setCopying(true)}>
              Перенести группы из {previous.title}
            </Button>
          ) : undefined
        }
      >
        <p className="muted small">
          Enter — сохранить строку, Esc — отменить изменения, Tab — к следующей ячейке. Куратор получает роль куратора
          своей группы.
        </p>
        <InlineTable<
          GroupInfo,
          { name: string; course: string; departmentId: string; curatorUserId: string; speciality: string }
        >
          label="Группы"
          rows={groups.data}
          readOnly={!editable}
          addLabel="Добавить группу"
          columns={[
            { key: 'name', label: 'Группа', width: '8rem', placeholder: 'ЭС-11' },
            { key: 'course', label: 'Курс', kind: 'number', width: '5rem' },
            { key: 'departmentId', label: 'Отделение', kind: 'select', options: deptOptions, width: '9rem' },
            {
              key: 'curatorUserId',
              label: 'Куратор',
              kind: 'select',
              options:
                staffOptions.length > 1 ? staffOptions : [{ value: '', label: '— сначала загрузите сотрудников —' }],
              width: '13rem',
            },
            {
              key: 'speciality',
              label: 'Специальность / программа',
              placeholder: '13.02.03 Электрические станции, сети и системы',
            },
          ]}
          draftOf={(g) => ({
            name: g.name,
            course: String(g.course),
            departmentId: g.departmentId ? String(g.departmentId) : '',
            curatorUserId: g.curatorUserId ? String(g.curatorUserId) : '',
            speciality: g.speciality ?? '',
          })}
          blank={{
            name: '',
            course: '1',
            departmentId: depts.data.length === 1 ? String(depts.data[0]!.id) : '',
            curatorUserId: '',
            speciality: '',
          }}
          rowName={(d) => d.name || 'группа'}
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
    <Dialog title={`Перенос групп из ${fromTitle} в ${toTitle}`} onClose={onClose} wide>
      <ErrorBanner error={error} />
      {result ? (
        <>
          <Notice kind="ok">
            Перенесено групп: {result.groups}, кураторов: {result.curators}, журналов нагрузки: {result.journals},
            обучающихся по приказу о переводе: {result.students}. Проверьте нагрузку: её нужно пересмотреть под новый
            курс.{result.backup && <> Перед переносом сделана резервная копия {result.backup}.</>}
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
            Группы переходят на курс выше; выпускной курс не переносится (снимите или поставьте отметку сами). Названия
            можно поправить.
          </p>
          <table className="table" aria-label="Группы для переноса">
            <thead>
              <tr>
                <th>Переносить</th>
                <th>Было</th>
                <th>Станет</th>
                <th>Курс</th>
                <th>Куратор</th>
                <th>Студентов</th>
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
                    {r.fromName} <span className="muted">({r.fromCourse} курс)</span>
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
            нагрузку (журналы с преподавателями и часами) для проверки
          </label>
          <label className="check">
            <input type="checkbox" checked={transfer} onChange={(e) => setTransfer(e.target.checked)} /> перевести
            обучающихся в новые группы приказом
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
