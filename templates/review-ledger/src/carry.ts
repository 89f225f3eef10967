import { formatDateCn, textKey, type Finding } from '@tianbao/form';
import { distance } from 'fastest-levenshtein';
import { catalogue } from './catalogue.ts';
import { problemsOf, type ListedProblem } from './problems.ts';
import type { ReviewLedger } from './schema.ts';

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

/** A problem of last month's ledger, and this month's that carries it on, or null when it is no longer listed. */
export interface CarriedProblem {
  before: ListedProblem;
  after: ListedProblem | null;
}

/** Last month's problems matched to this month's, within their rows, the most similar pairs first. */
export function matchProblems(previous: ReviewLedger, now: ReviewLedger): CarriedProblem[] {
  const before = problemsOf(previous.unit, previous);
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

/** The warning on a problem no longer listed: the words the compile looks for, to find the clerk's answer. */
export const droppedMessage = (p: ListedProblem) =>
  `上月台账${p.item}列出的问题「${p.problem}」本月未再列出：已整改的，请在此格的批注中写明整改情况（对账销号）；未整改的，请继续列入台账`;

/** This month's ledger against last month's: a problem dropped without a word, a time limit moved later. */
export function carryFindings(previous: ReviewLedger, now: ReviewLedger): Finding[] {
  return matchProblems(previous, now).flatMap(({ before, after }): Finding[] => {
    if (!after) return [warning('ledger.carry.dropped', droppedMessage(before), ['rows', before.row, 'problems'])];
    // A day put off, or given up for 长期坚持/持续推进 (no day at all): either way the problem is no longer due then.
    const later = isDate(before.deadline) && (isDate(after.deadline) ? after.deadline > before.deadline : after.deadline !== '');
    if (!later) return [];
    const to = isDate(after.deadline) ? `推迟至${formatDateCn(after.deadline)}` : `改为「${after.deadline}」，不再有完成的日期`;
    return [
      warning('ledger.carry.postponed', `${after.item}「${after.problem}」的完成时限由上月的${formatDateCn(before.deadline)}${to}，请在批注中说明推迟的原因`, [
        'rows',
        after.row,
        'deadlines',
      ]),
    ];
  });
}

/** The ledger a unit starts the month `period` from: last month's problems, measures and time limits, to update. */
export function carriedLedger(previous: ReviewLedger, period: string): ReviewLedger {
  return { unit: previous.unit, period, ...(previous.filler && { filler: previous.filler }), rows: previous.rows };
}
