import type { Issue } from '@tianbao/form';
import { displayWidth, padDisplay, printable, unexpected } from '@tianbao/form/light';
import { RESAVE } from '@tianbao/xlsx/file-rules';
import { error, warning, type EngineRuleId } from './check-rules.ts';
import type { Clue, FileReport } from './check.ts';
import { issueAt } from './issue.ts';
import type { Judged } from './submission.ts';

/**
 * The last stage: a judged submission's report — where its table stood, what
 * is wrong with it, and its data when it has no error and is kept.
 */
export function reportOf(s: Judged): FileReport {
  const head = { template: s.def.id, detectedBy: s.clue, sheet: s.start.sheet.name, unit: s.unit, period: s.period ?? null };
  return fileReport(s.file, head, s.found.issues, s.opts.keepData !== false ? s.data : undefined, s.found.over);
}

type Head = Pick<FileReport, 'template' | 'detectedBy' | 'sheet' | 'unit' | 'period'>;
/** The head of a file's report before its form is known. */
export const UNKNOWN: Head = { template: null, detectedBy: null, sheet: null, unit: null, period: null };

/**
 * Issues listed for one file at most, its errors first. A file can draw
 * hundreds of thousands (a long list typed wrong throughout), which no clerk
 * reads and which would fill the memory of the process collecting a batch's
 * reports: the rest are counted in one last issue.
 */
export const MAX_ISSUES = 1000;

/** `over`: issues found past those kept (see `KEPT_ISSUES`), counted. */
export function fileReport(file: string, head: Head, issues: Issue[], data?: Record<string, unknown>, over = { errors: 0, warnings: 0 }): FileReport {
  const valid = !over.errors && !issues.some((i) => i.severity === 'error');
  const more = over.errors + over.warnings;
  if (issues.length <= MAX_ISSUES && !more) return { file, ...head, valid, issues, ...(valid && data ? { data } : {}) };
  const { listed, rest } = listedFirst(issues);
  const errors = rest.filter((i) => i.severity === 'error').length + over.errors;
  const counts = { errors, warnings: rest.length - errors + over.errors + over.warnings, explained: rest.filter((i) => i.explained).length };
  return { file, ...head, valid, issues: [...listed, unlisted(counts)], unlisted: counts, ...(valid && data ? { data } : {}) };
}

/** A file's findings counted: errors, warnings, and of those the warnings explained. */
export interface IssueCounts {
  errors: number;
  warnings: number;
  explained: number;
}

/**
 * A file's findings counted, those listed and those not (`unlisted`); the
 * `file.too-many-issues` notice that stands for the latter is not one of them.
 */
export function issueCounts(r: Pick<FileReport, 'issues' | 'unlisted'>): IssueCounts {
  const counts = { errors: 0, warnings: 0, explained: 0, ...r.unlisted };
  for (const i of r.issues) {
    if (i.rule === TOO_MANY) continue;
    i.severity === 'error' ? counts.errors++ : counts.warnings++;
    if (i.explained) counts.explained++;
  }
  return counts;
}

/**
 * The issues listed of a file with more than `MAX_ISSUES`, in their order:
 * its errors first, then as many warnings as there is room for, so that an
 * error in row 99,999 is not hidden behind a thousand warnings above it.
 */
function listedFirst(issues: Issue[]): { listed: Issue[]; rest: Issue[] } {
  let errors = MAX_ISSUES;
  let warnings = MAX_ISSUES - Math.min(MAX_ISSUES, issues.filter((i) => i.severity === 'error').length);
  const listed: Issue[] = [];
  const rest: Issue[] = [];
  for (const issue of issues) (issue.severity === 'error' ? errors-- > 0 : warnings-- > 0) ? listed.push(issue) : rest.push(issue);
  return { listed, rest };
}

const TOO_MANY = 'file.too-many-issues';

/** A file's findings as listed, without the `file.too-many-issues` notice of those not listed (see `unlisted`). */
export const listedIssues = <I extends Issue>(r: { issues: readonly I[] }): I[] => r.issues.filter((i) => i.rule !== TOO_MANY);

function unlisted({ errors, warnings }: IssueCounts): Issue {
  const message = `此文件另有 ${errors + warnings} 处问题未列出（其中错误 ${errors} 处；每个文件最多列出 ${MAX_ISSUES} 处）。请先按上面列出的改正，再重新检查`;
  return issueAt((errors ? error : warning)(TOO_MANY, message));
}

