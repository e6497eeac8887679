// A table whose rows are edited in place, for entering a whole college from the keyboard: type,
// Tab to the next cell, Enter saves the row, Escape puts it back. The last row adds a new record
// and keeps the focus there for the next one. The server's errors appear under the row, and the
// cells it names are marked.
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { ApiError } from '../../api';

export type Draft = Record<string, string>;

export interface InlineColumn<D extends Draft> {
  key: keyof D & string;
  label: string;
  kind?: 'text' | 'number' | 'select' | 'date';
  options?: Array<{ value: string; label: string }>;
  width?: string;
  placeholder?: string;
  /** Shown as text in existing rows (e.g. what may not change after creation). */
  fixed?: boolean;
}

interface Props<R extends { id: number }, D extends Draft> {
  label: string;
  rows: R[];
  columns: Array<InlineColumn<D>>;
  draftOf: (row: R) => D;
  blank: D;
  /** Words naming the row for screen readers and tests: «ЭС-11». */
  rowName: (draft: D) => string;
  onSave: (draft: D, row: R | null) => Promise<void>;
  onRemove?: (row: R) => Promise<void>;
  /** Extra cells at the end of a saved row (links, counts). */
  extra?: (row: R) => ReactNode;
  extraHead?: ReactNode;
  addLabel?: string;
  readOnly?: boolean;
}

export function InlineTable<R extends { id: number }, D extends Draft>(p: Props<R, D>) {
  return (
    <table className="table inline-table" aria-label={p.label}>
      <thead>
        <tr>
          {p.columns.map((c) => (
            <th key={c.key} style={c.width ? { width: c.width } : undefined}>
              {c.label}
            </th>
          ))}
          {p.extraHead !== undefined && <th>{p.extraHead}</th>}
          {!p.readOnly && <th className="actions-col" aria-label="Действия" />}
        </tr>
      </thead>
      <tbody>
        {p.rows.map((row) => (
          <EditRow key={row.id} {...p} row={row} initial={p.draftOf(row)} />
        ))}
        {!p.readOnly && <EditRow key="new" {...p} row={null} initial={p.blank} />}
      </tbody>
    </table>
  );
}

function EditRow<R extends { id: number }, D extends Draft>(p: Props<R, D> & { row: R | null; initial: D }) {
  const [draft, setDraft] = useState<D>(p.initial);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement & HTMLSelectElement>(null);
  const initialKey = JSON.stringify(p.initial);
  useEffect(() => {
    setDraft(JSON.parse(initialKey) as D);
    setError(null);
  }, [initialKey]);
  const dirty = JSON.stringify(draft) !== initialKey;
  const isNew = p.row === null;
  const fields = error instanceof ApiError ? error.fields : {};
  const name = isNew ? 'новая строка' : p.rowName(p.initial);

  async function save() {
    if (!dirty || busy) return;
    setBusy(true);
    try {
      await p.onSave(draft, p.row);
      setError(null);
      if (isNew) {
        setDraft(p.blank);
        setTimeout(() => first.current?.focus(), 0);
      }
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }
  function onKey(e: KeyboardEvent) {
    if (e.key === 'Enter') {
      e.preventDefault();
      void save();
    }
    if (e.key === 'Escape' && dirty) {
      e.preventDefault();
      e.stopPropagation();
      setDraft(JSON.parse(initialKey) as D);
      setError(null);
    }
  }
  const set = (key: string, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const width = p.columns.length + (p.extraHead !== undefined ? 1 : 0) + 1;

  return (
    <>
      <tr
        className={`${isNew ? 'row-new' : ''} ${dirty ? 'row-dirty' : ''} ${error ? 'row-invalid' : ''}`}
        onKeyDown={onKey}
      >
        {p.columns.map((c, i) => {
          const invalid = Boolean(fields[c.key]);
          const common = {
            'aria-label': `${c.label}, ${name}`,
            'aria-invalid': invalid || undefined,
            className: invalid ? 'cell-invalid' : undefined,
            disabled: p.readOnly || busy,
            ref: i === 0 ? first : undefined,
          };
          if (c.fixed && !isNew)
            return <td key={c.key}>{c.options?.find((o) => o.value === draft[c.key])?.label ?? draft[c.key]}</td>;
          return (
            <td key={c.key}>
              {c.kind === 'select' ? (
                <select {...common} value={draft[c.key]} onChange={(e) => set(c.key, e.target.value)}>
                  {c.options!.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...common}
                  type={c.kind === 'number' ? 'number' : c.kind === 'date' ? 'date' : 'text'}
                  value={draft[c.key]}
                  placeholder={c.placeholder}
                  onChange={(e) => set(c.key, e.target.value)}
                />
              )}
            </td>
          );
        })}
        {p.extraHead !== undefined && <td>{p.row ? p.extra?.(p.row) : null}</td>}
        {!p.readOnly && (
          <td className="actions-col nowrap">
            {dirty && (
              <button type="button" className="btn btn-primary btn-small" onClick={() => void save()} disabled={busy}>
                {isNew ? (p.addLabel ?? 'Добавить') : 'Сохранить'}
              </button>
            )}
            {dirty && !isNew && (
              <button
                type="button"
                className="btn btn-link"
                onClick={() => {
                  setDraft(JSON.parse(initialKey) as D);
                  setError(null);
                }}
              >
                отменить
              </button>
            )}
            {!dirty && p.row && p.onRemove && (
              <button
                type="button"
                className="btn btn-link btn-danger-link"
                aria-label={`Удалить ${name}`}
                onClick={async () => {
                  if (!window.confirm(`Удалить «${name}»?`)) return;
                  try {
                    await p.onRemove!(p.row!);
                  } catch (e) {
                    setError(e as Error);
                  }
                }}
              >
                удалить
              </button>
            )}
          </td>
        )}
      </tr>
      {error && (
        <tr className="row-error">
          <td colSpan={width}>
            <span role="alert">{error.message}</span>
          </td>
        </tr>
      )}
    </>
  );
}
