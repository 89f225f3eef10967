import { formatDateCn, formatPeriodCn, monthBefore, replyAnswering, textKey, type Answering, type Finding, type Issue } from '@tianbao/form';
import { distance } from 'fastest-levenshtein';
import { catalogue } from './catalogue.ts';
import { problemsOf, type ListedProblem } from './problems.ts';
import type { LedgerRow, ReviewLedger } from './schema.ts';

const { warning } = catalogue;

/**
 * Two problems of one row, a month apart, are one problem carried over when
 * their texts, normalised, are at least this similar: 1 − edit distance ÷
 * the longer length (a clause added or cut, a word changed, still match).
 */
export const SAME_PROBLEM = 0.6;

/** Text as compared across months: no spaces or punctuation, half-width letters and digits. */
const normalised = (text: string) => textKey(text).replace(/[\p{P}\p{S}\s]/gu, '');

export function similarity(a: string, b: string): number {
  const [x, y] = [normalised(a), normalised(b)];
  if (x === y) return 1;
  return 1 - distance(x, y) / Math.max(x.length, y.length);
}

/** A problem a ledger no longer listed without a word on it: `listed`, the month of the last ledger that did ('' when it gave none). */
export interface UnansweredProblem extends ListedProblem {
  listed: string;
}

type RowKey = keyof ReviewLedger['rows'];

/**
 * A month's ledger as the next is compared with it: its problems, those of the ledger before it that it
 * no longer lists and said nothing of (不见实效不予销号: a problem leaves the ledger only with a word on how),
 * and the comment each row's 存在问题 cell had in answer to a warning (a copy of the file keeps it: it is no answer next month).
 */
export type ComparedLedger = ReviewLedger & { unanswered?: UnansweredProblem[]; comments?: Partial<Record<RowKey, string>> };

/** A problem of last month's ledger, and this month's that carries it on, or null when it is no longer listed. */
export interface CarriedProblem {
  before: ListedProblem | UnansweredProblem;
  after: ListedProblem | null;
}

/** Last month's problems (and those it left unanswered) matched to this month's, within their rows, the most similar pairs first. */
export function matchProblems(previous: ComparedLedger, now: ReviewLedger): CarriedProblem[] {
  const before = [...problemsOf(previous.unit, previous), ...(previous.unanswered ?? [])];
  const after = problemsOf(now.unit, now);
  const pairs: [number, number, number][] = [];
  before.forEach((b, i) =>
    after.forEach((a, j) => {
      if (a.row !== b.row) return;
      const s = similarity(b.problem, a.problem);
      if (s >= SAME_PROBLEM) pairs.push([i, j, s]);
    }),
  );
  pairs.sort((p, q) => q[2] - p[2] || p[0] - q[0] || p[1] - q[1]);
  const matched = new Map<number, number>();
  const taken = new Set<number>();
  for (const [i, j] of pairs) {
    if (matched.has(i) || taken.has(j)) continue;
    matched.set(i, j);
    taken.add(j);
  }
  return before.map((b, i) => ({ before: b, after: matched.has(i) ? after[matched.get(i)!]! : null }));
}

const isDate = (d: string) => /^\d{4}-/.test(d);

const isUnanswered = (p: CarriedProblem['before']): p is UnansweredProblem => 'listed' in p;
/** The month that last listed a problem, as a message names it; a ledger that gave none, 此前. */
const monthOf = (p: UnansweredProblem) => (p.listed ? formatPeriodCn(p.listed) : '此前');

/** How a message names the ledger `now` is compared with: 上月, or its month when it is an earlier one (a month between not given). */
function comparedMonth(previous: ReviewLedger, now: ReviewLedger): string {
  return previous.period && now.period && previous.period !== monthBefore(now.period) ? formatPeriodCn(previous.period) : '上月';
}

/**
 * Last month's problems (and those it left unanswered) that `now` no longer lists, each with what answers it:
 * not the comment its cell had last month, and its own item of the reply where its row drops several.
 */
function droppedOf(previous: ComparedLedger, matches: readonly CarriedProblem[]): { problem: CarriedProblem['before']; answer: Answering }[] {
  const gone = matches.flatMap(({ before, after }) => (after ? [] : [before]));
  return gone.map((problem) => {
    const row = gone.filter((q) => q.row === problem.row);
    const stale = previous.comments?.[problem.row];
    return { problem, answer: { ...(stale && { stale }), ...(row.length > 1 && { nth: row.indexOf(problem), of: row.length }) } };
  });
}

/**
 * The warning on a problem of `previous` that `now` no longer lists (`of` of its row's): the words the compile
 * looks for, to find the clerk's answer; what counts as one is told where it would not.
 */
