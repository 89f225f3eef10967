import type { Finding, Issue } from '@tianbao/form';
import { issueAt } from './issue.ts';

/** The issues of one sheet as they are found, each at its cell (null: about the whole sheet). */
export class Found {
  readonly issues: Issue[] = [];

  constructor(private readonly sheet: string) {}

  add(f: Pick<Finding, 'severity' | 'rule' | 'message' | 'answer'>, cell: string | null = null): void {
    this.issues.push(issueAt(f, { sheet: this.sheet, cell }));
  }

  /** Cells already in error: one error a cell, so these are not judged again. */
  errorCells(): Set<string | null> {
    return new Set(this.issues.filter((i) => i.severity === 'error').map((i) => i.cell));
  }
}
