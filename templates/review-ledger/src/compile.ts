import { columnsOf, date, formatDateCn, formatPeriodCn, type CellValue, type CompileContext, type CompileSpec, type CompiledPart, type Table } from '@tianbao/form';
import { droppedProblems, type ComparedLedger } from './carry.ts';
import type { Deadline } from './cells.ts';
import { problemsOf, type ListedProblem } from './problems.ts';
import type { ReviewLedger } from './schema.ts';

type Part = CompiledPart<ReviewLedger>;

const isDate = (d: string) => /^\d{4}-/.test(d);

/** 逾期 / 未到期 as of a day, or 持续推进 for an ongoing term. */
export function stateOf(deadline: Deadline | '', asOf: string): '逾期' | '未到期' | '持续推进' {
  if (!isDate(deadline)) return '持续推进';
  return deadline < asOf ? '逾期' : '未到期';
}

/** A time limit as a cell: a day as a date cell, as the forms' date columns are written; an ongoing term as its words. */
const DAY = date({ example: '2023年7月31日' });
const limitCell = (d: Deadline | ''): CellValue => (isDate(d) ? DAY.write(d) : d);

const COLUMNS = columnsOf({ 单位: 14, 项目: 14, 存在问题: 44, 改进措施: 44, 完成时限: 16, 状态: 16 });
const STATE = 5;

/** 不见实效不予销号: a problem no longer listed without an answer is not closed. */
export const UNANSWERED = '未销号（未说明）';

/** Last month's problems a unit no longer lists (对账销号), each with the clerk's answer ('' when none counts, see `droppedProblems`). */
function dropped(part: Part, previous: Part | undefined): { problem: ListedProblem; answer: string }[] {
  return previous ? droppedProblems(previous.data as ComparedLedger, part.data, part.issues) : [];
}

/** 汇总: one row a problem, every unit's in the list's order, its state as of the day; with last month's, then those no longer listed. */
function summary(parts: readonly Part[], ctx: CompileContext<ReviewLedger>): Table {
  const marks: NonNullable<Table['marks']> = [];
  const rows: CellValue[][] = [];
  const add = (p: ListedProblem, state: string, answer?: string) => {
    if (state === '逾期' || state === UNANSWERED) marks.push({ row: rows.length, column: STATE, severity: 'warning' });
    rows.push([p.unit, p.item, p.problem, p.measure, limitCell(p.deadline), state, ...(ctx.previous ? [answer ?? ''] : [])]);
  };
  for (const part of parts) {
    for (const p of problemsOf(part.unit, part.data)) add(p, stateOf(p.deadline, ctx.asOf));
    for (const d of dropped(part, ctx.previous?.find((p) => p.unit === part.unit))) add(d.problem, d.answer ? '已销号' : UNANSWERED, d.answer);
  }
  return { columns: [...COLUMNS, ...(ctx.previous ? columnsOf({ 销号说明: 36 }) : [])], rows, marks };
}

/** The city's 问题台账汇总: every problem reported this month, and whether its time limit has passed. */
export const compile: CompileSpec<ReviewLedger> = {
  sheets: (parts, ctx) => [
    {
      name: '汇总',
      title: `${ctx.units.city.name}${formatPeriodCn(ctx.period)}行政复议工作问题台账汇总（截至${formatDateCn(ctx.asOf)}）`,
      table: summary(parts, ctx),
      notes: [
        '状态：完成时限早于截至日期的为“逾期”，其余为“未到期”；长期坚持、持续推进等无截止日期的为“持续推进”。',
        ...(ctx.previous
          ? [`已销号：此前台账列出、本月不再列出并在该格批注中说明了整改情况的问题，销号说明为其说明；没有说明的仍为“${UNANSWERED}”（不见实效不予销号）。`]
          : []),
      ],
    },
  ],
};
