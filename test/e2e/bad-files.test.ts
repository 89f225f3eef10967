import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import { forms } from '@tianbao/forms';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import reviewLedger from '@tianbao/template-review-ledger';
import { checkFile, MAX_ISSUES } from '@tianbao/validate';
import { bigChecklist } from '../bench/big-checklist.ts';
import { columnLetter, LIMITS, writeWorkbook } from '@tianbao/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, type Run, tempDir, tianbao } from './run.ts';
import { buildZip, centralRecord, unzip, type Part } from './zip.ts';

const dir = tempDir();
const good = await writeWorkbook(reviewLedger, reviewLedger.samples[0]!);

/** An OLE2 compound file header, then the UTF-16 name of one stream, as Excel's containers hold them. */
const ole = (stream: string) => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504), Buffer.from(stream, 'utf16le'), Buffer.alloc(512)]);

/** Our workbook (by default a ledger) with one part replaced. */
const withPart = (name: string, data: Buffer | string, stored = false, base = good): Buffer =>
  buildZip(unzip(base).map((p): Part => (p.name === name ? { name, data: Buffer.from(data), stored } : p)));

/** A checklist's header, then `rows` rows of `cells` (numbered), each row as `cells` gives them. */
const longList = (rows: number, cells: (r: number) => string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${outfallChecklist.layout.columns
    .map((c, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${c.header}</t></is></c>`)
    .join('')}</row>${Array.from({ length: rows }, (_, i) => `<row r="${i + 2}">${cells(i + 2)}</row>`).join('')}</sheetData></worksheet>`;
const checklist = await writeWorkbook(outfallChecklist, outfallChecklist.samples[0]!);
const partText = (buf: Buffer, name: string) => unzip(buf).find((p) => p.name === name)!.data.toString('utf8');
/** A copy of `buf` whose central directory says otherwise of `name`: the 32-bit field at `field` in its record made `lie(it)`. */
const declaring = (buf: Buffer, name: string, field: number, lie: (n: number) => number) => {
  const out = Buffer.from(buf);
  const at = centralRecord(out, name) + field;
  out.writeUInt32LE(lie(out.readUInt32LE(at)) >>> 0, at);
  return out;
};

/** The number of the row holding the first `<v>` of the good ledger's sheet, and the sheet's name: where a cell's text is made damaged below. */
const firstValueRow = Number(/<row r="(\d+)"(?:(?!<row )[\s\S])*?<v>/.exec(partText(good, 'xl/worksheets/sheet1.xml'))![1]);

/** Each case: its rule, words of its message, the file, and where its one error is when it names a sheet, or a sheet's row. */
const CASES: [string, string, () => Buffer, { sheet: string; row?: number }?][] = [
  ['file.empty', '文件是空的', () => Buffer.alloc(0)],
  ['file.xls', '旧版 Excel 97-2003', () => ole('Workbook')],
  ['file.encrypted', '设置了打开密码', () => ole('EncryptedPackage')],
  ['file.not-xlsx', '文件内容是文本', () => Buffer.from('单位,存在问题,改进措施\n修武县,补正通知未一次性告知,制定清单\n', 'utf8')],
  ['file.not-xlsx', '是Word 文档', () => buildZip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }])],
  ['file.corrupt', '不完整或已损坏', () => good.subarray(0, Math.floor(good.length / 2))],
  // Two stray bytes: too short to be anything.
  ['file.corrupt', '不是有效的 .xlsx', () => Buffer.from([0x00, 0x01])],
  // A picture renamed .xlsx.
  ['file.corrupt', '不是有效的 .xlsx', () => Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200)])],
  ['file.zip-bomb', '压缩比超过', () => withPart('xl/worksheets/sheet1.xml', Buffer.alloc(4 * 1048576, 0x20))],
  [
    'file.xml-entities',
    'DOCTYPE',
    () =>
      withPart(
        'xl/workbook.xml',
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><workbook>&lol2;</workbook>',
      ),
  ],
  ['file.too-many-rows', `超过可检查的上限 ${LIMITS.rows} 行（标题、表头等各行都计入）`, () => withPart('xl/worksheets/sheet1.xml', longList(LIMITS.rows, (r) => `<c r="B${r}"><v>${r}</v></c>`), false, checklist)],
  // Its directory declares 5,000 bytes for a sheet that inflates to 8 MB.
  ['file.zip-bomb', '压缩比超过', () => declaring(withPart('xl/worksheets/sheet1.xml', Buffer.alloc(8 * 1048576, 0x20)), 'xl/worksheets/sheet1.xml', 24, () => 5000)],
  ['file.corrupt', '校验和不符', () => declaring(good, 'xl/sharedStrings.xml', 16, (crc) => crc ^ 1)],
  ['file.corrupt', '同名的部件', () => buildZip([...unzip(good), { name: 'xl/Worksheets/Sheet1.xml', data: Buffer.from('<worksheet/>') }])],
  ['file.xml-entities', 'DOCTYPE', () => withPart('xl/sharedStrings.xml', partText(good, 'xl/sharedStrings.xml').replace('?>', `?><!--${'x'.repeat(5000)}--><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>`))],
  ['file.corrupt', '&#x110000;', () => withPart('xl/sharedStrings.xml', partText(good, 'xl/sharedStrings.xml').replace('<t>', '<t>&#x110000;'))],
  ['file.corrupt', '「&#xD800;」', () => withPart('xl/sharedStrings.xml', partText(good, 'xl/sharedStrings.xml').replace('<t>', '<t>&#xD800;'))],
  ['file.corrupt', '「&nbsp;」', () => withPart('xl/worksheets/sheet1.xml', partText(good, 'xl/worksheets/sheet1.xml').replace('<v>', '<v>&nbsp;')), { sheet: '问题台账', row: firstValueRow }],
  ['file.corrupt', 'A1:ZZZZZZ1', () => withPart('xl/worksheets/sheet1.xml', partText(good, 'xl/worksheets/sheet1.xml').replace('<mergeCell ', '<mergeCell ref="A1:ZZZZZZ1"/><mergeCell ')), { sheet: '问题台账' }],
  ['file.corrupt', 'XFE3', () => withPart('xl/worksheets/sheet1.xml', partText(good, 'xl/worksheets/sheet1.xml').replace('r="E3"', 'r="XFE3"')), { sheet: '问题台账', row: 3 }],
  // A cell left open: read as far as it goes, the next cell would be lost.
  ['file.corrupt', 'XML 无法读取', () => withPart('xl/worksheets/sheet1.xml', partText(good, 'xl/worksheets/sheet1.xml').replace('</v></c>', '</v>')), { sheet: '问题台账', row: firstValueRow }],
];

