// The mapping step of the Excel import: every column of the file with the field it loads into, and a
// choice («не загружать» included) for each column the program did not recognise or could not decide.
// Those columns are listed first. A change is checked again at once; the mapping is remembered for
// files with the same headers.
import type { ImportReport } from '../../../electron/api/contract';
import type { ColumnHow } from '../../../electron/domain/import-headers';

export type Mapping = Record<string, string | null>;

const SKIP = '';

const HOW: Record<ColumnHow, string> = {
  auto: 'распознан',
  chosen: 'выбрано',
  unknown: 'не распознан — не загружается',
  ambiguous: 'неясно, какое поле, — выберите',
  duplicate: 'поле уже взято другим столбцом',
  skipped: 'не загружается',
  number: 'номер по порядку — не загружается',
};

export function ColumnMapping({
  report,
  mapping,
  disabled,
  onChange,
}: {
  report: ImportReport;
  mapping: Mapping;
  disabled: boolean;
  onChange: (next: Mapping) => void;
}) {
  const label = (key: string) => report.fields.find((f) => f.key === key)?.header ?? key;
  // What the report shows as chosen (also a remembered mapping) stays chosen when one more column changes.
  const current: Mapping = { ...mapping };
  for (const c of report.columns) {
    if (c.how === 'chosen' && !(c.header in current)) current[c.header] = c.field;
    if (c.how === 'skipped' && !(c.header in current)) current[c.header] = null;
  }
  // The columns that are not loaded come first: they are what this step is for.
  const isLost = (c: ImportReport['columns'][number]) => c.field === null && c.how !== 'number';
  const ordered = [...report.columns.filter(isLost), ...report.columns.filter((c) => !isLost(c))];
  const needsChoice = report.columns.filter((c) => c.field === null && c.how !== 'number').length;
  return (
    <section className="column-mapping" aria-labelledby="column-mapping-title">
      <h3 id="column-mapping-title">Сопоставление столбцов</h3>
      <p className="muted">
        {needsChoice > 0
          ? `Столбцов без поля: ${needsChoice}. Выберите, куда загрузить каждый, или оставьте «не загружать».`
          : 'Все столбцы файла загружаются.'}{' '}
        {report.remembered
          ? 'Сопоставление взято из прошлой загрузки файла с такими же заголовками.'
          : 'Выбор запомнится для файлов с такими же заголовками.'}
      </p>
      <div className="problems-scroll">
        <table className="table mapping-table" aria-label="Столбцы файла">
          <thead>
            <tr>
              <th>Столбец файла</th>
              <th>Поле в программе</th>
              <th>Как найдено</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((c) => {
              const lost = isLost(c);
              const value = c.header in mapping ? (mapping[c.header] ?? SKIP) : (c.field ?? SKIP);
              // An ambiguous column offers the fields it may mean first.
              const first = c.how === 'ambiguous' ? c.candidates : [];
              const options = [
                ...report.fields.filter((f) => first.includes(f.key)),
                ...report.fields.filter((f) => !first.includes(f.key)),
              ];
              return (
                <tr key={c.header} className={lost ? 'mapping-lost' : undefined}>
                  <td>{c.header}</td>
                  <td>
                    {c.how === 'number' ? (
                      <span className="muted">—</span>
                    ) : (
                      <select
                        aria-label={`Поле для столбца «${c.header}»`}
                        value={value}
                        disabled={disabled}
                        onChange={(e) => onChange({ ...current, [c.header]: e.target.value || null })}
                      >
                        <option value={SKIP}>не загружать</option>
                        {options.map((f) => (
                          <option key={f.key} value={f.key}>
                            {f.header}
                          </option>
                        ))}
                      </select>
                    )}
                  </td>
                  <td className={lost ? 'mapping-how-lost' : 'muted'}>
                    {c.how === 'duplicate' ? `${HOW.duplicate} («${label(c.candidates[0]!)}»)` : HOW[c.how]}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
