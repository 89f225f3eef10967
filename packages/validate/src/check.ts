import { basename } from 'node:path';
import {
  error,
  findReporter,
  reporterNames,
  Refusal,
  periodFromFileName,
  periodFromText,
  readDate,
  textKey,
  today,
  unexpected,
  warning,
  type Finding,
  type FormDefinition,
  type FormHeader,
  type Issue,
  type RuleContext,
  type Rules,
  type UnitList,
} from '@tianbao/form';
import { findTable, openWorkbook, readTable, tableHead, titleFound, type Located, type OpenWorkbook, type TableStart } from '@tianbao/xlsx/read';
import { EntryJudge } from './by-entry.ts';
import { Found } from './found.ts';
import { issueAt } from './issue.ts';
import { markExplained } from './explained.ts';
import { markUncached } from './uncached.ts';
import { CellReader, readData } from './read-data.ts';
import { judgeWhole } from './whole.ts';

export interface CheckOptions {
  forms: readonly FormDefinition<any>[];
  /** Check as this form instead of recognising it. */
  template?: string;
  units: UnitList;
  /** Period from the command line: the last source tried. */
  period?: string;
  /** Judge time limits against this day; default: the 填报日期, else today. */
  asOf?: string;
  /**
   * Seconds a file may take. Reading stops at the limit (it is checked
   * between chunks of a sheet); every other step is bounded by the size limits.
   */
  timeLimit?: number;
  /** Keep a valid file's data in its report (the default); a run that only judges drops it, not to hold long lists to its end. */
  keepData?: boolean;
}

/** What told which form a workbook is: `--template`, tianbao's own metadata, the title, or the header row. */
export type Clue = 'template' | 'metadata' | 'title' | 'header';

export interface FileReport {
  file: string;
  template: string | null;
  /** How the form was recognised; null when it was not. */
  detectedBy: Clue | null;
  /** The sheet judged as the submission; null when none was. */
  sheet: string | null;
  unit: string | null;
  period: string | null;
  valid: boolean;
  issues: Issue[];
  /** The submission's data, when it has no error. */
  data?: Record<string, unknown>;
}

/** Seconds one file may take before it is given up, unless the caller says otherwise. */
export const TIME_LIMIT_SECONDS = 60;

/**
 * Check one submitted workbook. Never throws: an unreadable file is one error,
 * and so is one that takes longer than the time limit.
 */