/** The hostile fixtures (see test/fixtures/hostile/README.md) and what checking each must say. */
const HOSTILE: [string, string, string][] = [
  ['merge-A1-ZZZZZZ1.xlsx', 'file.corrupt', 'A1:ZZZZZZ1'],
  ['wide-row-200000.xlsx', 'file.corrupt', 'XFE12'],
  ['size-lie-bomb.xlsx', 'file.zip-bomb', '压缩比超过'],
  ['xxe-after-4k.xlsx', 'file.xml-entities', 'DOCTYPE'],
  // Rows 5 and 6 swapped: read in row order, it is a valid roster.
  ['roster-rows-out-of-order.xlsx', 'valid', ''],
];

/**
 * One `validate` run over every file judged here but the widest: each case, a good ledger, the hostile fixtures,
 * a checklist with a cell too long and one with more issues than anyone reads; the run, each file's report by
 * its path, and each case's path and bytes.
 */
const batch = tempDir();
const caseFiles = CASES.map(([rule], i) => join(batch, `${String(i).padStart(2, '0')}-${rule}.xlsx`));
const caseBytes = CASES.map(([, , make]) => make());
const longCell = join(dir, 'long-cell.xlsx');
const manyIssues = join(dir, 'many-issues.xlsx');
const hostile = HOSTILE.map(([name]) => join(FIXTURES, 'hostile', name));
let run: Run;
let reportOf: (file: string) => any;
beforeAll(async () => {
  caseFiles.forEach((file, i) => writeFileSync(file, caseBytes[i]!));
  writeFileSync(join(batch, 'zz-修武县2023年6月.xlsx'), await writeWorkbook(reviewLedger, reviewLedger.samples[4]!));
  const sample = outfallChecklist.samples.find((s) => s.unit === '修武县')!;
  const long = { ...sample, outfalls: sample.outfalls.map((o, i) => (i === 2 ? { ...o, remark: '说明'.repeat(20000) } : o)) };
  writeFileSync(longCell, await writeWorkbook(outfallChecklist, long));
  // Every outfall with the first one's code and a place far outside the city: two errors each, some 1,200 in all.
  const list = bigChecklist(600);
  writeFileSync(manyIssues, await writeWorkbook(outfallChecklist, { ...list, outfalls: list.outfalls.map((o) => ({ ...o, code: list.outfalls[0]!.code, lat: 20 })) }));
  run = await tianbao(['validate', batch, ...hostile, longCell, manyIssues, '--format', 'json', '--time-limit', '30']);
  const files = JSON.parse(run.stdout).files as any[];
  reportOf = (file) => files.find((f) => f.file === file);
});

