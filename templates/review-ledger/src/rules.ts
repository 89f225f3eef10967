import { formatDateCn, type Finding, type RuleContext } from '@tianbao/form';
import { carryFindings } from './carry.ts';
import { catalogue } from './catalogue.ts';
import { layout } from './layout.ts';
import type { ReviewLedger } from './schema.ts';

export { catalogue };
const { error, warning } = catalogue;

const label = (key: string) => layout.rows!.find((r) => r.key === key)!.label;

/** What the gazette implies beyond the schema: 对账销号, every problem answered. */
export function rules(data: ReviewLedger, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const rows = Object.entries(data.rows);
  for (const [key, row] of rows) {
    const at = (col: string) => ['rows', key, col];
    const where = label(key);
    const p = row.problems.length;
    if (p > 0 && row.measures.length === 0)
      out.push(error('ledger.measures.missing', `${where}列出${p}个问题，但没有填写改进措施，请逐条写明改进措施（1.… 2.…）`, at('measures')));
    else if (p > 0 && row.measures.length !== p)
      out.push(
        warning('ledger.measures.count', `${where}有${p}个问题、${row.measures.length}条改进措施，数目不一致，请按问题逐条对应填写`, at('measures')),
      );
    if (p === 0 && row.measures.length > 0)
      out.push(warning('ledger.problems.missing', `${where}填写了改进措施，但没有填写存在问题，请补填对应的问题`, at('problems')));
    if (p > 0 && row.deadlines.length === 0)
      out.push(error('ledger.deadline.missing', `${where}列出${p}个问题，但没有填写完成时限，请填写如 2023年7月31日，或“长期坚持”`, at('deadlines')));
    else if (row.deadlines.length > 1 && row.deadlines.length !== p)
      out.push(
        warning('ledger.deadline.count', `${where}有${p}个问题、${row.deadlines.length}个完成时限，请填写一个统一时限或逐项对应填写`, at('deadlines')),
      );
    for (const d of row.deadlines) {
      if (/^\d{4}-/.test(d) && d < ctx.asOf)
        out.push(
          warning(
            'ledger.deadline.overdue',
            `${where}完成时限${formatDateCn(d)}已过（核对日期${formatDateCn(ctx.asOf)}），问题仍在台账上：请核实是否已整改销号，未完成的请说明原因并更新时限`,
            at('deadlines'),
          ),
        );
    }
  }
  // 对账销号: last month's problems, each still listed or answered for.
  if (ctx.previous) out.push(...carryFindings(ctx.previous as ReviewLedger, data));
  return out;
}

/** Nothing reported: no row lists a problem or a measure (a time limit alone answers nothing). */
export const zeroReport = {
  where: '本期台账',
  what: '问题',
  fill: '存在问题、改进措施和完成时限',
  empty: (data: ReviewLedger) => Object.values(data.rows).every((r) => r.problems.length === 0 && r.measures.length === 0),
};
