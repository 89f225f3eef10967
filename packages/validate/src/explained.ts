import type { Issue } from '@tianbao/form';
import type { Located } from '@tianbao/xlsx/read';
import { clerkText, messagesAt } from './own-notes.ts';

/**
 * A warning asks the clerk to confirm (核实性). One whose cell carries a
 * comment of the clerk's (tianbao's own lines from a marked-up copy are not,
 * see `clerkText`), or whose row's 备注 is filled (`remarked`) where the form
 * has one, has been answered: it is marked explained. An error stays an error whatever is written.
 */
export function markExplained(issues: Issue[], loc: Located<unknown>, remarked: ReadonlySet<number>): void {
  const messages = messagesAt(issues);
  for (const issue of issues) {
    if (issue.severity !== 'warning' || !issue.cell || issue.sheet !== loc.sheet) continue;
    issue.explained = clerkText(loc.notes.get(issue.cell) ?? '', messages(loc.sheet, issue.cell)) !== '' || (issue.row !== null && remarked.has(issue.row));
  }
}