describe('hostile files get one verdict each', () => {
  it.each(HOSTILE)('%s: %s', (name, rule, words) => {
    const r = reportOf(join(FIXTURES, 'hostile', name));
    if (rule === 'valid') return expect(r).toMatchObject({ valid: true, template: 'census-roster', issues: [] });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ severity: 'error', rule, message: expect.stringContaining(words) });
  });

  it.each([
    ['a link to /dev/zero', (file: string) => symlinkSync('/dev/zero', file)],
    ['a FIFO', (file: string) => execFileSync('mkfifo', [file])],
  ])('%s named .xlsx: one error, at once', async (_, make) => {
    const file = join(tempDir(), 'x.xlsx');
    make(file);
    const r = await checkFile(file, { forms, units: defaultUnits, timeLimit: 30 });
    expect(r.issues).toEqual([expect.objectContaining({ rule: 'file.not-regular', sheet: null, cell: null })]);
  });
});

describe('files that are not what they claim', () => {
  it.each(CASES.map(([rule, words, , place], i) => [rule, words, place, i] as const))('%s: %s', (rule, words, place, i) => {
    const r = reportOf(caseFiles[i]!);
    expect(r).toMatchObject({ valid: false, template: null });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ severity: 'error', rule, sheet: place?.sheet ?? null, cell: null, row: place?.row ?? null });
    expect(r.issues[0]!.message).toContain(words);
    // Never modified, whatever it is.
    expect(Buffer.compare(readFileSync(caseFiles[i]!), caseBytes[i]!)).toBe(0);
  });

  it('checks a sheet of many cells and writes its marked-up copy', async () => {
    // 50,000 rows of 11 numbers beside the table: 550,000 cells, more than exceljs could open whole.
    const beside = (r: number) => Array.from({ length: 11 }, (_, i) => `<c r="${columnLetter(20 + i)}${r}"><v>${i}</v></c>`).join('');
    const file = join(dir, 'wide.xlsx');
    writeFileSync(file, withPart('xl/worksheets/sheet1.xml', longList(50_000, beside), false, checklist));
    const r = await tianbao(['validate', file, '--format', 'json', '--annotate', join(dir, 'back')]);
    const [report] = JSON.parse(r.stdout).files;
    expect(report).toMatchObject({ template: 'outfall-checklist', detectedBy: 'metadata' });
    // Nothing but numbers beside the table: the list itself is empty, so a zero report is to be confirmed.
    expect(report.issues.map((i: any) => i.rule)).toEqual(['outfall.title.missing', 'outfall.zero-report']);
    expect(r.stderr).toContain(`批注副本：${join(dir, 'back', 'wide-批注.xlsx')}`);
  });

  it('flags a cell over 32,767 characters and judges the rest', () => {
    const r = reportOf(longCell);
    expect(r.issues.map((i: any) => `${i.rule}@${i.cell}`)).toEqual(['cell.too-long@R6']);
    expect(r.issues[0]!.message).toContain('40000');
  });

  it('never stops a batch: each bad file is one line, the good one is still checked', () => {
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    // The folder's cases and its good ledger; besides, the hostile files (one of them valid), the long cell and the many issues.
    const others = HOSTILE.length + 2;
    expect(report.summary).toMatchObject({ files: CASES.length + 1 + others, valid: 1 + 1, invalid: CASES.length + others - 1 });
    expect(caseFiles.map((file) => reportOf(file).issues[0].rule)).toEqual(CASES.map(([rule]) => rule));
  });
});

describe('a file with more issues than anyone reads', () => {
  it('lists the first 1,000 and counts the rest in one last issue, and the text report prints', async () => {
    const text = await tianbao(['validate', manyIssues]);
    const report = reportOf(manyIssues);
    expect(report.valid).toBe(false);
    expect(report.issues).toHaveLength(MAX_ISSUES + 1);
    expect(report.issues.at(-1)).toMatchObject({ severity: 'error', rule: 'file.too-many-issues', cell: null });
    const [, more, errors] = report.issues.at(-1).message.match(/另有 (\d+) 处问题未列出（其中错误 (\d+) 处/).map(Number);
    expect(report.unlisted).toEqual({ errors, warnings: more - errors, explained: 0 });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('[file.too-many-issues]');
    // The summary counts every finding, listed or not, and not the notice of those unlisted.
    expect(text.stdout.trim().split('\n').at(-1)).toBe(`共 1 个文件：0 个通过，1 个不通过；错误 ${MAX_ISSUES + errors} 条，提示 ${more - errors} 条`);
  });
});
