import type { Finding, Issue } from '@tianbao/form';
import { issueAt } from './issue.ts';
import { MAX_ISSUES } from './report.ts';

/**
 * Issues kept of one file, 100 times those its report lists: past them each
 * is counted, not kept, so that a list of 150,000 rows typed wrong throughout
 * (some 15 issues a row) is judged to its end within a child's memory.
 */
export const KEPT_ISSUES = 100 * MAX_ISSUES;

/** The issues of one sheet as they are found, each at its cell (null: about the whole sheet). */
export class Found {
  readonly issues: Issue[] = [];
  /** Issues found past `KEPT_ISSUES`, counted by severity. */
  readonly over = { errors: 0, warnings: 0 };

  constructor(private readonly sheet: string) {}

  add(f: Pick<Finding, 'severity' | 'rule' | 'message' | 'answer'>, cell: string | null = null): void {
    if (this.issues.length < KEPT_ISSUES) this.issues.push(issueAt(f, { sheet: this.sheet, cell }));
    else if (f.severity === 'error') this.over.errors++;
    else this.over.warnings++;
  }

  /** Cells already in error: one error a cell, so these are not judged again. */
  errorCells(): Set<string | null> {
    return new Set(this.issues.filter((i) => i.severity === 'error').map((i) => i.cell));
  }
}