export async function checkFile(file: string, opts: CheckOptions): Promise<FileReport> {
  const seconds = opts.timeLimit ?? TIME_LIMIT_SECONDS;
  const stop = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<FileReport>((resolve) => {
    timer = setTimeout(() => {
      stop.abort();
      resolve(timedOut(file, seconds));
    }, seconds * 1000);
  });
  try {
    return await Promise.race([check(file, opts, stop.signal), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The report of a file given up at the time limit. */
export function timedOut(file: string, seconds: number): FileReport {
  const message = `检查超过 ${seconds} 秒仍未完成，已停止检查此文件。请确认文件没有异常（如大量空行、超大图片），必要时另存为新的 .xlsx 再提交`;
  return report(file, UNKNOWN, [issueAt(error('file.timeout', message))]);
}

/** A file that could not be checked at all: one error about the whole file. */
export const unchecked = (file: string, rule: string, message: string): FileReport => report(file, UNKNOWN, [issueAt(error(rule, message))]);

/**
 * The report of a file whose check failed on an exception no one meant to
 * throw: a bug in tianbao, whatever the file holds. The user is asked, in
 * Chinese, to send the file in; the English detail never enters the report
 * (see `unexpected` for where it goes).
 */
export function internalError(file: string, e: unknown): FileReport {
  unexpected(e, file);
  return unchecked(file, 'file.internal', '检查此文件时程序内部出错，未能完成检查。这是检查程序的问题，请把此文件发给维护人员以便修复');
}

async function check(file: string, opts: CheckOptions, stop: AbortSignal): Promise<FileReport> {
  try {
    return await checkWorkbook(file, await openWorkbook(file, stop), opts, stop);
  } catch (e) {
    // A refusal (a `FileRefused` from the reader) is one Chinese error for this file; the batch goes on.
    if (e instanceof Refusal) return unchecked(file, e.rule, e.message);
    // Stopped at the time limit: `checkFile` has given the timeout's report already.
    if (stop.aborted) throw e;
    return internalError(file, e);
  }
}

async function checkWorkbook(file: string, wb: OpenWorkbook, opts: CheckOptions, stop: AbortSignal): Promise<FileReport> {
  const match = pickForm(wb, opts);
  if (!match) {
    const names = opts.forms.map((f) => `${f.name}（${f.id}）`).join('、');
    const message = `无法识别表格：元数据、标题和前20行的表头都不符合已比对的表样（${names}），请使用标准表样填报`;
    return unchecked(file, 'file.form.unknown', message);
  }
  const { def, clue, start } = match;
  if (!start) {
    const message = `${CLUE_TEXT[clue]}为「${def.name}」，但前20行中找不到它的表头，请保留表头行「${def.layout.columns.map((c) => c.header).join(' | ')}」`;
    return report(file, { ...UNKNOWN, template: def.id, detectedBy: clue }, [issueAt(error('table.header.missing', message))]);
  }
  const head = tableHead(def, start);
  const period = periodOf(def, wb.meta, head.info?.text ?? '', file, opts);
  const found = new Found(start.sheet.name);
  if (start.sheet.hidden)
    found.add(
      warning('sheet.hidden', `检查的是隐藏工作表「${start.sheet.name}」：没有可见的工作表有此表格的表头。请在 Excel/WPS 中取消隐藏该工作表，或把填报内容移到可见的工作表中`),
    );

  // The title names the unit.
  const titleCell = head.title?.cell ?? null;
  const { unit, named } = unitFromTitle(def, head, opts.units, (f) => found.add(f, titleCell));
  if (!period && def.monthly)
    found.add(
      warning(
        'period.unknown',
        `无法确定报送月份：表中没有“填报日期”或“报送月份”，文件名中也没有月份。请在标题下填写“填报日期：2023年6月26日”，或在文件名中写明月份（如 ${unit ?? opts.units.units[0]!.name}2023年6月${def.name}.xlsx），或用 --period 指定`,
      ),
    );
  const formHead: FormHeader = { unit: unit ?? named ?? def.layout.placeholder, ...infoFields(head.info?.text ?? ''), ...(period ? { period } : {}) };
  const ctx: RuleContext = { units: opts.units, period, asOf: opts.asOf ?? formHead.reportDate ?? today() };
  const headCell = (key: string): string | null | undefined =>
    key === 'unit' ? titleCell : key === 'filler' || key === 'reportDate' || key === 'period' ? (head.info?.cell ?? titleCell) : undefined;

  // What stands above the table is known before its rows are read: cells are read with the period's year, and a list
  // judged entry by entry is judged as its rows stream by.
  const keep = opts.keepData !== false;
  const byEntry = typeof def.rules === 'function' ? null : new EntryJudge(def, def.rules, ctx, formHead, head.columns, found, keep);
  const reader = new CellReader(def, head.columns, period ? Number(period.slice(0, 4)) : undefined, wb.book.date1904, byEntry?.judge);
  const loc = await readTable(wb, def, start, { stop, convert: reader.row, passRows: byEntry !== null });
  tableShape(def, loc, found);
  // The fields under the table are read here, after the rows.
  const read = readData(def, loc, reader);
  for (const { cell, rule, problem } of reader.problems) found.add({ severity: problem.severity ?? 'error', rule, message: problem.message }, cell);
  const data = byEntry ? byEntry.finish(read.take(), headCell) : judgeWhole(def, def.rules as Rules<any>, loc, read, formHead, ctx, found, headCell);
  markUncached(found.issues, loc.uncached, loc.sheet);
  markExplained(found.issues, loc, reader.remarked);
  found.issues.sort(byPlace);
  return report(file, { template: def.id, detectedBy: clue, sheet: start.sheet.name, unit, period: period ?? null }, found.issues, keep ? data : undefined);
}

/** A template's rows all there, in order, their fixed text untouched; the labelled fields under the table there. */
function tableShape(def: FormDefinition<any>, loc: Located<void>, found: Found): void {
  const { layout } = def;
  if (loc.outOfOrder && layout.rows)
    found.add(error('table.rows.order', `表格各行顺序与表样不一致，应依次为：${layout.rows!.map((r) => r.label).join('、')}，请按表样顺序填写`));
  const fixedCol = layout.columns.filter((c) => !c.cell).at(-1);
  for (const row of loc.rows) {
    const spec = layout.rows?.find((r) => r.key === row.key);
    if (!spec || !fixedCol) continue;
    if (row.row === null)
      found.add(error('table.row.missing', `缺少“${spec.label}”一行，请按表样补上该行（${fixedCol.header}：${spec.fixed[fixedCol.key]}）`));
    else if (!row.fixedMatches)
      found.add(
        warning(`${def.rulePrefix}.content.changed`, `“${spec.label}”一行的${fixedCol.header}与表样不一致，请恢复表样原文：${spec.fixed[fixedCol.key]}`),
        `${loc.columns[fixedCol.key]}${row.row}`,
      );
  }
  for (const field of layout.fields?.items ?? [])
    if (!loc.fields[field.key]) found.add(error('table.field.missing', `表格下方缺少“${field.label}”一行，请在表格下空一行后填写“${field.label}”及其内容`));
}

/** The period, from the sources in order; only a monthly form looks for its month, another keeps the one it was generated with. */
function periodOf(def: FormDefinition<any>, meta: Record<string, string>, info: string, file: string, opts: CheckOptions): string | undefined {
  if (!def.monthly) return meta.period;
  return meta.period ?? periodFromText(info) ?? periodFromFileName(basename(file)) ?? opts.period ?? undefined;
}

const CLUE_TEXT: Record<Clue, string> = { template: '按 --template 指定', metadata: '按文件中的表样标识', title: '按标题', header: '按表头' };

/**
 * Which form a workbook is, by the strongest clue it has: `--template`, the
 * metadata tianbao writes, a form's title, then a form's header row.
 */
function pickForm(wb: OpenWorkbook, opts: CheckOptions): { def: FormDefinition<any>; clue: Clue; start: TableStart | null } | null {
  const pick = (def: FormDefinition<any> | undefined, clue: Clue) => (def ? { def, clue, start: findTable(wb, def) } : null);
  if (opts.template) return pick(opts.forms.find((f) => f.id === opts.template), 'template');
  return (
    pick(opts.forms.find((f) => f.id === wb.meta.template), 'metadata') ??
    pick(opts.forms.find((f) => titleFound(wb, f)), 'title') ??
    opts.forms.map((def) => ({ def, clue: 'header' as const, start: findTable(wb, def) })).find((m) => m.start) ??
    null
  );
}

type Head = Pick<FileReport, 'template' | 'detectedBy' | 'sheet' | 'unit' | 'period'>;
const UNKNOWN: Head = { template: null, detectedBy: null, sheet: null, unit: null, period: null };

/**
 * Issues listed for one file at most. A file can draw hundreds of thousands (a
 * long list typed wrong throughout), which no clerk reads and which would fill
 * the memory of the process collecting a batch's reports: the rest are counted
 * in one last issue.
 */
export const MAX_ISSUES = 1000;

function report(file: string, head: Head, issues: Issue[], data?: Record<string, unknown>): FileReport {
  const valid = !issues.some((i) => i.severity === 'error');
  const listed = issues.length <= MAX_ISSUES ? issues : [...issues.slice(0, MAX_ISSUES), unlisted(issues.slice(MAX_ISSUES))];
  return { file, ...head, valid, issues: listed, ...(valid && data ? { data } : {}) };
}

function unlisted(rest: Issue[]): Issue {
  const errors = rest.filter((i) => i.severity === 'error').length;
  const message = `此文件另有 ${rest.length} 处问题未列出（其中错误 ${errors} 处；每个文件最多列出 ${MAX_ISSUES} 处）。请先按上面列出的改正，再重新检查`;
  return issueAt((errors ? error : warning)('file.too-many-issues', message));
}

/** Whole-file findings first, then in reading order: row by row, left to right. */
function byPlace(a: Issue, b: Issue): number {
  return (a.row ?? 0) - (b.row ?? 0) || (a.column ?? '').length - (b.column ?? '').length || (a.column ?? '').localeCompare(b.column ?? '');
}

/** The unit named in the title, checked against the unit list. */
function unitFromTitle(
  def: FormDefinition<any>,
  loc: Pick<Located, 'title'>,
  units: UnitList,
  add: (f: Finding) => void,
): { unit: string | null; named: string | null } {
  const { layout, rulePrefix: p } = def;
  const suffix = textKey(layout.title.replace('{unit}', ''));
  const example = layout.title.replace('{unit}', units.units[0]!.name);
  const title = loc.title ? textKey(loc.title.text) : '';
  if (!title.endsWith(suffix) || title === suffix) {
    add(error(`${p}.title.missing`, `找不到写明单位的标题，请在表头上方填写标题，如「${example}」`));
    return { unit: null, named: null };
  }
  const named = title.slice(0, -suffix.length);
  if (named === textKey(layout.placeholder) || /XX|ＸＸ|××/i.test(named)) {
    add(error(`${p}.unit.placeholder`, `标题仍是表样中的「${layout.placeholder}」，请改为本单位名称，如「${example}」`));
    return { unit: null, named: null };
  }
  const unit = findReporter(units, named, def.cityReports);
  if (!unit) {
    add(
      error(
        `${p}.unit.unknown`,
        `标题中的单位「${named}」不在${units.city.name}的报送单位名单中，请填写规范名称：${reporterNames(units, def.cityReports)}`,
      ),
    );
    return { unit: null, named };
  }
  return { unit: unit.name, named };
}

/** 填报单位 and 填报日期 from the line under the title. */
function infoFields(info: string): { filler?: string; reportDate?: string } {
  const out: { filler?: string; reportDate?: string } = {};
  const filler = /填报单位[：:]\s*(.*?)\s*(?:填报日期|报送日期|报送月份|$)/.exec(info);
  if (filler?.[1]) out.filler = filler[1];
  const date = /(?:填报日期|报送日期)[：:]\s*([0-9０-９年月日./\-\s]+?)(?:\s{2,}|　|$)/.exec(info);
  if (date) {
    const d = readDate(date[1]!.trim());
    if (d.ok) out.reportDate = d.iso;
  }
  return out;
}
