import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './run.ts';
import { unzip } from './zip.ts';

/**
 * The corpus of workbooks other programs wrote (corpus.test.ts reads them, in
 * every time zone): that it is all there, and what each file holds, which no
 * time zone changes.
 */
const DIR = join(FIXTURES, 'corpus');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.xlsx'))
  .sort();

/**
 * What each file is there for, checked in its XML so that a regenerated
 * corpus cannot quietly stop exercising it: [part, pattern].
 */
const FEATURES: Record<string, [string, RegExp][]> = {
  'excel-inline-strings-roster.xlsx': [
    ['xl/worksheets/sheet1.xml', /t="inlineStr"><is><t>/],
    ['xl/worksheets/sheet1.xml', /<is><r><rPr><b\/>/],
    ['xl/worksheets/sheet1.xml', /<f t="shared" ref="A3:A14" si="0">ROW\(\)-2<\/f><v>1<\/v>/],
    ['xl/worksheets/sheet1.xml', /<mergeCell ref="B7:B14"\/>/],
  ],
  'excel-rich-text-ledger.xlsx': [
    ['xl/sharedStrings.xml', /<si><r><rPr><b\/>.*?<t>山阳区<\/t><\/r>/],
    ['xl/sharedStrings.xml', /<phoneticPr fontId="1" type="noConversion"\/>/],
    ['xl/sharedStrings.xml', /_x000D_/],
    ['xl/worksheets/sheet1.xml', /<f>DATE\(2023,8,31\)<\/f><v>45169<\/v>/],
    ['xl/worksheets/sheet1.xml', /<mergeCell ref="A4:A7"\/>/],
  ],
  'excel-1904-outfall.xlsx': [
    ['xl/workbook.xml', /date1904="1"/],
    ['xl/worksheets/sheet1.xml', /<f>DATE\(2024,10,31\)<\/f><v>44134<\/v>/],
    ['xl/worksheets/sheet1.xml', /<mergeCell ref="D4:D6"\/>/],
  ],
  'excel-1904-cjk-date-format-ledger.xlsx': [
    ['xl/workbook.xml', /date1904="1"/],
    ['xl/styles.xml', /<xf numFmtId="31"/],
    ['xl/styles.xml', /<xf numFmtId="58"/],
  ],
  'wps-cjk-date-formats-outfall.xlsx': [
    ['xl/styles.xml', /<xf numFmtId="31"/],
    ['xl/styles.xml', /<xf numFmtId="57"/],
    ['xl/styles.xml', /\[DBNum1\]/],
    ['xl/worksheets/sheet1.xml', /t="str"><f>IF\(E6=/],
    ['xl/worksheets/sheet1.xml', /<mergeCell ref="H3:I3"\/>/],
  ],
  'libreoffice-formulas-outfall.xlsx': [
    ['xl/worksheets/sheet1.xml', /<f aca="false">ROW\(\)-4<\/f><v>1<\/v>/],
    ['xl/worksheets/sheet1.xml', /<f aca="false">DATE\(2024,9,30\)<\/f><v>45565<\/v>/],
    ['xl/worksheets/sheet1.xml', /<row r="7"[^>]*hidden="true"/],
    ['xl/worksheets/sheet1.xml', /<col [^>]*hidden="true"[^>]*min="12"/],
    ['xl/worksheets/sheet1.xml', /<mergeCell ref="A2:S2"\/>/],
  ],
  'libreoffice-1904-ledger.xlsx': [
    ['xl/workbook.xml', /date1904="true"/],
    ['xl/sharedStrings.xml', /<r><rPr><b val="true"\/>/],
    ['xl/worksheets/sheet1.xml', /<mergeCell ref="A4:A7"\/>/],
  ],
  // Each organisation's 单位名称 merged down over its persons; telephone numbers typed into General cells.
  'libreoffice-merged-orgs-fire.xlsx': [
    ['xl/worksheets/sheet1.xml', /<mergeCell ref="B4:B6"\/><mergeCell ref="C4:C6"\/>/],
    ['xl/worksheets/sheet1.xml', /<mergeCell ref="B12:B14"\/>/],
    ['xl/worksheets/sheet1.xml', /<c r="H8" s="0" t="n"><v>3916135566<\/v><\/c>/],
    ['xl/worksheets/sheet1.xml', /<f aca="false">ROW\(\)-3<\/f><v>1<\/v>/],
  ],
  'libreoffice-merged-roster.xlsx': [
    ['xl/worksheets/sheet1.xml', /<mergeCell ref="B8:B15"\/>/],
    ['xl/worksheets/sheet1.xml', /<row r="12"[^>]*hidden="true"/],
    ['xl/worksheets/sheet1.xml', /<f aca="false">ROW\(\)-3<\/f><v>1<\/v>/],
    ['xl/sharedStrings.xml', /<b val="true"\/>.*?解放区/],
  ],
  'openpyxl-merged-roster.xlsx': [
    ['xl/worksheets/sheet1.xml', /t="inlineStr"/],
    ['xl/worksheets/sheet1.xml', /<mergeCell ref="B8:B15" \/>/],
    ['xl/worksheets/sheet1.xml', /<row r="10" hidden="1">/],
    ['xl/worksheets/sheet1.xml', /<col hidden="1"[^>]*min="4" max="4"/],
  ],
  // A hidden sheet of last month's ledger before the visible, active one: the visible sheet is the submission.
  'libreoffice-hidden-sheet-ledger.xlsx': [
    ['xl/workbook.xml', /<sheet name="5月" sheetId="1" state="hidden" r:id="rId2"\/>/],
    ['xl/workbook.xml', /activeTab="1"/],
  ],
  // Dates stored as ISO text (`iso_dates=True`), read as the day written in every time zone.
  'openpyxl-iso-dates-ledger.xlsx': [
    ['xl/worksheets/sheet1.xml', /<c r="E4" s="1" t="d"><v>2023-07-31<\/v><\/c>/],
    ['xl/worksheets/sheet1.xml', /<c r="E5" s="2" t="d"><v>2023-08-31<\/v><\/c>/],
  ],
  'openpyxl-1904-ledger.xlsx': [
    ['xl/workbook.xml', /date1904="1"/],
    ['xl/worksheets/sheet1.xml', /<is><r><rPr><b val="1" \/><\/rPr><t>博爱县<\/t><\/r>/],
    ['xl/worksheets/sheet1.xml', /<row r="7" hidden="1">/],
  ],
  'openpyxl-normalise-outfall.xlsx': [['xl/worksheets/sheet1.xml', /１１２．７８６４/]],
  'openpyxl-fullwidth-items-ledger.xlsx': [['xl/worksheets/sheet1.xml', /<t>１．２０２３年１２月３１日\n２．持续推进<\/t>/]],
  'openpyxl-split-info-ledger.xlsx': [['xl/worksheets/sheet1.xml', /<c r="D2" t="inlineStr"><is><t>填报日期：/]],
  'openpyxl-footer-outfall.xlsx': [['xl/worksheets/sheet1.xml', /<mergeCell ref="A7:R7" \/>/]],
  'openpyxl-whole-column-dropdowns-outfall.xlsx': [['xl/worksheets/sheet1.xml', /sqref="L4:L1048576"/]],
  'wps-one-line-items-ledger.xlsx': [['xl/sharedStrings.xml', /<t>（1）受理范围把握不准（2）告知书未载明救济途径<\/t>/]],
  'sheetjs-shared-strings-ledger.xlsx': [
    ['xl/worksheets/sheet1.xml', /<c r="B5" t="s">/],
    ['xl/worksheets/sheet1.xml', /<c r="E6"><v>45230<\/v><\/c>/],
  ],
  'sheetjs-str-cells-roster.xlsx': [
    ['xl/worksheets/sheet1.xml', /<c r="C3" t="str"><v>张宏伟<\/v><\/c>/],
    ['xl/worksheets/sheet1.xml', /<col min="1" max="1" hidden="true"\/>/],
    ['xl/worksheets/sheet1.xml', /<mergeCell ref="B7:B14"\/>/],
  ],
  'sheetjs-1904-outfall.xlsx': [['xl/workbook.xml', /date1904="true"/]],
  'sheetjs-extra-sheets-outfall.xlsx': [['xl/workbook.xml', /<sheet name="填报说明".*<sheet name="博爱县".*<sheet name="主要河流清单"/]],
  // An organisation's cells on its first row only: the rows of its other persons have no 单位名称 (B6).
  'sheetjs-blank-orgs-fire.xlsx': [
    ['xl/worksheets/sheet1.xml', /<c r="A6"><v>2<\/v><\/c><c r="F6" t="str"><v>韩丽娟<\/v><\/c>/],
    ['xl/worksheets/sheet1.xml', /<c r="H6" t="str"><v>（0391）8123456<\/v><\/c>/],
  ],
};

const path = (name: string) => join(DIR, name);
const stem = (name: string) => name.replace(/\.xlsx$/, '');

/** One part of a workbook, as text. */
const zipPart = (file: string, part: string): string => {
  const found = unzip(readFileSync(file)).find((p) => p.name === part);
  if (!found) throw new Error(`${basename(file)} has no ${part}`);
  return found.data.toString('utf8');
};

describe('the corpus', () => {
  it('has ~20 workbooks from every program, each with its expected data', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(12);
    for (const program of ['sheetjs', 'openpyxl', 'libreoffice', 'excel', 'wps']) expect(FILES.some((f) => f.startsWith(`${program}-`))).toBe(true);
    for (const f of FILES) expect(existsSync(path(`${stem(f)}.expected.json`)), f).toBe(true);
    for (const f of Object.keys(FEATURES)) expect(FILES, 'a file named in this test is missing').toContain(f);
  });

  it.each(Object.entries(FEATURES))('%s holds what it is there for', (name, features) => {
    for (const [part, pattern] of features) expect(zipPart(path(name), part), `${name} ${part}`).toMatch(pattern);
  });
});
