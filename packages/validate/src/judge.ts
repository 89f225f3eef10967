import type { Issue } from '@tianbao/form';
import { markExplained } from './explained.ts';
import type { Judged, Read } from './submission.ts';
import { markErrorValues, markUncached } from './formula-cells.ts';
import { judgeWhole } from './whole.ts';

/**
 * The fourth stage: the form's rules on what was read, a list judged entry by
 * entry finished, a form judged whole judged now; errors on formulas saved
 * with no result, and on cells showing an error value, said so, warnings the
 * clerk explained marked, the issues in reading order.
 */
export function judge(s: Read): Judged {
  const { def, byEntry, loc, read, found } = s;
  const fieldCell = (key: string) => s.headCell(key) ?? read.cellOf([key]);
  // Reported already in its own words: the unit when the title names none on the list, a labelled field whose row is missing.
  const told = (key: PropertyKey) => (key === 'unit' && s.unit === null) || loc.fields[String(key)] === null;
  const data = byEntry ? byEntry.finish(read.take(), fieldCell, told) : judgeWhole(def, read, s.formHead, s.ctx, found, fieldCell, told);
  markUncached(found.issues, loc.uncached, loc.sheet);
  markErrorValues(found.issues, loc.errorValues, loc.sheet);
  markExplained(found.issues, loc, s.reader.remarked);
  found.issues.sort(byPlace);
  return { ...s, data };
}

/** Whole-file findings first, then in reading order: row by row, left to right. */
function byPlace(a: Issue, b: Issue): number {
  return (a.row ?? 0) - (b.row ?? 0) || (a.column ?? '').length - (b.column ?? '').length || (a.column ?? '').localeCompare(b.column ?? '');
}
