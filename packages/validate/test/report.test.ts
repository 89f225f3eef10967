import { displayWidth } from '@tianbao/form';
import { describe, expect, it } from 'vitest';
import type { FileReport } from '../src/check.ts';
import { Found, KEPT_ISSUES } from '../src/found.ts';
import { fileReport, formatText, MAX_ISSUES, summarize, UNKNOWN } from '../src/report.ts';

const issue = (cell: string | null, severity: 'error' | 'warning', explained = false) => ({
  severity,
  rule: 'ledger.x',
  sheet: '问题台账',
  cell,
  row: null,
  column: null,
  message: `信息${cell ?? ''}`,
  explained,
});

describe('the text report', () => {
  it('lines its columns up by display width, a Chinese character taking two columns', () => {
    const file: FileReport = {
      file: '修武县.xlsx',
      template: 'review-ledger',
      detectedBy: 'title',
      sheet: '问题台账',
      unit: '修武县',
      period: '2023-06',
      valid: false,
      issues: [issue(null, 'warning'), issue('E4', 'error'), issue('D5', 'warning', true), issue('AB123', 'warning')],
    };
    const lines = formatText(summarize([file])).split('\n').slice(1, -1);
    // Each message starts at the same column on the screen.
    const starts = lines.map((l) => displayWidth(l.slice(0, l.indexOf('信息'))));
    expect(starts).toEqual([starts[0], starts[0], starts[0], starts[0]]);
    expect(lines[2]).toBe('  D5     已说明  信息D5  [ledger.x]');
    expect(lines[1]).toBe('  E4     错误    信息E4  [ledger.x]');
  });

  it('names the row of a finding about a row and not a cell (a damaged row), and none for the whole file', () => {
    const file: FileReport = {
      file: '排污口.xlsx',
      template: null,
      detectedBy: null,
      sheet: '排污口清单',
      unit: null,
      period: null,
      valid: false,
      issues: [{ ...issue(null, 'error'), row: 5 }, issue(null, 'warning')],
    };
    const lines = formatText(summarize([file])).split('\n').slice(1, -1);
    expect(lines).toEqual(['  第 5 行  错误  信息  [ledger.x]', '  —        提示  信息  [ledger.x]']);
  });
});

describe('issues past those kept', () => {
  it('are counted by severity, not kept, and the report says how many it did not list', () => {
    const found = new Found('排污口清单');
    for (let i = 0; i < KEPT_ISSUES + 1; i++) found.add({ severity: 'warning', rule: 'outfall.x', message: '提示' }, `B${i + 4}`);
    found.add({ severity: 'error', rule: 'outfall.y', message: '错误' }, 'C1');
    // Warnings do not crowd out an error: it is kept past them.
    expect(found.issues).toHaveLength(KEPT_ISSUES + 1);
    expect(found.over).toEqual({ errors: 0, warnings: 1 });
    const report = fileReport('清单.xlsx', UNKNOWN, found.issues, undefined, found.over);
    expect(report.valid).toBe(false);
    expect(report.issues).toHaveLength(MAX_ISSUES + 1);
    // The error is listed; what is not are warnings.
    expect(report.issues.filter((i) => i.severity === 'error').map((i) => i.cell)).toEqual(['C1']);
    expect(report.issues.at(-1)).toMatchObject({ severity: 'warning', rule: 'file.too-many-issues' });
    expect(report.issues.at(-1)!.message).toContain(`另有 ${KEPT_ISSUES - MAX_ISSUES + 2} 处问题未列出（其中错误 0 处`);
    // Counted, the notice is none of the findings; every finding is, listed or not.
    expect(report.unlisted).toEqual({ errors: 0, warnings: KEPT_ISSUES - MAX_ISSUES + 2, explained: 0 });
    expect(summarize([report]).summary).toMatchObject({ errors: 1, warnings: KEPT_ISSUES + 1 });
    expect(formatText(summarize([report]))).toContain(`错误 1 条，提示 ${KEPT_ISSUES + 1} 条`);
  });

  it('past the listed, are errors before warnings: an error below a thousand warnings is listed, in its place', () => {
    const issues = [...Array.from({ length: 1500 }, (_, i) => issue(`E${i + 4}`, 'warning')), issue('P1504', 'error'), issue('E1505', 'warning')];
    const report = fileReport('清单.xlsx', UNKNOWN, issues);
    expect(report.issues).toHaveLength(MAX_ISSUES + 1);
    expect(report.issues.filter((i) => i.severity === 'error').map((i) => i.cell)).toEqual(['P1504']);
    // The warnings of the first rows, then the error, as they stand in the sheet.
    expect(report.issues.slice(-3).map((i) => i.cell)).toEqual(['E1002', 'P1504', null]);
    expect(report.issues.at(-1)!.message).toContain('另有 502 处问题未列出（其中错误 0 处');
    expect(summarize([report]).summary).toMatchObject({ errors: 1, warnings: 1501 });
  });

  it('explained are counted listed or not', () => {
    const issues = [...Array.from({ length: 1500 }, (_, i) => issue(`E${i + 4}`, 'warning', i % 3 === 0)), issue('P1504', 'error')];
    const report = fileReport('清单.xlsx', UNKNOWN, issues);
    expect(report.unlisted).toEqual({ errors: 0, warnings: 501, explained: 167 });
    expect(summarize([report]).summary).toMatchObject({ errors: 1, warnings: 1500, explained: 500 });
    expect(formatText(summarize([report]))).toContain('错误 1 条，提示 1500 条（其中已说明 500 条）');
  });

  it('of a file with no more than the listed, are counted as listed, with no `unlisted`', () => {
    const report = fileReport('清单.xlsx', UNKNOWN, [issue('E4', 'warning'), issue('P5', 'error')]);
    expect(report).not.toHaveProperty('unlisted');
    expect(summarize([report, report]).summary).toMatchObject({ files: 2, invalid: 2, errors: 2, warnings: 2 });
  });
});
