// A unit's explanations of the warnings of its submissions (上报说明): kept, never overwritten, shown in its
// report and marked-up copy, and offered again on its next upload.
import { randomUUID } from 'node:crypto';
import { explanationKey, withExplanations, type Explanation } from '@tianbao/validate';
import type { Kysely } from 'kysely';
import { invisibleIn } from '@tianbao/form';
import { now, type Account, type Database, type SubmissionRow } from '@tianbao/store';
import { HttpRefusal } from './errors.ts';
import type { UploadReport } from './upload-check.ts';

/** An explanation as kept: who gave it, and when. */
export interface KeptExplanation extends Explanation {
  userId: string;
  createdAt: string;
}

/** An issue as the portal shows it: for a warning not yet explained, the text the unit gave the same warning last time. */
export type ShownIssue = UploadReport['issues'][number] & { offered?: string };
export type ShownReport = Omit<UploadReport, 'issues'> & { issues: ShownIssue[] };

/** An explanation as a row keeps it: a warning about the whole file with the cell '' and its message. */
interface Kept {
  cell: string;
  rule: string;
  message: string | null;
  text: string;
}

/** A kept row as an explanation: for a warning about the whole file, the cell null and the message given. */
const asExplanation = <R extends Kept>({ cell, message, ...rest }: R) => ({ ...rest, cell: cell || null, ...(!cell && { message: message ?? '' }) });

/** Rows in the order given, for each warning the last: a newer explanation supersedes an older one, both kept. */
function latest<R extends Kept>(rows: readonly R[]) {
  return [...new Map(rows.map(asExplanation).map((e) => [explanationKey(e), e])).values()];
}

/**
 * The explanations of a submission as they stand: for each warning the latest given, in the order
 * first given. What `annotate` (in the child, through `checkAndAnnotateFiles`' `explanations`) shows as
 * comments: `checkAndAnnotateFiles([file], [copy], options, batch, [await explanationsOf(db, id)])`.
 */
