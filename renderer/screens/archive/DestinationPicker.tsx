// Where the copy goes: a removable drive from the list, any folder chosen by browsing, or none
// (the store by years only). Shows the free space of what is chosen.
import { useEffect, useRef, useState } from 'react';
import { useLatestRequest } from '../../components/useCall';
import type { Drive, FolderListing } from '../../../electron/api/contract';
import { call } from '../../api';
import { Button, ErrorBanner, Loading } from '../../components/ui';
import { bytes } from './format';

export interface Destination {
  path: string;
  freeBytes: number | null;
  label: string;
}

export function DestinationPicker({
  value,
  onChange,
  needBytes,
}: {
  value: Destination | null;
  onChange: (d: Destination | null) => void;
  /** The size of the store copy, when known: warns before starting if the drive is too small. */
  needBytes: number | null;
}) {
  const [drives, setDrives] = useState<Drive[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [browsing, setBrowsing] = useState(false);

  async function refresh() {
    setError(null);
    try {
      setDrives(await call('archive.drives', {}));
    } catch (e) {
      setError(e);
    }
  }
  useEffect(() => {
    void refresh();
  }, []);

  const short = value && needBytes !== null && value.freeBytes !== null && value.freeBytes < needBytes;
  return (
    <div className="destination">
      <fieldset className="drives">
        <legend>Куда записать копию</legend>
        <label className="drive">
          <input type="radio" name="destination" checked={value === null} onChange={() => onChange(null)} />
          <span>
            <strong>Только в хранилище по учебным годам</strong>
            <span className="muted small"> — без копии на носитель</span>
          </span>
        </label>
        {drives === null && !error && <Loading what="Поиск съёмных носителей" />}
        {drives?.length === 0 && (
          <p className="muted small">
            Съёмные носители не найдены. Вставьте флешку и нажмите «Обновить» — или выберите любую папку.
          </p>
        )}
        {drives?.map((d) => (
          <label key={d.path} className="drive">
            <input
              type="radio"
              name="destination"
              checked={value?.path === d.path}
              onChange={() => onChange({ path: d.path, freeBytes: d.freeBytes, label: d.label })}
            />
            <span>
              <strong>{d.label}</strong>{' '}
              <span className="muted small">
                {d.path}
                {d.fsType ? ` · ${d.fsType}` : ''} · свободно {bytes(d.freeBytes)}
                {d.totalBytes ? ` из ${bytes(d.totalBytes)}` : ''}
              </span>
            </span>
          </label>
        ))}
        {value && !drives?.some((d) => d.path === value.path) && (
          <label className="drive">
            <input type="radio" name="destination" checked onChange={() => undefined} />
            <span>
              <strong>Папка</strong>{' '}
              <span className="muted small">
                {value.path} · свободно {bytes(value.freeBytes)}
              </span>
            </span>
          </label>
        )}
        <div className="row">
          <Button kind="secondary" onClick={refresh}>
            Обновить список носителей
          </Button>
          <Button kind="secondary" onClick={() => setBrowsing((b) => !b)} aria-expanded={browsing}>
            Выбрать другую папку…
          </Button>
        </div>
        {short && (
          <div className="banner banner-warn" role="status">
            На носителе свободно {bytes(value.freeBytes)}, а архив занимает около {bytes(needBytes)}: места не хватит.
          </div>
        )}
      </fieldset>
      <ErrorBanner error={error} />
      {browsing && (
        <FolderBrowser
          start={value?.path}
          onPick={(l) => {
            onChange({ path: l.path, freeBytes: l.freeBytes, label: l.path });
            setBrowsing(false);
          }}
        />
      )}
    </div>
  );
}

function FolderBrowser({ start, onPick }: { start?: string; onPick: (l: FolderListing) => void }) {
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<unknown>(null);
  // What the user typed while a listing was on its way is kept: the answer must not overwrite it.
  const edits = useRef(0);

  // The folder opened last is listed, whichever answer comes last.
  const startOpen = useLatestRequest();
  async function open(path?: string) {
    setError(null);
    const seen = edits.current;
    const isLatest = startOpen();
    try {
      const l = await call('archive.folders', path ? { path } : {});
      if (!isLatest()) return;
      setListing(l);
      if (edits.current === seen) setTyped(l.path);
    } catch (e) {
      if (isLatest()) setError(e);
    }
  }
  useEffect(() => {
    void open(start);
  }, [start]);

  return (
    <section className="folder-browser" aria-label="Выбор папки">
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void open(typed);
        }}
      >
        <label className="grow">
          <span className="sr-only">Путь к папке</span>
          <input
            type="text"
            aria-label="Путь к папке"
            value={typed}
            onChange={(e) => {
              edits.current++;
              setTyped(e.target.value);
            }}
            className="grow"
          />
        </label>
        <Button type="submit" kind="secondary">
          Перейти
        </Button>
      </form>
      <ErrorBanner error={error} />
      {listing && (
        <>
          <div className="row small muted">
            {listing.places.map((p) => (
              <Button key={p.path} kind="link" onClick={() => open(p.path)}>
                {p.label}
              </Button>
            ))}
          </div>
          <ul className="folders" aria-label="Папки">
            {listing.parent && (
              <li>
                <Button kind="link" onClick={() => open(listing.parent!)}>
                  ↑ На уровень выше
                </Button>
              </li>
            )}
            {listing.folders.map((f) => (
              <li key={f.path}>
                <Button kind="link" onClick={() => open(f.path)}>
                  📁 {f.name}
                </Button>
              </li>
            ))}
            {listing.folders.length === 0 && <li className="muted small">Вложенных папок нет</li>}
          </ul>
          <div className="row">
            <span className="muted small">
              {listing.path} · свободно {bytes(listing.freeBytes)}
              {listing.writable ? '' : ' · нет прав на запись'}
            </span>
            <Button onClick={() => onPick(listing)} disabled={!listing.writable}>
              Записать сюда
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