export function droppedMessage(p: CarriedProblem['before'], previous: ComparedLedger, now: ReviewLedger, of = 1): string {
  const what = isUnanswered(p)
    ? `${monthOf(p)}台账${p.item}列出的问题「${p.problem}」此后未再列出，也未说明整改情况`
    : `${comparedMonth(previous, now)}台账${p.item}列出的问题「${p.problem}」本月未再列出`;
  const several = of > 1 ? `；此格有${of}个问题未再列出，请逐条写明（1.… 2.…，按问题的顺序）` : '';
  const stale = previous.comments?.[p.row] ? '；上月此格已有的批注不算本月的说明，请写明本月的整改情况' : '';
  return `${what}：已整改的，请在此格的批注中写明整改情况（对账销号）；未整改的，请继续列入台账${several}${stale}`;
}

/** A problem no longer listed, the clerk's answer to the warning on it ('' when none counts), and the comment on its cell. */
export interface DroppedProblem {
  problem: CarriedProblem['before'];
  answer: string;
  comment?: string;
}

/**
 * Last month's problems `now` no longer lists, each with the clerk's answer (对账销号): what answers its warning
 * (see `droppedOf`, `replyAnswering`) of the comment on its cell, else of the portal's explanation.
 */
export function droppedProblems(previous: ComparedLedger, now: ReviewLedger, issues: readonly Issue[]): DroppedProblem[] {
  return droppedOf(previous, matchProblems(previous, now)).map(({ problem, answer }) => {
    const warned = issues.find((i) => i.rule === 'ledger.carry.dropped' && i.message === droppedMessage(problem, previous, now, answer.of));
    const comment = warned?.reply;
    const answered = replyAnswering(comment ?? '', answer) || replyAnswering(warned?.explanation ?? '', answer);
    return { problem, answer: answered, ...(comment && { comment }) };
  });
}

/** This month's ledger against last month's: a problem dropped without a word, a time limit moved later. */
export function carryFindings(previous: ComparedLedger, now: ReviewLedger): Finding[] {
  const matches = matchProblems(previous, now);
  const dropped = droppedOf(previous, matches);
  return matches.flatMap(({ before, after }): Finding[] => {
    if (!after) {
      const { answer } = dropped.find((d) => d.problem === before)!;
      return [{ ...warning('ledger.carry.dropped', droppedMessage(before, previous, now, answer.of), ['rows', before.row, 'problems']), answer }];
    }
    // A day put off, or given up for 长期坚持/持续推进 (no day at all): either way the problem is no longer due then.
    const later = isDate(before.deadline) && (isDate(after.deadline) ? after.deadline > before.deadline : after.deadline !== '');
    if (!later) return [];
    const to = isDate(after.deadline) ? `推迟至${formatDateCn(after.deadline)}` : `改为「${after.deadline}」，不再有完成的日期`;
    const when = isUnanswered(before) ? monthOf(before) : comparedMonth(previous, now);
    return [
      warning('ledger.carry.postponed', `${after.item}「${after.problem}」的完成时限由${when}的${formatDateCn(before.deadline)}${to}，请在批注中说明推迟的原因`, [
        'rows',
        after.row,
        'deadlines',
      ]),
    ];
  });
}

/**
 * The ledger a unit starts the month `period` from, to update: last month's problems, measures and time limits,
 * and those it dropped without a word (不见实效不予销号), listed again on their rows for the clerk to answer.
 */
export function carriedLedger(previous: ComparedLedger, period: string): ReviewLedger {
  const rows = { ...previous.rows };
  for (const p of previous.unanswered ?? []) rows[p.row] = withProblem(rows[p.row], p);
  return { unit: previous.unit, period, ...(previous.filler && { filler: previous.filler }), rows };
}

/** `row` with `p` listed last, its measure and time limit in their places (a time limit for all the row's problems, made one each where `p`'s differs). */
function withProblem(row: LedgerRow | undefined, p: UnansweredProblem): LedgerRow {
  const { problems, measures, deadlines } = row ?? { problems: [], measures: [], deadlines: [] };
  const forAll = deadlines.length === 1 && problems.length > 0 ? deadlines[0] : undefined;
  return {
    problems: [...problems, p.problem],
    measures: p.measure ? [...measures, p.measure] : measures,
    deadlines: !p.deadline || p.deadline === forAll ? deadlines : [...(forAll ? problems.map(() => forAll) : deadlines), p.deadline],
  };
}

/**
 * What next month's ledger is compared with: `now`'s problems, those of `previous` (what `now` was compared
 * with) that `now` no longer lists without an answer (see `droppedProblems`), each with the month that last
 * listed it, and the comments on the cells of those it dropped.
 */
export function comparedLedger(now: ReviewLedger, issues: readonly Issue[], previous?: ComparedLedger): ComparedLedger {
  if (!previous) return now;
  const dropped = droppedProblems(previous, now, issues);
  const unanswered = dropped.filter((d) => !d.answer).map(({ problem: p }) => (isUnanswered(p) ? p : { ...p, listed: previous.period ?? '' }));
  const comments = Object.fromEntries(dropped.flatMap((d) => (d.comment ? [[d.problem.row, d.comment]] : [])));
  return { ...now, ...(unanswered.length ? { unanswered } : {}), ...(Object.keys(comments).length ? { comments } : {}) };
}
