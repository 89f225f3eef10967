import { columnsOf, formatDateCn, formatPeriodCn, type Compiled, type CompiledPart, type FormDefinition, type Table, type UnitList } from '@tianbao/form';
import type { FileReport } from './check.ts';
import { STATE_TEXT, TIMING_TEXT, fileNote, type ReceivedFile, type StatusReport, type UnitStatus } from './status.ts';

/** How a file is named to the city: as the clerk sees it in the inbox (`compile` makes paths relative to the folder given). */
export type ShownName = (file: string) => string;

/** `2023年7月10日 10:00收到`: when a file came, as status tells it; '' when not known. */
const cameAt = (f: ReceivedFile) => (f.receivedAt ? `${formatDateCn(f.receivedAt.slice(0, 10))} ${f.receivedAt.slice(11, 16)}收到` : '');

/** Why a unit's return is not in the compilation; null when it is. A unit with no submission is told as status tells it, with each file it did send and why that is not it. */
function leftOut(u: UnitStatus, report: FileReport | undefined, shown: ShownName): string | null {
  if (u.state === 'valid' && report?.data) return null;
  if (!u.file) return [STATE_TEXT[u.state], u.files.map((f) => `${shown(f.file)}${cameAt(f) && ` 于${cameAt(f)}`}，${fileNote(f)}`).join('；')].filter(Boolean).join('：');
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
 * 未纳入 with the reason. The form's own sheets come from its `compile`; what
 * is wrong across the units (`faults`) counts in each of their errors. Files
 * are named by `shown`.
 */
export function compilation<S extends StatusReport>(
  def: FormDefinition<any>,
  status: S,
  reportOf: (u: S['units'][number]) => FileReport | undefined,
  units: UnitList,
  previous?: readonly CompiledPart[],
  shown: ShownName = (file) => file,
): Compiled {
  if (!def.compile) throw new Error(`${def.id}: no compile declared`);
  const ctx = { period: status.period, asOf: status.asOf, units, ...(previous && { previous }) };
  const parts: CompiledPart[] = [];
  const taken = status.units.map((u) => {
    const report = u.file ? reportOf(u) : undefined;
    const why = leftOut(u, report, shown) ?? def.compile!.notTaken?.(u.unit, ctx) ?? null;
    if (why === null) parts.push({ unit: u.unit, file: u.file!, data: report!.data!, issues: report!.issues });
    return why;
  });
  const faults = def.compile.faults?.(parts, ctx) ?? [];
  const marks: NonNullable<Table['marks']> = [];
  const rows = status.units.map((u, r) => {
    const why = taken[r]!;
    const own = faults.filter((f) => f.units.includes(u.unit));
    if (why !== null) marks.push({ row: r, column: 1, severity: 'error' });
    if (own.length) marks.push({ row: r, column: 6, severity: 'error' });
    if (u.timing === 'late') marks.push({ row: r, column: 5, severity: 'warning' });
    const note = why ?? own.map((f) => `${f.message}  [${f.rule}]`).join('；');
    const received = u.received ? formatDateCn(u.received) : '';
    return [u.unit, why === null ? '纳入' : '未纳入', note, u.file ? shown(u.file) : '', received, u.timing ? TIMING_TEXT[u.timing] : '', u.file ? u.errors + own.length : '', u.file ? u.warnings : ''];
  });
  const out = rows.length - parts.length;
  const states = (['invalid', 'missing', 'not-due'] as const).map((s) => [STATE_TEXT[s], status.units.filter((u) => u.state === s).length] as const).filter(([, n]) => n > 0);
  // A unit's own submission not read is told on its row; any other file not read, or put to no unit, below the counts.
  const unread = status.units.flatMap((u) => u.files.filter((f) => f.verdict === 'unread' && f.use !== 'judged').map((f) => `${shown(f.file)}（${[u.unit, cameAt(f)].filter(Boolean).join('，')}）：${fileNote(f)}`));
  const nowhere = status.unassigned.map((f) => `${shown(f.file)}（${['无法确定单位', cameAt(f)].filter(Boolean).join('，')}）：${fileNote(f)}`);
  const others = [nowhere.length && `无法确定单位的文件 ${nowhere.length} 个`, unread.length && `未能读取的其他文件 ${unread.length} 个`].filter(Boolean);
  const unassigned = others.length ? `；${others.join('，')}，未纳入（见下）` : '';
  return {
    title: compiledTitle(def, status.period, units),
    asOf: status.asOf,
    counts: `共 ${rows.length} 个单位：纳入 ${parts.length}，未纳入 ${out}${states.length ? `（${states.map(([s, n]) => `${s} ${n}`).join('，')}）` : ''}${unassigned}`,
    submissions: {
      columns: columnsOf({ 单位: 22, 状态: 8, 说明: 44, 所用文件: 50, 收到日期: 16, 报送: 6, 错误: 6, 提示: 6 }),
      rows,
      marks,
    },
    sheets: def.compile.sheets(parts, ctx),
    parts,
    ...(def.compile.whole && { whole: def.compile.whole(parts, ctx) }),
    faults: faults.map((f) => `${f.message}  [${f.rule}]`),
    others: [...unread, ...nowhere],
    units,
  };
}