/** A file that could not be checked at all: one error about the whole file, or (`at`) about a sheet or one of its rows. */
export const unchecked = (file: string, rule: EngineRuleId, message: string, at?: { sheet: string; row?: number }): FileReport =>
  fileReport(file, UNKNOWN, [issueAt(error(rule, message), at && { sheet: at.sheet, cell: null, row: at.row })]);

/** The report of a file given up at the time limit. */
export function timedOut(file: string, seconds: number): FileReport {
  const message = `检查超过 ${seconds} 秒仍未完成，已停止检查此文件。请确认文件没有异常（如大量空行、超大图片），必要时${RESAVE}`;
  return unchecked(file, 'file.timeout', message);
}

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

export interface Summary {
  files: number;
  valid: number;
  invalid: number;
  errors: number;
  warnings: number;
  /** Warnings the clerks have explained (a comment on the cell, or the row's 备注). */
  explained: number;
}

/** The machine-readable report: a stable contract other tools read. */
export interface Report {
  files: Omit<FileReport, 'data'>[];
  summary: Summary;
}

/** The report of a batch; its summary counts every finding, listed or not (see `issueCounts`). */
export function summarize(files: readonly FileReport[]): Report {
  const counts = files.map(issueCounts);
  return {
    files: files.map(({ data: _data, ...f }) => f),
    summary: {
      files: files.length,
      valid: files.filter((f) => f.valid).length,
      invalid: files.filter((f) => !f.valid).length,
      errors: counts.reduce((n, c) => n + c.errors, 0),
      warnings: counts.reduce((n, c) => n + c.warnings, 0),
      explained: counts.reduce((n, c) => n + c.explained, 0),
    },
  };
}

export const formatJson = (report: Report) => JSON.stringify(report);

export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const plain: Paint = { red: (s) => s, yellow: (s) => s, green: (s) => s, bold: (s) => s, dim: (s) => s };

/** How the form was recognised, as the report line says it. */
const CLUE: Record<Clue, string> = { template: '按指定', metadata: '按表样标识', title: '按标题', header: '按表头' };

/** In place of the cell, for a finding about the whole file. */
const NO_CELL = '—';

/** Where a finding is, as the text report shows it: its cell, else its row (`第 5 行`, a damaged row), else none. */
const shownPlace = (i: FileReport['issues'][number]): string => i.cell ?? (i.row ? `第 ${i.row} 行` : NO_CELL);

const SEVERITY = { error: '错误', warning: '提示', explained: '已说明' } as const;
const severityOf = (i: FileReport['issues'][number]): keyof typeof SEVERITY => (i.severity === 'error' ? 'error' : i.explained ? 'explained' : 'warning');

/** Issues grouped by file, one line each: `E4  错误  完成时限「…」…`. */
export function formatText(report: Report, paint: Paint = plain): string {
  const lines: string[] = [];
  for (const f of report.files) {
    const sheet = f.sheet ?? f.issues.find((i) => i.sheet)?.sheet;
    const form = f.template ? `${f.template}${f.detectedBy ? `（${CLUE[f.detectedBy]}）` : ''}` : '未识别';
    const head = printable([f.file, sheet && `工作表「${sheet}」`, form, f.unit, f.period].filter(Boolean).join('  '));
    lines.push(`${paint.bold(head)}  ${f.valid ? paint.green('通过') : paint.red('不通过')}`);
    // Columns line up by display width (a Chinese character takes two columns), padded before the colour.
    // A reduce, not Math.max(...): a spread of a long list overflows the call stack.
    const cellWidth = f.issues.reduce((w, i) => Math.max(w, displayWidth(shownPlace(i))), 0);
    const sevWidth = f.issues.reduce((w, i) => Math.max(w, displayWidth(SEVERITY[severityOf(i)])), 0);
    for (const i of f.issues) {
      const sev = severityOf(i);
      const shown = padDisplay(SEVERITY[sev], sevWidth);
      const painted = sev === 'error' ? paint.red(shown) : sev === 'explained' ? paint.dim(shown) : paint.yellow(shown);
      lines.push(`  ${padDisplay(shownPlace(i), cellWidth)}  ${painted}  ${printable(i.message)}  ${paint.dim(`[${i.rule}]`)}`);
    }
  }
  const s = report.summary;
  const explained = s.explained ? `（其中已说明 ${s.explained} 条）` : '';
  lines.push(`共 ${s.files} 个文件：${s.valid} 个通过，${s.invalid} 个不通过；错误 ${s.errors} 条，提示 ${s.warnings} 条${explained}`);
  return lines.join('\n');
}
