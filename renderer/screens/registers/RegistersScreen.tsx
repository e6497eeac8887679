// 003 §2.2: the department head checks that the curators fill their groups' registers — per group, how many
// students have a complete entry and what the others lack; printed as a list to hand out, or in Excel.
import { useState } from 'react';
import type { Me, RegisterGroup } from '../../../electron/api/contract';
import { ruDate } from '../../../electron/domain/format-dates';
import { REGISTER_GAP_LABELS, REGISTER_GAPS, registerGapsText } from '../../../electron/domain/register-gaps';
import { call, saveFile } from '../../api';
import { Button, ErrorBanner, Loading, Stat } from '../../components/ui';
import { DepartmentFilter } from '../../components/DepartmentFilter';
import { useCall } from '../../components/useCall';
import { useWords } from '../../components/words';

export function RegistersScreen({ me }: { me: Me }) {
  const w = useWords();
  const [departmentId, setDepartmentId] = useState('');
  const input = { departmentId: departmentId ? Number(departmentId) : undefined };
  const { data, error, loading } = useCall('registers.completeness', input);
  const [problem, setProblem] = useState<unknown>(null);
  const [open, setOpen] = useState<number | null>(null);

  async function download(format: 'pdf' | 'xlsx') {
    setProblem(null);
    try {
      const f = await call('registers.completenessFile', { ...input, format });
      saveFile(f.fileName, f.base64, f.mime);
    } catch (e) {
      setProblem(e);
    }
  }
  const total = data?.groups.reduce((s, g) => s + g.students, 0) ?? 0;
  const complete = data?.groups.reduce((s, g) => s + g.complete, 0) ?? 0;
  return (
    <div className="page">
      <div className="page-head">
        <h1>Полнота реестров</h1>
        <div className="row">
          <Button kind="secondary" onClick={() => void download('pdf')}>
            Печать (PDF)
          </Button>
          <Button kind="secondary" onClick={() => void download('xlsx')}>
            Скачать в Excel
          </Button>
        </div>
      </div>
      <p className="muted">
        Личное дело, дата рождения и адрес каждого обучающегося, законный представитель несовершеннолетнего с телефоном
        или e-mail, приказ о зачислении — в реестрах {w.term('group', 'gen', 'many')}, которые ведут{' '}
        {w.term('curator', 'nom', 'many')}.
      </p>
      <div className="filters">
        <DepartmentFilter me={me} value={departmentId} onChange={setDepartmentId} />
      </div>
      <ErrorBanner error={error ?? problem} />
      {loading && !data ? (
        <Loading />
      ) : (
        data && (
          <>
            <div className="stats">
              <Stat label={w.term('group', 'nom', 'many')} value={data.groups.length} />
              <Stat label="обучающихся в списках" value={total} />
              <Stat label="заполнено полностью" value={complete} tone={complete === total ? 'good' : undefined} />
              <Stat label="с пробелами" value={total - complete} tone={total > complete ? 'bad' : 'good'} />
            </div>
            <p className="muted small">
              {data.yearTitle} учебный год, списки на {ruDate(data.asOf)}. Нажмите на строку, чтобы увидеть, у кого что
              не заполнено.
            </p>
            <div className="grid-scroll">
              <table className="table registers-table" aria-label="Полнота реестров">
                <thead>
                  <tr>
                    <th>{w.Term('group')}</th>
                    <th>{w.Term('curator')}</th>
                    <th className="num">Обучающихся</th>
                    <th className="num">Заполнено</th>
                    {REGISTER_GAPS.map((g) => (
                      <th key={g} className="num" title={REGISTER_GAP_LABELS[g].text}>
                        Нет: {REGISTER_GAP_LABELS[g].short.toLowerCase()}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.groups.map((g) => (
                    <GroupRows key={g.groupId} g={g} open={open === g.groupId} onToggle={setOpen} />
                  ))}
                  {data.groups.length === 0 && (
                    <tr>
                      <td colSpan={4 + REGISTER_GAPS.length} className="muted">
                        Нет {w.term('group', 'gen', 'many')}, реестры которых вы проверяете
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
          </>
        )
      )}
    </div>
  );
}

function GroupRows({ g, open, onToggle }: { g: RegisterGroup; open: boolean; onToggle(id: number | null): void }) {
  const toggle = () => onToggle(open ? null : g.groupId);
  return (
    <>
      <tr
        className="clickable"
        tabIndex={0}
        aria-expanded={open}
        onClick={toggle}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            toggle();
          }
        }}
      >
        <td className="nowrap">{g.groupName}</td>
        <td>{g.curatorName ?? '—'}</td>
        <td className="num">{g.students}</td>
        <td className="num">
          <span className={`tag ${g.complete === g.students ? 'tag-ok' : 'tag-warn'}`}>{g.complete}</span>
        </td>
        {REGISTER_GAPS.map((k) => (
          <td key={k} className="num">
            {g.counts[k] || ''}
          </td>
        ))}
      </tr>
      {open && (
        <tr>
          <td colSpan={4 + REGISTER_GAPS.length}>
            {g.rows.length === 0 ? (
              <span className="muted">Реестр заполнен полностью.</span>
            ) : (
              <ol className="register-gaps" aria-label={`Не заполнено: ${g.groupName}`}>
                {g.rows.map((r) => (
                  <li key={r.studentId}>
                    <strong>{r.name}</strong>: {registerGapsText(r)}
                  </li>
                ))}
              </ol>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
