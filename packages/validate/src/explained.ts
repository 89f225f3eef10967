import { replyAnswering, type Issue } from '@tianbao/form';
import type { Located } from '@tianbao/xlsx/read';
import { clerkText, messagesAt } from './own-notes.ts';

/**
 * A warning asks the clerk to confirm (核实性). One whose cell carries a
 * comment of the clerk's (tianbao's own lines from a marked-up copy are not,
 * see `clerkText`), or whose row's 备注 is filled (`remarked`) where the form
 * has one, has been answered: it is marked explained, unless the warning says what answers it
 * (`Issue.answer`, see `replyAnswering`) and the comment is not that. An error stays an error whatever is written.
 */
export function markExplained(issues: Issue[], loc: Located<unknown>, remarked: ReadonlySet<number>): void {
  const messages = messagesAt(issues);
  for (const issue of issues) {
    if (issue.severity !== 'warning' || !issue.cell || issue.sheet !== loc.sheet) continue;
    const reply = clerkText(loc.notes.get(issue.cell) ?? '', messages(loc.sheet, issue.cell));
    if (reply) issue.reply = reply;
    issue.explained = replyAnswering(reply, issue.answer) !== '' || (issue.row !== null && remarked.has(issue.row));
  }
}

/**
 * A clerk's answer to a warning given beside the workbook rather than in it (the portal's 上报说明):
 * the warning's cell (`E4`, on the sheet judged), its rule, and what the clerk wrote. A warning about the
 * whole file has no cell (null): its message tells it from the others of its rule (8 units missing from a
 * roster are 8 warnings of one rule, each naming its unit).
 */
export interface Explanation {
  cell: string | null;
  rule: string;
  /** The warning's message, for a warning about the whole file. */
  message?: string;
  text: string;
}

/** Which warning an explanation answers, as one key: its cell and rule, or for the whole file its rule and message. */
export const explanationKey = (e: { cell: string | null; rule: string; message?: string }) =>
  e.cell ? `${e.cell}\u0000${e.rule}` : `\u0000${e.rule}\u0000${e.message ?? ''}`;

/**
 * `issues` with each warning that one of `explanations` answers (see `explanationKey`, and `replyAnswering`
 * where the warning says what answers it) explained, the clerk's text as its `explanation`; an error is never
 * explained, whatever is given for it. A copy: `issues` is left as it was.
 */
export function withExplanations<I extends Issue>(issues: readonly I[], explanations: readonly Explanation[]): I[] {
  const texts = new Map(explanations.map((e) => [explanationKey(e), e.text]));
  return issues.map((issue) => {
    const text = issue.severity === 'warning' ? texts.get(explanationKey(issue)) : undefined;
    if (text === undefined) return issue;
    return { ...issue, explained: issue.explained || replyAnswering(text, issue.answer) !== '', explanation: text };
  });
}
