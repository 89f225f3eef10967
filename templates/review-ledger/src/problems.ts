import type { Deadline } from './cells.ts';
import { layout } from './layout.ts';
import type { ReviewLedger } from './schema.ts';

/** A problem as the city's summary lists it. */
export interface ListedProblem {
  unit: string;
  /** The row's label: 案件受理方面, …, 专题检视. */
  item: string;
  /** The row's key, and the problem's place in it. */
  row: keyof ReviewLedger['rows'];
  index: number;
  problem: string;
  measure: string;
  deadline: Deadline | '';
}

/** Every problem of a ledger, row by row, with its measure and its time limit (one for all, or the nth). */
export function problemsOf(unit: string, data: ReviewLedger): ListedProblem[] {
  return layout.rows.flatMap(({ key, label }) => {
    const row = data.rows[key];
    if (!row) return [];
    return row.problems.map((problem, i) => ({
      unit,
      item: label,
      row: key,
      index: i,
      problem,
      measure: row.measures[i] ?? '',
      deadline: (row.deadlines.length === 1 ? row.deadlines[0] : row.deadlines[i]) ?? '',
    }));
  });
}

