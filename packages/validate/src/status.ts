import { basename } from 'node:path';
import { columnsOf, formatDateCn, formatPeriodCn, periodFromFileName, type FormDefinition, type Table, type UnitList } from '@tianbao/form';
import type { FileReport } from './check.ts';
import { issueCounts } from './report.ts';
import { unitsInFileName } from './file-name-unit.ts';

/** Where a unit stands for one form and period. */
export type UnitState = 'valid' | 'invalid' | 'missing' | 'not-due';

/** What the check made of one file: `unread` when it could not be read at all (refused, broken, or killed at a limit). */
export type Verdict = 'valid' | 'invalid' | 'unread';

/**
 * When each file was received: its modification time, `YYYY-MM-DDTHH:MM:SS`
 * in the machine's time zone. A folder keeps nothing else.
 */
export type ReceivedTimes = ReadonlyMap<string, string>;

/** One file received, as checked. */
export interface ReceivedFile {
  file: string;
  verdict: Verdict;
  /** The day received: the date of the file's modification time. */
  received: string | null;
  /** The file's modification time, `YYYY-MM-DDTHH:MM:SS` in the machine's time zone. */
  receivedAt: string | null;
  /** The month it reports (a monthly form), from the file, else its name; null when neither says. */
  period: string | null;
  errors: number;
  warnings: number;
  /** A file not read: its error. */
  rule?: string;
  message?: string;
}

/** A file credited to a unit. */
export interface UnitFile extends ReceivedFile {
  /** How its unit was told: by the title of the form in it, else by the file's name; in the portal, by the account that uploaded it. */
  unitFrom: 'title' | 'file-name' | 'account';
  /**
   * `judged`: the unit's state is this file's; `older`: a later file of the period is judged;
   * `same-time`: one received at the same time is judged (the first of them as given);
   * `other-period`: it reports another month; `after-as-of`: received after the as-of day, so not
   * the unit's submission as of that day.
   */
  use: 'judged' | 'older' | 'same-time' | 'other-period' | 'after-as-of';
}

/** A file whose unit could not be told, neither from its title nor from its name. */
export interface UnassignedFile extends ReceivedFile {
  reason: string;
}

export interface UnitStatus {
  unit: string;
  state: UnitState;
  /** `on-time`, `late`, or null when there is no submission or no due date. */
  timing: 'on-time' | 'late' | null;
  /** The submission judged: the one received last, when a unit sent several for the period. */
  file: string | null;
  /** The day it was received (the date of the file's modification time). */
  received: string | null;
  errors: number;
  warnings: number;
  /** Every file credited to the unit, the judged one first, then by time received, latest first. */
  files: UnitFile[];
}

/** A file that could not be read as any form: its first error. */
export interface UnreadFile {
  file: string;
  rule: string;
  message: string;
}

export interface StatusReport {
  template: string;
  period: string;
  asOf: string;
  due: string | null;
  units: UnitStatus[];
  /** Files that could not be read (`file.*`), whether or not their unit could be told from their names. */
  unread: UnreadFile[];
  /** Files whose unit could be told neither from the title nor from the file name. */
  unassigned: UnassignedFile[];
  summary: Record<UnitState, number> & { late: number };
}

/**
 * For every unit of the list (and the city, for a form it may report, when it
 * sent something): is its submission for this form and period there, valid, on
 * time or late, or missing. A file's unit is the one its title names, else the
 * one its name names; every file received is credited to a unit or listed as
 * unassigned. A unit that sent several files for the period is judged on the
 * one received last, whatever it is: a file not read makes the unit not valid.
 * A file received after the as-of day is listed, but not judged: as of that
 * day it had not come. Files received at the same second are told as such
 * (`same-time`), unless the reports come in an order known beyond their times
 * (`ordered`: the portal's uploads, latest first).
 */
