import type { Finding, Issue } from '@tianbao/form';
import { issueAt } from './issue.ts';
import { MAX_ISSUES } from './report.ts';

/**
 * Errors, and warnings, kept of one file: each 100 times the issues its report
 * lists. Past them each is counted, not kept, so that a list of 150,000 rows
 * typed wrong throughout (some 15 issues a row) is judged to its end within a
 * child's memory; warnings never crowd out an error.
 */
export const KEPT_ISSUES = 100 * MAX_ISSUES;

/** The issues of one sheet as they are found, each at its cell (null: about the whole sheet). */
export class Found {
  readonly issues: Issue[] = [];
  /** Issues found past `KEPT_ISSUES` of their severity, counted. */
  readonly over = { errors: 0, warnings: 0 };
  private readonly kept = { errors: 0, warnings: 0 };

  constructor(private readonly sheet: string) {}

  add(f: Pick<Finding, 'severity' | 'rule' | 'message' | 'answer'>, cell: string | null = null): void {
    const severity = f.severity === 'error' ? 'errors' : 'warnings';
    if (this.kept[severity] === KEPT_ISSUES) this.over[severity]++;
    else {
      this.kept[severity]++;
      this.issues.push(issueAt(f, { sheet: this.sheet, cell }));
    }
  }

  /** Cells already in error: one error a cell, so these are not judged again. */
  errorCells(): Set<string | null> {
    return new Set(this.issues.filter((i) => i.severity === 'error').map((i) => i.cell));
  }
}
