import { columnsOf, formatPeriodCn, type Compiled, type CompiledPart, type FormDefinition, type Table, type UnitList } from '@tianbao/form';
import type { FileReport } from './check.ts';
import { STATE_TEXT, type StatusReport, type UnitStatus } from './status.ts';

/** Why a unit's return is not in the compilation; null when it is. */
function leftOut(u: UnitStatus, report: FileReport | undefined): string | null {
  if (u.state === 'valid' && report?.data) return null;
  if (!u.file) return STATE_TEXT[u.state];
  const judged = u.files[0]!;
  if (judged.verdict === 'unread') return `未能读取：${judged.message}`;
  // Valid when judged, but not read again for the compile (a time limit, a child that died).
  if (report?.template === null) return `未能读取：${report.issues[0]?.message ?? ''}`;
  const first = report?.issues.find((i) => i.severity === 'error');
  const at = first ? `，如${first.cell ? ` ${first.cell}` : ''}：${first.message}` : '';
  return `不通过：错误 ${u.errors} 条${at}`;
}

/** `焦作市2023年6月行政复议工作问题台账汇总`: a compilation's title, and its files' name. */
export const compiledTitle = (def: FormDefinition<any>, period: string, units: UnitList) => `${units.city.name}${def.monthly ? formatPeriodCn(period) : ''}${def.name}汇总`;

/**
 * A city's compilation of one form for one period, from the status and each
 * unit's judged file's report (`reportOf`; made with `keepData`): each unit's
 * submission is the one `status` judges, taken in when valid, else listed as
 * 未纳入 with the reason. The form's own sheets come from its `compile`.
 */
export function compilation<S extends StatusReport>(
  def: FormDefinition<any>,
  status: S,
  reportOf: (u: S['units'][number]) => FileReport | undefined,
  units: UnitList,
  previous?: readonly CompiledPart[],
): Compiled {
  if (!def.compile) throw new Error(`${def.id}: no compile declared`);
  const parts: CompiledPart[] = [];
  const marks: NonNullable<Table['marks']> = [];
  const rows = status.units.map((u, r) => {
    const report = u.file ? reportOf(u) : undefined;
    const why = leftOut(u, report);
    if (why === null) parts.push({ unit: u.unit, file: u.file!, data: report!.data!, issues: report!.issues });
    else marks.push({ row: r, column: 1, severity: 'error' });
    return [u.unit, why === null ? '纳入' : '未纳入', why ?? '', u.file ?? '', u.file ? u.errors : '', u.file ? u.warnings : ''];
  });
  const out = rows.length - parts.length;
  const states = (['invalid', 'missing', 'not-due'] as const).map((s) => [STATE_TEXT[s], status.units.filter((u) => u.state === s).length] as const).filter(([, n]) => n > 0);
  const unassigned = status.unassigned.length ? `；无法确定单位的文件 ${status.unassigned.length} 个，未纳入` : '';
  const ctx = { period: status.period, asOf: status.asOf, units, ...(previous && { previous }) };
  return {
    title: compiledTitle(def, status.period, units),
    asOf: status.asOf,
    counts: `共 ${rows.length} 个单位：纳入 ${parts.length}，未纳入 ${out}${states.length ? `（${states.map(([s, n]) => `${s} ${n}`).join('，')}）` : ''}${unassigned}`,
    submissions: {
      columns: columnsOf({ 单位: 22, 状态: 8, 说明: 40, 所用文件: 56, 错误: 6, 提示: 6 }),
      rows,
      marks,
    },
    sheets: def.compile.sheets(parts, ctx),
    parts,
    ...(def.compile.whole && { whole: def.compile.whole(parts, ctx) }),
    faults: (def.compile.faults?.(parts, ctx) ?? []).map((f) => `${f.message}  [${f.rule}]`),
    units,
  };
}
