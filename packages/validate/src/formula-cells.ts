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
  for (const cell of errorsTakenAt(issues, uncached)) issues.push(issueAt(error('cell.formula.uncached', UNCACHED), { sheet, cell }));
}

const UNCACHED = '此单元格是公式，但文件保存时没有计算出结果（由不计算公式的程序生成），无法读取其值。请在 Excel/WPS 中打开此文件、保存后再提交';

/**
 * A cell showing an error value (`#N/A`, `#DIV/0!`: a formula gone wrong, a
 * reference to nothing) holds no answer, whether its column may be blank or
 * not: one error says so, in place of the errors that it wants a value.
 * `errorValues`: each such cell, with what it shows. `issues` is changed in place.
 */
export function markErrorValues(issues: Issue[], errorValues: ReadonlyMap<string, string>, sheet: string): void {
  errorsTakenAt(issues, errorValues);
  for (const [cell, shown] of errorValues)
    issues.push(issueAt(error('cell.formula.error', `此单元格显示的是错误值「${shown.slice(0, 20)}」（公式出错或引用了不存在的内容），不是所填的内容：请改正公式，或直接填写正确的值`), { sheet, cell }));
}

/** The errors at `cells` taken out of `issues`; the cells that had one. */
function errorsTakenAt(issues: Issue[], cells: { has(cell: string): boolean; size: number }): Set<string> {
  const had = new Set<string>();
  if (!cells.size) return had;
  for (let i = issues.length - 1; i >= 0; i--) {
    const { cell, severity } = issues[i]!;
    if (cell === null || severity !== 'error' || !cells.has(cell)) continue;
    issues.splice(i, 1);
    had.add(cell);
  }
  return had;
}
