import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempDir, tianbao } from './run.ts';
import { buildZip, unzip } from './zip.ts';

/**
 * Files as other writers really produce them (fixtures/real-files/, README
 * there): each read the way its writer meant it, by the built CLI, in
 * whatever time zone the test runs in (test/vitest.config.ts runs it in three).
 */
const DIR = join(FIXTURES, 'real-files');
const LEDGER = (kind: string) => join(DIR, `修武县2023年6月问题台账-${kind}.xlsx`);

async function validate(file: string) {
  const r = await tianbao(['validate', '--format', 'json', file]);
  return JSON.parse(r.stdout).files[0];
}

async function extract(file: string) {
  const out = join(tempDir(), 'data.json');
  const r = await tianbao(['extract', file, '-o', out]);
  expect(r.stderr).toBe('');
  return JSON.parse(readFileSync(out, 'utf8'));
}

/** The file with its workbook part edited, saved in a new folder under the same name. */
function withWorkbook(file: string, edit: (xml: string) => string): string {
  const parts = unzip(readFileSync(file)).map((p) => (p.name === 'xl/workbook.xml' ? { ...p, data: Buffer.from(edit(p.data.toString('utf8'))) } : p));
  const out = join(tempDir(), file.split('/').pop()!);
  writeFileSync(out, buildZip(parts));
  return out;
}

describe('dates written as ISO text (t="d"), in a Strict Open XML workbook', () => {
  it('reads each deadline as the day written, in every time zone', async () => {
    const file = LEDGER('strict');
    expect(await validate(file)).toMatchObject({ valid: true, period: '2023-06', issues: [] });
    const data = await extract(file);
    expect(data.rows.acceptance.deadlines).toEqual(['2023-07-31']);
    expect(JSON.stringify(data)).toContain('2023-08-31');
  });
});

describe('a 填报日期 in its own cell, in built-in date format 31 (yyyy"年"m"月"d"日")', () => {
  it('gives the period and the report date', async () => {
    const file = join(DIR, '修武县问题台账-fmt31.xlsx');
    expect(await validate(file)).toMatchObject({ valid: true, period: '2023-06', issues: [] });
    expect(await extract(file)).toMatchObject({ period: '2023-06', reportDate: '2023-06-26' });
  });
});

describe('which sheet is the submission', () => {
  it('judges the visible sheet, not last month\'s hidden one before it', async () => {
    // A valid report names the sheet it judged too.
    expect(await validate(LEDGER('hidden-sheet'))).toMatchObject({ valid: true, sheet: '6月', period: '2023-06', issues: [] });
  });

  it('takes the active tab first among visible sheets', async () => {
    const both = withWorkbook(LEDGER('hidden-sheet'), (xml) => xml.replace(' state="hidden"', ''));
    expect(await validate(both)).toMatchObject({ valid: true, sheet: '6月', period: '2023-06', issues: [] });
    const first = withWorkbook(LEDGER('hidden-sheet'), (xml) => xml.replace(' state="hidden"', '').replace('activeTab="1"', 'activeTab="0"'));
    expect(await validate(first)).toMatchObject({ sheet: '5月', period: '2023-05' });
  });

  it('judges a hidden sheet only when no visible one matches, and says so', async () => {
    const hidden = withWorkbook(LEDGER('hidden-sheet'), (xml) => xml.replace('r:id="rId2"', 'state="veryHidden" r:id="rId2"'));
    const report = await validate(hidden);
    // Both hidden: the active tab still goes first.
    expect(report).toMatchObject({ valid: true, period: '2023-06' });
    expect(report.issues).toEqual([
      expect.objectContaining({ severity: 'warning', rule: 'sheet.hidden', sheet: '6月', message: expect.stringContaining('隐藏工作表「6月」') }),
    ]);
  });
});

describe('package parts and rows as other writers store them', () => {
  it('reads parts named with `\\`', async () => {
    expect(await validate(LEDGER('backslash'))).toMatchObject({ valid: true, unit: '修武县', period: '2023-06', issues: [] });
  });

  it('reads a shared-string part named in another letter case', async () => {
    expect(await validate(join(DIR, '修武县经济普查领导小组名单-SharedStrings.xlsx'))).toMatchObject({ valid: true, issues: [] });
  });

  it('makes rows of one number one row', async () => {
    const file = join(DIR, '修武县经济普查领导小组名单-row-per-cell.xlsx');
    expect(await validate(file)).toMatchObject({ valid: true, issues: [] });
    expect((await extract(file)).members).toHaveLength(12);
  });

  it('judges a sheet whose checks cover whole columns', async () => {
    const report = await validate(join(DIR, '修武县入河排污口排查整治台账-whole-column-dropdowns.xlsx'));
    expect(report.issues.filter((i: { severity: string }) => i.severity === 'error').map((i: { cell: string }) => i.cell)).toEqual(['N5']);
  });
});