export function unitStatus(
  def: FormDefinition<any>,
  period: string,
  reports: readonly FileReport[],
  received: ReceivedTimes,
  units: UnitList,
  asOf: string,
  ordered = false,
): StatusReport {
  const due = def.dueDate?.(period) ?? null;
  const credited = new Map<string, { file: ReceivedFile; unitFrom: UnitFile['unitFrom']; ofPeriod: boolean }[]>();
  const unassigned: UnassignedFile[] = [];
  for (const r of reports) {
    const file = receivedFile(def, r, received);
    const named = r.unit ? [] : unitsInFileName(r.file, units, def.cityReports);
    const unit = r.unit ?? (named.length === 1 ? named[0]! : null);
    if (!unit) {
      unassigned.push({ ...file, reason: whyNoUnit(def, r, file.verdict, named) });
      continue;
    }
    const ofPeriod = !def.monthly || file.period === null || file.period === period;
    if (!credited.has(unit)) credited.set(unit, []);
    credited.get(unit)!.push({ file, unitFrom: r.unit ? 'title' : 'file-name', ofPeriod });
  }

  const reporters = [...(def.cityReports && credited.has(units.city.name) ? [units.city] : []), ...units.units];
  const rows = reporters.map((u): UnitStatus => {
    // Latest first; a file with no time known last. Received at the same time, the later month first (one of no
    // month known is taken for the period's); the sort is stable: files of the same month keep their order.
    const month = (c: { file: ReceivedFile }) => c.file.period ?? period;
    const sent = (credited.get(u.name) ?? []).sort(
      (a, b) => (b.file.receivedAt ?? '').localeCompare(a.file.receivedAt ?? '') || month(b).localeCompare(month(a)),
    );
    const byAsOf = (c: (typeof sent)[number]) => c.file.received === null || c.file.received <= asOf;
    const last = sent.find((c) => c.ofPeriod && byAsOf(c));
    const use = (c: (typeof sent)[number]): UnitFile['use'] =>
      c === last ? 'judged' : !c.ofPeriod ? 'other-period' : !byAsOf(c) ? 'after-as-of' : !ordered && c.file.receivedAt !== null && c.file.receivedAt === last?.file.receivedAt ? 'same-time' : 'older';
    const files = [...(last ? [last] : []), ...sent.filter((c) => c !== last)].map((c): UnitFile => ({ ...c.file, unitFrom: c.unitFrom, use: use(c) }));
    const judged = files[0]?.use === 'judged' ? files[0] : null;
    if (!judged)
      return { unit: u.name, state: due && asOf <= due ? 'not-due' : 'missing', timing: null, file: null, received: null, errors: 0, warnings: 0, files };
    return {
      unit: u.name,
      state: judged.verdict === 'valid' ? 'valid' : 'invalid',
      timing: due && judged.received ? (judged.received <= due ? 'on-time' : 'late') : null,
      file: judged.file,
      received: judged.received,
      errors: judged.errors,
      warnings: judged.warnings,
      files,
    };
  });
  const count = (s: UnitState) => rows.filter((r) => r.state === s).length;
  return {
    template: def.id,
    period,
    asOf,
    due,
    units: rows,
    unread: reports.filter((r) => r.template === null).map((r) => ({ file: r.file, rule: r.issues[0]?.rule ?? '', message: r.issues[0]?.message ?? '' })),
    unassigned,
    summary: { valid: count('valid'), invalid: count('invalid'), missing: count('missing'), 'not-due': count('not-due'), late: rows.filter((r) => r.timing === 'late').length },
  };
}

function receivedFile(def: FormDefinition<any>, r: FileReport, received: ReceivedTimes): ReceivedFile {
  const at = received.get(r.file) ?? null;
  const { errors, warnings } = issueCounts(r);
  const verdict: Verdict = r.template === null ? 'unread' : r.valid ? 'valid' : 'invalid';
  return {
    file: r.file,
    verdict,
    received: at?.slice(0, 10) ?? null,
    receivedAt: at,
    period: def.monthly ? (r.period ?? periodFromFileName(basename(r.file)) ?? null) : null,
    errors,
    warnings,
    ...(verdict === 'unread' && { rule: r.issues[0]?.rule ?? '', message: r.issues[0]?.message ?? '' }),
  };
}

/** Why a file's unit cannot be told: what its title lacks, then what its name has. */
function whyNoUnit(def: FormDefinition<any>, r: FileReport, verdict: Verdict, named: readonly string[]): string {
  const name = named.length ? `文件名中有 ${named.length} 个单位（${named.join('、')}），不知是哪一个的` : '文件名中也没有名单中的单位';
  return `${titleLack(def, r, verdict)}，${name}`;
}

