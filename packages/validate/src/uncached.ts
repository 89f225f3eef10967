import type { Issue } from '@tianbao/form';
import { error } from './check-rules.ts';
import { issueAt } from './issue.ts';

/**
 * Errors that a cell wants a value, where the cell holds a formula saved with
 * no result (`<f>` and no `<v>`: written by a program that does not
 * calculate), replaced by one error saying so: the clerk left nothing blank,
 * the file was never calculated. `issues` is changed in place.
 */
export function markUncached(issues: Issue[], uncached: ReadonlySet<string>, sheet: string): void {
  if (!uncached.size) return;
  const said = new Set<string>();
  for (let i = issues.length - 1; i >= 0; i--) {
    const { cell, severity } = issues[i]!;
    if (cell === null || severity !== 'error' || !uncached.has(cell)) continue;
    issues.splice(i, 1);
    said.add(cell);
  }
  for (const cell of said) issues.push(issueAt(error('cell.formula.uncached', MESSAGE), { sheet, cell }));
}

const MESSAGE = '此单元格是公式，但文件保存时没有计算出结果（由不计算公式的程序生成），无法读取其值。请在 Excel/WPS 中打开此文件、保存后再提交';
