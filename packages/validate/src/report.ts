import { displayWidth, padDisplay } from '@tianbao/form';
import type { Clue, FileReport } from './check.ts';

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

export function summarize(files: readonly FileReport[]): Report {
  const all = files.flatMap((f) => f.issues);
  return {
    files: files.map(({ data: _data, ...f }) => f),
    summary: {
      files: files.length,
      valid: files.filter((f) => f.valid).length,
      invalid: files.filter((f) => !f.valid).length,
      errors: all.filter((i) => i.severity === 'error').length,
      warnings: all.filter((i) => i.severity === 'warning').length,
      explained: all.filter((i) => i.explained).length,
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

/**
 * Text from a file (its name, a sheet's name, a cell quoted in a message) as
 * one printable line: a line break or a terminal's control sequence in it
 * could forge a line of the report or hide one. Shown as `\n`, `\x1b`.
 */
const printable = (text: string): string =>
  text.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => (c === '\n' ? '\\n' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));

/** In place of the cell, for a finding about the whole file. */
const NO_CELL = '—';

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
    const cellWidth = f.issues.reduce((w, i) => Math.max(w, displayWidth(i.cell ?? NO_CELL)), 0);
    const sevWidth = f.issues.reduce((w, i) => Math.max(w, displayWidth(SEVERITY[severityOf(i)])), 0);
    for (const i of f.issues) {
      const sev = severityOf(i);
      const shown = padDisplay(SEVERITY[sev], sevWidth);
      const painted = sev === 'error' ? paint.red(shown) : sev === 'explained' ? paint.dim(shown) : paint.yellow(shown);
      lines.push(`  ${padDisplay(i.cell ?? NO_CELL, cellWidth)}  ${painted}  ${printable(i.message)}  ${paint.dim(`[${i.rule}]`)}`);
    }
  }
  const s = report.summary;
  const explained = s.explained ? `（其中已说明 ${s.explained} 条）` : '';
  lines.push(`共 ${s.files} 个文件：${s.valid} 个通过，${s.invalid} 个不通过；错误 ${s.errors} 条，提示 ${s.warnings} 条${explained}`);
  return lines.join('\n');
}
