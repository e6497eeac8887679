// The controls above and below a long list: a segmented choice of what to show, and the pager.
import { Button } from './ui';

/** A row of toggle buttons, one pressed: «Ждут решения | Все», the periods of a year. */
export function Segmented<T extends string | number>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: ReadonlyArray<readonly [T, string]>;
  onChange: (value: T) => void;
}) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {options.map(([key, title]) => (
        <button key={key} type="button" aria-pressed={key === value} onClick={() => onChange(key)}>
          {title}
        </button>
      ))}
    </div>
  );
}

/** «51–100 из 1 234», the page number and the two arrows; the words of the arrows say which way time runs. */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
  back = '← Назад',
  forward = 'Вперёд →',
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  back?: string;
  forward?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize + 1;
  return (
    <nav className="pager" aria-label="Страницы">
      <span className="muted">
        {total === 0 ? 'Нет записей' : `${first}–${Math.min(total, page * pageSize)} из ${total}`}
      </span>
      <Button kind="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {back}
      </Button>
      <span>
        Стр. {page} из {pages}
      </span>
      <Button kind="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {forward}
      </Button>
    </nav>
  );
}
