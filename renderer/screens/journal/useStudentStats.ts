// Each student's weighted average and suggested final mark, for the grid's right-hand columns.
import { useMemo } from 'react';
import type { JournalPage } from '../../../electron/api/contract';
import type { GridModel } from './model';
import type { JournalState } from './useJournal';
import { suggestFinal, weightedAverage } from '../../../electron/domain/average';

export interface StudentStats {
  average: number | null;
  suggestion: string | null;
}

/** Weighted averages and suggested final marks, recomputed only when a cell changes: one pass over
 *  the marks, not over every row × column. */
export function useStudentStats(
  state: JournalState,
  pages: JournalPage[],
  model: GridModel,
): Map<number, StudentStats> {
  return useMemo(() => {
    const scale = pages[0]?.scale ?? [];
    const weight = new Map<number, number>();
    for (const col of model.lessonColumns) if (col.kind === 'work') weight.set(col.work.id, col.work.weight);
    const perStudent = new Map<number, Array<{ value: string; weight: number }>>();
    for (const m of state.maps.marks.values()) {
      const w = weight.get(m.columnId);
      if (w === undefined) continue;
      let list = perStudent.get(m.studentId);
      if (!list) {
        list = [];
        perStudent.set(m.studentId, list);
      }
      list.push({ value: m.value, weight: w });
    }
    const stats = new Map<number, StudentStats>();
    for (const row of model.rows) {
      const marks = perStudent.get(row.student.id) ?? [];
      stats.set(row.student.id, { average: weightedAverage(marks), suggestion: suggestFinal(marks, scale) });
    }
    return stats;
    // state.rev: the maps are mutated in place and rev says when.
  }, [state.rev, state.maps, pages, model]);
}
