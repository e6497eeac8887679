// Pick a journal or a student by typing part of its title or name (there are hundreds of each).
import { useWords } from '../../components/words';
import { useEffect, useState } from 'react';
import type { LookupItem } from '../../../electron/api/contract';
import { call } from '../../api';

export type Picked = LookupItem;

export function Lookup({
  kind,
  label,
  value,
  onChange,
}: {
  kind: 'journal' | 'student';
  label: string;
  value: Picked | null;
  onChange: (v: Picked | null) => void;
}) {
  const w = useWords();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<LookupItem[]>([]);
  useEffect(() => {
    if (query.trim().length < 2) {
      setFound([]);
      return;
    }
    // A later query (or a cleared box) makes this one's answer stale, even once it has been sent.
    let stale = false;
    const t = setTimeout(() => {
      call('audit.lookup', { kind, query }).then(
        (items) => {
          if (!stale) setFound(items);
        },
        () => {
          if (!stale) setFound([]);
        },
      );
    }, 250);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [kind, query]);

  if (value) {
    return (
      <div className="filter">
        <span>{label}</span>
        <span className="picked">
          {value.label}
          <button
            type="button"
            className="btn btn-link"
            aria-label={`Убрать отбор: ${label}`}
            onClick={() => onChange(null)}
          >
            ×
          </button>
        </span>
      </div>
    );
  }
  return (
    <div className="filter lookup">
      <label>
        {label}
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={kind === 'journal' ? `${w.term('group')} или ${w.term('subject')}` : 'фамилия'}
        />
      </label>
      {found.length > 0 && (
        <ul className="lookup-list" role="listbox" aria-label={`Найдено: ${label}`}>
          {found.map((f) => (
            <li key={f.id} role="option" aria-selected={false}>
              <button
                type="button"
                onClick={() => {
                  onChange(f);
                  setQuery('');
                  setFound([]);
                }}
              >
                {f.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
