import type { Issue } from '@tianbao/form';
import { markExplained } from './explained.ts';
import type { Judged, Read } from './submission.ts';
import { markUncached } from './uncached.ts';
import { judgeWhole } from './whole.ts';

/**
 * The fourth stage: the form's rules on what was read, a list judged entry by
 * entry finished, a form judged whole judged now; errors on formulas saved
 * with no result said so, warnings the clerk explained marked, the issues in
 * reading order.
 */
export function judge(s: Read): Judged {
  const { def, byEntry, loc, read, found } = s;
  const data = byEntry
    ? byEntry.finish(read.take(), s.headCell)
    : judgeWhole(def, loc, read, s.formHead, s.ctx, found, s.headCell);
  markUncached(found.issues, loc.uncached, loc.sheet);
  markExplained(found.issues, loc, s.reader.remarked);
  found.issues.sort(byPlace);
  return { ...s, data };
}

/** Whole-file findings first, then in reading order: row by row, left to right. */
function byPlace(a: Issue, b: Issue): number {
  return (a.row ?? 0) - (b.row ?? 0) || (a.column ?? '').length - (b.column ?? '').length || (a.column ?? '').localeCompare(b.column ?? '');
}
