// The register of issued copies (issue 15, part 6): number, date, what, to whom, who certified — newest first, and
// in Excel. Shown under the copy form to those who certify copies (the secretary keeps it too).
import type { IssuedCopyInfo } from '../../../electron/api/contract';
import { ruDateTime } from '../../../electron/domain/format-dates';
import { call, saveFile } from '../../api';
import { Button, ErrorBanner } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { useState } from 'react';

export function IssuedCopies({ yearId }: { yearId: number | null }) {
  const input = yearId ? { yearId } : {};
  const { data, error } = useCall('copies.list', input);
  const [problem, setProblem] = useState<unknown>(null);
  async function xlsx() {
    try {
      const f = await call('copies.xlsx', input);
      saveFile(f.fileName, f.base64, f.mime);
    } catch (e) {
      setProblem(e);
    }
  }
  return (
    <section className="issued-copies" aria-label="Реестр выданных копий">
      <div className="row">
        <h3>Реестр выданных копий</h3>
        <Button kind="secondary" onClick={() => void xlsx()} disabled={!data?.length}>
          Реестр в Excel
        </Button>
      </div>
      <ErrorBanner error={error ?? problem} />
      {data && data.length === 0 && <p className="muted">В этом учебном году копии ещё не выдавались.</p>}
      {data && data.length > 0 && <CopiesTable rows={data} />}
    </section>
  );
}

function CopiesTable({ rows }: { rows: IssuedCopyInfo[] }) {
  return (
    <table className="table" aria-label="Выданные копии">
      <thead>
        <tr>
          <th className="num">№</th>
          <th>Выдана</th>
          <th>Что</th>
          <th>Кому</th>
          <th>Заверил(а)</th>
          <th className="num">Листов</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td className="num">{r.number}</td>
            <td className="nowrap">{ruDateTime(r.issuedAt)}</td>
            <td>{r.what}</td>
            <td>{r.recipient}</td>
            <td>{r.certifiedBy}</td>
            <td className="num">{r.pages}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