export async function explanationsOf(db: Kysely<Database>, submissionId: string): Promise<KeptExplanation[]> {
  const rows = await db
    .selectFrom('explanations')
    .select(['cell', 'rule', 'message', 'text', 'user_id as userId', 'created_at as createdAt'])
    .where('submission_id', '=', submissionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return latest(rows);
}

/** The explanations of every submission of a task, as `explanationsOf` gives each. */
export async function explanationsOfTask(db: Kysely<Database>, taskId: string): Promise<Map<string, Explanation[]>> {
  const rows = await db
    .selectFrom('explanations')
    .innerJoin('submissions', 'submissions.id', 'explanations.submission_id')
    .select(['explanations.submission_id as submission', 'explanations.cell', 'explanations.rule', 'explanations.message', 'explanations.text'])
    .where('submissions.task_id', '=', taskId)
    .orderBy('explanations.created_at')
    .orderBy('explanations.id')
    .execute();
  const bySubmission = new Map<string, typeof rows>();
  for (const r of rows) bySubmission.set(r.submission, [...(bySubmission.get(r.submission) ?? []), r]);
  return new Map([...bySubmission].map(([id, rs]) => [id, latest(rs).map(({ submission: _, ...e }) => e)]));
}

type Judged = Pick<SubmissionRow, 'id' | 'task_id' | 'unit' | 'received_at' | 'report'>;

/**
 * A submission's report as the portal shows it: the warnings its unit explained `explained`, with their
 * text as `explanation`; each warning not explained that the unit explained (the same cell and rule, or for
 * the whole file the same rule and message, see `explanationKey`) in an
 * earlier upload to the task carries that text as `offered`, for the clerk to confirm or change (it explains
 * nothing until given again), when `offer`: shown to the submission's own unit only, as the texts are drafts.
 * Null until the submission is judged.
 */
export async function shownReport(db: Kysely<Database>, row: Judged, offer: boolean): Promise<ShownReport | null> {
  if (row.report === null) return null;
  const report = JSON.parse(row.report) as UploadReport;
  const issues: ShownIssue[] = withExplanations(report.issues, await explanationsOf(db, row.id));
  if (!offer || !issues.some((i) => i.severity === 'warning' && !i.explained)) return { ...report, issues };
  const earlier = await db
    .selectFrom('explanations')
    .innerJoin('submissions', 'submissions.id', 'explanations.submission_id')
    .select(['explanations.cell', 'explanations.rule', 'explanations.message', 'explanations.text'])
    .where('submissions.task_id', '=', row.task_id)
    .where('submissions.unit', '=', row.unit)
    .where('submissions.received_at', '<', row.received_at)
    .orderBy('submissions.received_at')
    .orderBy('explanations.created_at')
    .orderBy('explanations.id')
    .execute();
  const offered = new Map(latest(earlier).map((e) => [explanationKey(e), e.text]));
  return {
    ...report,
    issues: issues.map((i) => {
      const text = i.severity === 'warning' && !i.explained ? offered.get(explanationKey(i)) : undefined;
      return text === undefined ? i : { ...i, offered: text };
    }),
  };
}

/** The longest explanation kept, in characters. */
export const EXPLANATION_CHARS = 2000;

/** A cell as a report names it (`E4`), written as a clerk may type it: `e4`, `$E$4`, ` E4 `, full-width `ｅ４`. */
const cellRef = (cell: string) => cell.normalize('NFKC').trim().replaceAll('$', '').toUpperCase();

/**
 * Keep `given` as the explanations of warnings of the submission `row` by `account`, the clerk of its unit:
 * each must name a warning of its report (cell, however written, and rule; for one about the whole file, cell
 * null, rule and message); an error cannot be explained. All or none are kept.
 */
export async function explain(db: Kysely<Database>, row: Judged, account: Account, given: readonly Explanation[]): Promise<void> {
  if (row.report === null) throw new HttpRefusal(409, 'submission.unjudged', '这份报送还在检查中，请检查完后再说明');
  const explanations = given.map((e) => (e.cell ? { ...e, cell: cellRef(e.cell) } : e));
  const issues = (JSON.parse(row.report) as UploadReport).issues;
  const seen = new Set<string>();
  for (const e of explanations) {
    const at = e.cell ? `${e.cell}（${e.rule}）` : `整个文件的提示「${e.message ?? ''}」（${e.rule}）`;
    const found = issues.filter((i) => explanationKey(i) === explanationKey(e));
    if (found.some((i) => i.severity === 'error'))
      throw new HttpRefusal(400, 'explanation.error', `${at}是错误，不能以说明代替：请改正表格后重新上传`);
    if (!found.length)
      throw new HttpRefusal(400, 'explanation.not-a-warning', e.cell ? `这份报送在 ${at}没有这条提示，无需说明。请核对单元格和规则` : `这份报送没有${at}，无需说明。请核对规则和提示原文`);
    if (!e.text.trim()) throw new HttpRefusal(400, 'explanation.empty', `${at}的说明是空的：请写明核实的情况或理由`);
    // Line breaks from the box are kept; any other character that cannot be seen could hide or forge what the city reads.
    const bad = invisibleIn(e.text.replace(/\r?\n/g, ''));
    if (bad)
      throw new HttpRefusal(400, 'explanation.invisible', `${at}的说明中有看不见的字符（${bad}，如控制字符、零宽空格或文字方向符）：请删去后重新填写`);
    if (seen.has(explanationKey(e))) throw new HttpRefusal(400, 'explanation.duplicate', `${at}的说明写了两次：每条提示写一条说明`);
    seen.add(explanationKey(e));
  }
  const givenAt = now();
  await db
    .insertInto('explanations')
    .values(
      explanations.map((e) => ({
        id: randomUUID(),
        submission_id: row.id,
        cell: e.cell ?? '',
        rule: e.rule,
        message: e.cell ? null : (e.message ?? ''),
        text: e.text.trim(),
        user_id: account.id,
        created_at: givenAt,
      })),
    )
    .execute();
}
