// The period picker of a year's sheets: the current period when the year is the current one, else its first; and
// the year's periods as the picker's options.
import { useState } from 'react';
import type { ReportFilters } from '../../../electron/api/contract';

export function usePeriodChoice(filters: ReportFilters, yearId: number) {
  const year = filters.years.find((y) => y.id === yearId);
  const current = yearId === filters.currentYearId;
  const [periodId, setPeriodId] = useState<number | null>(
    (current ? filters.currentPeriodId : null) ?? year?.periods[0]?.id ?? null,
  );
  const options = (year?.periods ?? []).map((p): [number, string] => [p.id, p.title]);
  return { periodId, setPeriodId, options };
}
