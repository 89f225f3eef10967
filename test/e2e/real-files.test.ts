import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import { forms } from '@tianbao/forms';
import { checkFile } from '@tianbao/validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, tempDir, tianbao } from './run.ts';
import { buildZip, unzip } from './zip.ts';

/**
 * Files as other writers really produce them (fixtures/real-files/, README
 * there): each judged the way its writer meant it by one run of the built CLI,
 * and its data read by the same check in process, in whatever time zone the
 * test runs in (test/vitest.config.ts runs it in three).
 */
const DIR = join(FIXTURES, 'real-files');
const LEDGER = (kind: string) => join(DIR, `修武县2023年6月问题台账-${kind}.xlsx`);


/**
 * The data a file is read as, by checking in this process, in this zone: what `tianbao extract` prints (it prints
 * the same check's data, corpus-extract.test.ts), the report free of any issue, as extract's empty stderr was.
 */
async function dataOf(file: string) {
  const report = await checkFile(file, { forms, units: defaultUnits });
  expect(report.issues).toEqual([]);
  return JSON.parse(JSON.stringify(report.data));
}

/** The file with its workbook part edited, saved in a new folder under the same name. */
function withWorkbook(file: string, edit: (xml: string) => string): string {
  const parts = unzip(readFileSync(file)).map((p) => (p.name === 'xl/workbook.xml' ? { ...p, data: Buffer.from(edit(p.data.toString('utf8'))) } : p));
  const out = join(tempDir(), file.split('/').pop()!);
  writeFileSync(out, buildZip(parts));
  return out;
}

const STRICT = LEDGER('strict');
const FMT31 = join(DIR, '修武县问题台账-fmt31.xlsx');
const HIDDEN = LEDGER('hidden-sheet');
const BOTH_VISIBLE = withWorkbook(HIDDEN, (xml) => xml.replace(' state="hidden"', ''));
const FIRST_ACTIVE = withWorkbook(HIDDEN, (xml) => xml.replace(' state="hidden"', '').replace('activeTab="1"', 'activeTab="0"'));
const BOTH_HIDDEN = withWorkbook(HIDDEN, (xml) => xml.replace('r:id="rId2"', 'state="veryHidden" r:id="rId2"'));
const BACKSLASH = LEDGER('backslash');
const SHARED_STRINGS = join(DIR, '修武县经济普查领导小组名单-SharedStrings.xlsx');
const ROW_PER_CELL = join(DIR, '修武县经济普查领导小组名单-row-per-cell.xlsx');
const WHOLE_COLUMNS = join(DIR, '修武县入河排污口排查整治台账-whole-column-dropdowns.xlsx');

// Every file checked by one run of the CLI, as a folder a clerk sends is (one start-up, not ten); each test looks at its file's report.
const reports = new Map<string, any>();
beforeAll(async () => {
  const files = [STRICT, FMT31, HIDDEN, BOTH_VISIBLE, FIRST_ACTIVE, BOTH_HIDDEN, BACKSLASH, SHARED_STRINGS, ROW_PER_CELL, WHOLE_COLUMNS];
  const r = await tianbao(['validate', '--format', 'json', ...files]);
  for (const report of JSON.parse(r.stdout).files) reports.set(report.file, report);
  expect([...reports.keys()]).toEqual(files);
});
const validate = (file: string) => reports.get(file);

describe('dates written as ISO text (t="d"), in a Strict Open XML workbook', () => {
  it('reads each deadline as the day written, in every time zone', async () => {
    const file = STRICT;
    expect(validate(file)).toMatchObject({ valid: true, period: '2023-06', issues: [] });
    const data = await dataOf(file);
    expect(data.rows.acceptance.deadlines).toEqual(['2023-07-31']);
    expect(JSON.stringify(data)).toContain('2023-08-31');
  });
});

describe('a 填报日期 in its own cell, in built-in date format 31 (yyyy"年"m"月"d"日")', () => {
  it('gives the period and the report date', async () => {
    const file = FMT31;
    expect(validate(file)).toMatchObject({ valid: true, period: '2023-06', issues: [] });
    expect(await dataOf(file)).toMatchObject({ period: '2023-06', reportDate: '2023-06-26' });
  });
});

describe('which sheet is the submission', () => {
  it('judges the visible sheet, not last month\'s hidden one before it', () => {
    // A valid report names the sheet it judged too.
    expect(validate(HIDDEN)).toMatchObject({ valid: true, sheet: '6月', period: '2023-06', issues: [] });
  });

  it('takes the active tab first among visible sheets', () => {
    expect(validate(BOTH_VISIBLE)).toMatchObject({ valid: true, sheet: '6月', period: '2023-06', issues: [] });
    expect(validate(FIRST_ACTIVE)).toMatchObject({ sheet: '5月', period: '2023-05' });
  });

  it('judges a hidden sheet only when no visible one matches, and says so', () => {
    const report = validate(BOTH_HIDDEN);
    // Both hidden: the active tab still goes first.
    expect(report).toMatchObject({ valid: true, period: '2023-06' });
    expect(report.issues).toEqual([
      expect.objectContaining({ severity: 'warning', rule: 'sheet.hidden', sheet: '6月', message: expect.stringContaining('隐藏工作表「6月」') }),
    ]);
  });
});

describe('package parts and rows as other writers store them', () => {
  it('reads parts named with `\\`', () => {
    expect(validate(BACKSLASH)).toMatchObject({ valid: true, unit: '修武县', period: '2023-06', issues: [] });
  });

  it('reads a shared-string part named in another letter case', () => {
    expect(validate(SHARED_STRINGS)).toMatchObject({ valid: true, issues: [] });
  });

  it('makes rows of one number one row', () => {
    // Its data, which holds no date, is read in China's zone only: roster-extract.test.ts.
    expect(validate(ROW_PER_CELL)).toMatchObject({ valid: true, issues: [] });
  });

  it('judges a sheet whose checks cover whole columns', () => {
    const report = validate(WHOLE_COLUMNS);
    expect(report.issues.filter((i: { severity: string }) => i.severity === 'error').map((i: { cell: string }) => i.cell)).toEqual(['N5']);
  });
});
