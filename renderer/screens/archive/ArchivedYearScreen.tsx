// An archived year, read-only, from the store or from a stick: its groups and journals, a journal
// page as it was kept, and the package's certified PDF copies and other documents.
import { useWords } from '../../components/words';
import { useState } from 'react';
import type { ArchivedJournal, ArchivedJournalPage } from '../../../electron/api/contract';
import { call, saveFile } from '../../api';
import { queryParam } from '../../app/router';
import { Button, Card, ErrorBanner, Loading } from '../../components/ui';
import { useCall, useLatestRequest } from '../../components/useCall';
import { ruDate, ruDateTime } from '../../../electron/domain/format-dates';
import { bytes } from './format';

export function ArchivedYearScreen() {
  const w = useWords();
  const id = queryParam('id');
  const folder = queryParam('path');
  const ref = id ? { archiveId: Number(id) } : { path: folder ?? '' };
  const { data, error, loading } = useCall('archive.open', ref);
  const [page, setPage] = useState<{ journal: ArchivedJournal; group: string; data: ArchivedJournalPage } | null>(null);
  const [pageError, setPageError] = useState<unknown>(null);

  async function download(file: string) {
    setPageError(null);
    try {
      const f = await call('archive.file', { archive: ref, file });
      saveFile(f.fileName, f.base64, f.mime);
    } catch (e) {
      setPageError(e);
    }
  }
  // The journal clicked last is shown, whichever answer comes last.
  const startShow = useLatestRequest();
  async function show(journal: ArchivedJournal, group: string) {
    setPageError(null);
    const isLatest = startShow();
    try {
      const data = await call('archive.journal', { archive: ref, journalId: journal.id });
      if (isLatest()) setPage({ journal, group, data });
    } catch (e) {
      if (isLatest()) setPageError(e);
    }
  }

  if (loading && !data) return <Loading what="Открытие архива" />;
  if (error)
    return (
      <div className="page">
        <h1>Архивный учебный год</h1>
        <ErrorBanner error={error} />
      </div>
    );
  const y = data!;
  return (
    <div className="page">
      <h1>
        Архив {y.yearTitle} учебного года <span className="tag tag-plain">только чтение</span>
      </h1>
      <p className="muted">
        {y.institution} · сформирован {ruDateTime(y.createdAt)}, {y.createdBy} · <code>{y.path}</code>
      </p>
      <div className="row">
        {y.files
          .filter((f) => /\.(pdf|xlsx|txt)$/.test(f.path))
          .map((f) => (
            <Button key={f.path} kind="secondary" onClick={() => download(f.path)}>
              {f.path} ({bytes(f.size)})
            </Button>
          ))}
      </div>
      <ErrorBanner error={pageError} />
      <div className="archive-browse">
        <nav className="archive-groups" aria-label={`${w.Term('group', 'nom', 'many')} и журналы архива`}>
          {y.groups.map((g) => (
            <details key={g.id} open={y.groups.length <= 3}>
              <summary>
                {g.name}{' '}
                <span className="muted small">
                  {w.term('course')} {g.course}
                  {g.curator ? `, ${w.term('curator')} ${g.curator}` : ''}
                </span>
              </summary>
              <ul className="plain">
                {g.journals.map((j) => (
                  <li key={j.id}>
                    <Button
                      kind="link"
                      onClick={() => show(j, g.name)}
                      aria-current={page?.journal.id === j.id ? 'true' : undefined}
                    >
                      {j.subjectName}
                      {j.subgroup ? ` (подгр. ${j.subgroup})` : ''}
                    </Button>
                    <span className="muted small"> · {j.teacher}</span>
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </nav>
        <div className="archive-page">
          {!page ? (
            <p className="muted">Выберите журнал слева.</p>
          ) : (
            <Card
              title={
                `${page.group} · ` +
                `${page.data.subjectName}${page.data.subgroup ? `, подгруппа ${page.data.subgroup}` : ''}`
              }
              actions={
                page.journal.pdf ? (
                  <Button kind="secondary" onClick={() => download(page.journal.pdf!)}>
                    Заверенная копия (PDF)
                  </Button>
                ) : undefined
              }
            >
              <p className="muted small">
                {w.Term('teacher')} {page.data.teacher}. Занятий: {page.data.lessons.length}. Серым — не в списке{' '}
                {w.term('group', 'gen')} в этот день.
              </p>
              <JournalGrid page={page.data} />
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}

function JournalGrid({ page }: { page: ArchivedJournalPage }) {
  return (
    <div className="grid-scroll">
      <table className="table journal-grid" aria-label="Страница журнала (только чтение)">
        <thead>
          <tr>
            <th>№</th>
            <th>Обучающийся</th>
            {page.lessons.map((l, i) => (
              <th key={i} className="vertical" title={l.topic}>
                {ruDate(l.date).slice(0, 5)}
              </th>
            ))}
            {page.finalColumns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page.students.map((s, n) => (
            <tr key={s.id}>
              <td>{n + 1}</td>
              <th scope="row">{s.fullName}</th>
              {s.cells.map((c, i) => (
                <td key={i} className={s.onRoster[i] ? '' : 'off-roster'}>
                  {c}
                </td>
              ))}
              {page.finalColumns.map((c) => (
                <td key={c} className="final">
                  {s.finals[c] ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Темы занятий и домашние задания</h3>
      <table className="table">
        <thead>
          <tr>
            <th>Дата</th>
            <th>Часы</th>
            <th>Тема</th>
            <th>Домашнее задание</th>
          </tr>
        </thead>
        <tbody>
          {page.lessons.map((l, i) => (
            <tr key={i}>
              <td>{ruDate(l.date)}</td>
              <td>{l.hours}</td>
              <td>{l.topic}</td>
              <td>{l.homework ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