function titleLack(def: FormDefinition<any>, r: FileReport, verdict: Verdict): string {
  const rules = new Set(r.issues.map((i) => i.rule));
  if (verdict === 'unread') return '此文件未能读取';
  // Another form's file (an outfall list among ledgers): its title may name a unit, but not as this form's.
  if (rules.has('table.header.missing') || rules.has('file.form.unknown')) return `不是${def.name}（找不到其表头）`;
  if (rules.has(`${def.rulePrefix}.unit.placeholder`)) return `标题仍是表样中的「${def.layout.placeholder}」`;
  if (rules.has(`${def.rulePrefix}.unit.unknown`)) return '标题中的单位不在报送单位名单中';
  return '找不到写明单位的标题';
}

export const STATE_TEXT: Record<UnitState, string> = { valid: '通过', invalid: '不通过', missing: '缺报', 'not-due': '未到期未报' };
export const VERDICT_TEXT: Record<Verdict, string> = { valid: '通过', invalid: '不通过', unread: '未能读取' };
export const TIMING_TEXT = { 'on-time': '按时', late: '逾期' } as const;

/** What a reader is told of a file beside its name: why it was not read, or why it is not the one judged. */
export function fileNote(f: UnitFile | UnassignedFile): string {
  const unread = f.verdict === 'unread' ? `未能读取：${f.message}  [${f.rule}]` : '';
  if ('reason' in f) return [f.reason, unread].filter(Boolean).join('；');
  if (f.use === 'judged') return unread;
  const why = {
    older: '另有较晚收到的文件，未据此判定',
    'same-time': '与所用的文件同时收到，分不出先后，按文件顺序取了另一份，未据此判定',
    'after-as-of': '在截至日期之后收到，未据此判定',
    'other-period': `是${f.period ? formatPeriodCn(f.period) : '其他月份'}的报表，不计入本期`,
  }[f.use];
  return `${why}（${unread || VERDICT_TEXT[f.verdict]}）`;
}

/** What `received` means, for every output that shows it. */
export const RECEIVED_NOTE = '收到日期（时间）即文件的修改时间：文件夹里没有别的收件记录。按本机时区计；一个单位报来几个文件时，按最后收到的一个判定。';

/** The status as a table, one row a unit, for the terminal, a workbook sheet or a print. */
export function statusTable(s: StatusReport): Table {
  const marks: NonNullable<Table['marks']> = [];
  const rows = s.units.map((u, r) => {
    if (u.state === 'missing' || u.state === 'invalid') marks.push({ row: r, column: 1, severity: 'error' });
    if (u.timing === 'late') marks.push({ row: r, column: 2, severity: 'warning' });
    // A unit that sent nothing has no counts: blank, not 0.
    return [u.unit, STATE_TEXT[u.state], u.timing ? TIMING_TEXT[u.timing] : '', u.received ? formatDateCn(u.received) : '', u.file ? u.errors : '', u.file ? u.warnings : '', u.file ?? ''];
  });
  return {
    columns: columnsOf({ 单位: 24, 状态: 12, 报送: 8, 收到日期: 16, 错误: 8, 提示: 8, 文件: 60 }),
    rows,
    marks,
  };
}

/** Every file received, one row each: those credited to a unit, in the units' order, then those whose unit cannot be told. */
export function filesTable(s: StatusReport): Table {
  const marks: NonNullable<Table['marks']> = [];
  const files: [string, UnitFile | UnassignedFile][] = [...s.units.flatMap((u) => u.files.map((f) => [u.unit, f] as [string, UnitFile])), ...s.unassigned.map((f) => ['无法确定', f] as [string, UnassignedFile])];
  const rows = files.map(([unit, f], r) => {
    if ('reason' in f) marks.push({ row: r, column: 0, severity: 'error' });
    if (f.verdict !== 'valid') marks.push({ row: r, column: 3, severity: 'error' });
    return [unit, f.file, f.receivedAt ? `${formatDateCn(f.receivedAt.slice(0, 10))} ${f.receivedAt.slice(11, 16)}` : '', VERDICT_TEXT[f.verdict], f.errors, f.warnings, fileNote(f)];
  });
  return {
    columns: columnsOf({ 单位: 24, 文件: 60, 收到时间: 22, 检查结果: 10, 错误: 8, 提示: 8, 说明: 56 }),
    rows,
    marks,
  };
}
