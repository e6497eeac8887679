// The bound journal of a group for the year (issue 15, part 6): title page, contents, the numbered pages of every
// journal of the group with final marks, and the closing sheet the director signs — to print, lace and seal.
import { useState } from 'react';
import type { ReportFilters } from '../../../electron/api/contract';
import { Button, ErrorBanner } from '../../components/ui';
import { useWords } from '../../components/words';
import { Select } from './Select';
import { JobProgress, useReportJob } from './useReportJob';

export function BoundJournalForm({ filters }: { filters: ReportFilters }) {
  const w = useWords();
  const [groupId, setGroupId] = useState<number | null>(null);
  const { job, error, cancel, download } = useReportJob();
  return (
    <form
      className="copy-form"
      aria-label={`Журнал ${w.term('group', 'gen')} за год`}
      onSubmit={(e) => {
        e.preventDefault();
        if (groupId) void download({ report: 'boundJournal', groupId });
      }}
    >
      <h3>Журнал {w.term('group', 'gen')} за учебный год — для прошивки</h3>
      <p className="muted">
        Титульный лист, содержание, пронумерованные страницы всех журналов {w.term('group', 'gen')} с итоговыми
        отметками и заверительный лист «Прошнуровано, пронумеровано и скреплено печатью» с подписью директора.
      </p>
      <div className="report-filters">
        <Select
          label={w.Term('group')}
          value={groupId}
          empty="— выберите —"
          options={filters.groups.map((g) => [g.id, g.name])}
          onChange={setGroupId}
        />
      </div>
      <Button type="submit" disabled={!groupId || !!job}>
        Сформировать журнал {w.term('group', 'gen')} (PDF)
      </Button>
      <JobProgress job={job} onCancel={cancel} />
      <ErrorBanner error={error} />
    </form>
  );
}
