import type { Layout } from './model.ts';

/** Neighbouring fixed rows (indexes into `layout.rows`, `first` to `last`) with one text in a merge-down column. */
export interface MergeRun {
  key: string;
  first: number;
  last: number;
}

/**
 * The runs of equal fixed text in each merge-down column (`重点检视` over its
 * four rows), a row on its own a run of one: the workbook merges each longer
 * run, the print sets its text once, in the middle.
 */
export function mergeRuns(layout: Layout): MergeRun[] {
  const rows = layout.rows ?? [];
  const out: MergeRun[] = [];
  for (const key of layout.mergeDown ?? []) {
    let first = 0;
    for (let i = 1; i <= rows.length; i++) {
      if (i < rows.length && rows[i]!.fixed[key] === rows[first]!.fixed[key]) continue;
      out.push({ key, first, last: i - 1 });
      first = i;
    }
  }
  return out;
}
