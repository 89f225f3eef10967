import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import censusRoster from '@tianbao/template-census-roster';
import reviewLedger from '@tianbao/template-review-ledger';
import { describe, expect, it } from 'vitest';
import { buildZip, centralRecord, unzip, type Part } from '../../../test/e2e/zip.ts';
import { columnLetter, openWorkbook, readWorkbook, writeWorkbook, type Row } from '../src/index.ts';
import { sheetRows } from '../src/sheet/rows.ts';

const dir = mkdtempSync(join(tmpdir(), 'xlsx-hostile-'));
const ledger = await writeWorkbook(reviewLedger, reviewLedger.samples[0]!);
const SHEET = 'xl/worksheets/sheet1.xml';
const STRINGS = 'xl/sharedStrings.xml';

const text = (buf: Buffer, name: string) => unzip(buf).find((p) => p.name === name)!.data.toString('utf8');
/** The ledger with one part replaced (or added). */
const withPart = (name: string, data: Buffer | string, base = ledger): Buffer => {
  const parts = unzip(base).filter((p) => p.name !== name);
  return buildZip([...parts, { name, data: Buffer.from(data) }]);
};
/** The ledger's sheet with `edit` applied to its XML. */
const sheetEdited = (edit: (xml: string) => string) => withPart(SHEET, edit(text(ledger, SHEET)));
/** A sheet of the given rows (inline strings), `after` following the rows. */
const sheetOf = (rows: string, after = '') =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData>${after}</worksheet>`;
const cell = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;

/** What opening gives: the refusal's rule and message, or the rows of the first sheet. */
async function rowsOf(buf: Buffer): Promise<Row[]> {
  const wb = await openWorkbook(buf);
  const rows: Row[] = [];
  for await (const row of wb.book.rows(wb.book.sheets[0]!)) rows.push(row);
  return rows;
}
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { rule?: string; message: string }) => ({ rule: e.rule, message: e.message }),
  );

describe('a path that is not a regular file', () => {
  it('refuses a FIFO at once, with no writer to wait for', async () => {
    const fifo = join(dir, 'x.xlsx');
    execFileSync('mkfifo', [fifo]);
    expect(await refusal(openWorkbook(fifo))).toMatchObject({ rule: 'file.not-regular', message: expect.stringContaining('命名管道') });
  });

  it('refuses a link to /dev/zero without reading from it', async () => {
    const link = join(dir, 'z.xlsx');
    symlinkSync('/dev/zero', link);
    expect(await refusal(readWorkbook(link))).toMatchObject({ rule: 'file.not-regular', message: expect.stringContaining('设备文件') });
  });
});

describe('an archive judged by what it holds, not by what it declares', () => {
  it('refuses a part that inflates past the ratio limit whatever size its directory declares', async () => {
    const buf = withPart(SHEET, sheetOf(' '.repeat(8 * 1048576)));
    buf.writeUInt32LE(5000, centralRecord(buf, SHEET) + 24);
    expect(await refusal(openWorkbook(buf))).toMatchObject({ rule: 'file.zip-bomb', message: expect.stringContaining(SHEET) });
  });

  it('refuses a part whose CRC-32 is not the recorded one', async () => {
    const buf = Buffer.from(ledger);
    const at = centralRecord(buf, STRINGS) + 16;
    buf.writeUInt32LE(buf.readUInt32LE(at) ^ 1, at);
    expect(await refusal(openWorkbook(buf))).toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining(STRINGS) });
  });

  it('refuses two parts of one name, whichever comes first, letter case and `\\` aside', async () => {
    const parts = unzip(ledger);
    const other: Part = { name: 'XL\\worksheets\\sheet1.xml', data: Buffer.from(sheetOf(`<row r="1">${cell('A1', '别的')}</row>`)) };
    for (const order of [[...parts, other], [other, ...parts]])
      expect(await refusal(openWorkbook(buildZip(order)))).toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('同名') });
  });
});

describe('XML that no parser may be shown', () => {
  it('refuses a DOCTYPE deep in a part, across the boundary of two inflated chunks', async () => {
    const strings = text(ledger, STRINGS);
    // Parts inflate in 64 kB chunks: the declaration starts four bytes before the first boundary.
    const prolog = strings.indexOf('?>') + 2;
    const pad = `<!--${'x'.repeat(65536 - 4 - prolog - 7)}-->`;
    const buf = withPart(STRINGS, `${strings.slice(0, prolog)}${pad}<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${strings.slice(prolog)}`);
    expect(await refusal(openWorkbook(buf))).toMatchObject({ rule: 'file.xml-entities', message: expect.stringContaining(STRINGS) });
  });

  it('refuses a DOCTYPE written in UTF-16, in a part of any XML kind', async () => {
    const vml = Buffer.from('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e "e">]><xml/>', 'utf16le');
    const buf = withPart('xl/drawings/vmlDrawing9.vml', Buffer.concat([Buffer.from([0xff, 0xfe]), vml]));
    expect(await refusal(openWorkbook(buf))).toMatchObject({ rule: 'file.xml-entities' });
  });

  it('refuses a character reference past U+10FFFF, naming it', async () => {
    const buf = withPart(STRINGS, text(ledger, STRINGS).replace('<t>', '<t>&#x110000;'));
    expect(await refusal(openWorkbook(buf))).toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('&#x110000;') });
  });

  it('refuses such a reference in a part only exceljs reads before exceljs sees it, naming the part; reading rows, leaves it be', async () => {
    const core = 'docProps/core.xml';
    const buf = withPart(core, text(ledger, core).replace('</cp:coreProperties>', '<dc:title>&#1114112;</dc:title></cp:coreProperties>'));
    expect(await refusal(readWorkbook(buf))).toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining(`${core} 中的字符引用 &#1114112;`) });
    expect(await rowsOf(buf)).toEqual(await rowsOf(ledger));
  });

  it('refuses a shared string with a reference XML does not allow, naming the item', async () => {
    const buf = withPart(STRINGS, text(ledger, STRINGS).replace(/(<si>.*?<si><t[^>]*>)/, '$1&#xD800;'));
    expect(await refusal(openWorkbook(buf))).toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining(`${STRINGS}）第 2 项文字含有无效的字符引用或实体「&#xD800;」`) });
  });

  it('refuses a cell with an unknown entity, naming the sheet and row', async () => {
    const buf = withPart(SHEET, sheetOf(`<row r="1">${cell('A1', '甲')}</row><row r="7">${cell('B7', '乙&nbsp;丙')}</row>`));
    expect(await refusal(rowsOf(buf))).toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('第 7 行含有无效的字符引用或实体「&nbsp;」') });
  });
});

describe('XML read as a parser reads it, or refused', () => {
  const WORKBOOK = 'xl/workbook.xml';
  const RELS = 'xl/_rels/workbook.xml.rels';

  it('takes no element in a comment of a part read whole: a commented-out date system is none', async () => {
    const commented = withPart(WORKBOOK, text(ledger, WORKBOOK).replace('<workbookPr', '<!-- <workbookPr date1904="1"/> --><workbookPr'));
    const wb = await openWorkbook(commented);
    expect(wb.book.date1904).toBe(false);
    expect(await rowsOf(commented)).toEqual(await rowsOf(ledger));
  });

  it("reads a row's number from its own `r`, not from a prefixed one", async () => {
    const buf = withPart(SHEET, sheetOf(`<row x14ac:r="20" r="4">${cell('A4', '甲')}</row>`.replace('<row', '<row xmlns:x14ac="x"')));
    expect(await rowsOf(buf)).toEqual([{ r: 4, cells: [, '甲'] }]);
  });

  it('refuses a row whose attribute names are not XML names, and reads a row of 100,000 attributes in moments', async () => {
    const bad = withPart(SHEET, sheetOf(`<row r="4" 1ht="66">${cell('A4', '甲')}</row>`));
    expect(await refusal(rowsOf(bad))).toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('第 4 行') });
    const many = Array.from({ length: 100_000 }, (_, i) => ` a${i}="1"`).join('');
    const started = Date.now();
    const wide = withPart(SHEET, sheetOf(`<row r="4"${many}>${cell('A4', '甲')}</row>`));
    expect(await rowsOf(wide)).toEqual([{ r: 4, cells: [, '甲'] }]);
    // A held-to-each-other check of every pair took minutes.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('takes no element held in a CDATA section or a prefixed attribute of a part read whole for one', async () => {
    const hidden = withPart(WORKBOOK, text(ledger, WORKBOOK).replace('<workbookPr', '<fileVersion><![CDATA[<workbookPr date1904="1"/>]]></fileVersion><workbookPr x15:date1904="1"'));
    expect((await openWorkbook(hidden)).book.date1904).toBe(false);
  });

  it("reads a row's number from its own attribute, not from text in another's value", async () => {
    const buf = withPart(SHEET, sheetOf(`<row r="5">${cell('A5', '甲')}</row><row z:note=" r='5'" r="6">${cell('A6', '乙')}</row>`.replace('<row z', '<row xmlns:z="z" z')));
    expect(await rowsOf(buf)).toEqual([{ r: 5, cells: [, '甲'] }, { r: 6, cells: [, '乙'] }]);
  });

  it('refuses a comment never ended between rows, and a sheet or the shared strings cut short, wherever the sheet stands', async () => {
    const open = withPart(SHEET, sheetOf(`<row r="1">${cell('A1', '甲')}</row><!-- <row r="2">${cell('A2', '乙')}</row><row r="3">${cell('A3', '丙')}</row>`));
    expect(await refusal(rowsOf(open))).toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('第 1 行附近') });
    // The sheet moved out of xl/worksheets/, where the inspection looks for its end, and cut after a row.
    const moved = unzip(ledger).map((p) =>
      p.name === SHEET ? { ...p, name: 'xl/data/sheet1.xml', data: Buffer.from(text(ledger, SHEET).replace(/(<\/row>)(?![\s\S]*<\/row>)[\s\S]*$/, '$1')) } : p,
    );
    const rels = moved.find((p) => p.name === 'xl/_rels/workbook.xml.rels')!;
    rels.data = Buffer.from(rels.data.toString().replace('worksheets/sheet1.xml', 'data/sheet1.xml'));
    expect(await refusal(rowsOf(buildZip(moved)))).toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('在结尾前被截断') });
    const strings = withPart(STRINGS, text(ledger, STRINGS).replace(/<\/si>[\s\S]*$/, '</si>'));
    expect(await refusal(rowsOf(strings))).toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('在结尾前被截断') });
    // A whole sheet in UTF-16 is said to be one, not cut short.
    const utf16 = withPart(SHEET, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text(ledger, SHEET).replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le')]));
    expect(await refusal(rowsOf(utf16))).toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('是 UTF-16 编码的') });
  });

  it('refuses a part pointed at as two things, as damaged; reads a part of 500,000 processing instructions never ended in moments', async () => {
    const SHEET_RELS = 'xl/worksheets/_rels/sheet1.xml.rels';
    const notes = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../sharedStrings.xml"/></Relationships>`;
    const twice = withPart(SHEET_RELS, notes);
    const wb = await openWorkbook(twice);
    expect(() => wb.book.notes(wb.book.sheets[0]!)).toThrow(expect.objectContaining({ rule: 'file.corrupt', message: expect.stringContaining('被指向了两次') }));
    const started = Date.now();
    const styles = 'xl/styles.xml';
    await refusal(rowsOf(withPart(styles, text(ledger, styles).replace('</styleSheet>', '<?'.repeat(500_000) + '</styleSheet>'))));
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('refuses, as damaged, two sheets of one part and a sheet that is the shared strings', async () => {
    const twice = withPart(WORKBOOK, text(ledger, WORKBOOK).replace('</sheets>', '<sheet name="又一张" sheetId="99" r:id="rId4"/></sheets>'));
    expect(await refusal(rowsOf(twice))).toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('是同一个部件') });
    const posing = withPart(RELS, text(ledger, RELS).replace('Target="worksheets/sheet1.xml"', 'Target="sharedStrings.xml"'));
    expect(await refusal(rowsOf(posing))).toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('共享字符串表') });
  });
});

describe('references past XFD1048576', () => {
  it('refuses a merged range past the last column before spreading it', async () => {
    const buf = sheetEdited((xml) => xml.replace('<mergeCell ', '<mergeCell ref="A1:ZZZZZZ1"/><mergeCell '));
    // A sheet's merged ranges are read when its first rows are first looked at.
    expect(await refusal(openWorkbook(buf).then((wb) => wb.heads[0]!.rows))).toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('A1:ZZZZZZ1') });
  });

  it('refuses a cell past the last column, naming it', async () => {
    const buf = withPart(SHEET, sheetOf(`<row r="1">${cell('A1', '甲')}${cell('XFE1', '乙')}</row>`));
    expect(await refusal(rowsOf(buf))).toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('XFE1') });
  });

  it('refuses a row past the last one, naming it', async () => {
    const buf = withPart(SHEET, sheetOf(`<row r="1">${cell('A1', '甲')}</row><row r="1048577">${cell('A1048577', '乙')}</row>`));
    expect(await refusal(rowsOf(buf))).toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('1048577') });
    const notNumber = withPart(SHEET, sheetOf(`<row r="1">${cell('A1', '甲')}</row><row r="3x">${cell('A3', '乙')}</row>`));
    expect(await refusal(rowsOf(notNumber))).toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('行号「3x」不是数字') });
  });

  it('counts rows as they stand: one stray cell in the last row is one row', async () => {
    const buf = withPart(SHEET, sheetOf(`<row r="1">${cell('A1', '甲')}</row><row r="1048576">${cell('B1048576', '乙')}</row>`));
    expect((await rowsOf(buf)).map((r) => [r.r, r.cells.filter(Boolean)])).toEqual([
      [1, ['甲']],
      [1048576, ['乙']],
    ]);
  });

  it('reads a row of 16,384 cells, arriving in small chunks, in time in proportion to its length', async () => {
    // No `s` or `t` in the cells, and 64-byte chunks: nothing may be searched for past its cell, nor the row read again each chunk.
    const cells = Array.from({ length: 16384 }, (_, i) => `<c r="${columnLetter(i + 1)}1"><v>${i}.${'0'.repeat(80)}</v></c>`);
    const xml = sheetOf(`<row r="1">${cells.join('')}</row>`);
    async function* chunks() {
      for (let i = 0; i < xml.length; i += 64) yield xml.slice(i, i + 64);
    }
    const rows: Row[] = [];
    for await (const row of sheetRows(chunks(), { strings: [], dates: [], date1904: false }, 'Sheet1')) rows.push(row);
    expect(rows[0]!.cells.length).toBe(16385);
    expect(rows[0]!.cells[16384]).toBe(16383);
  });
});

describe('rows out of order', () => {
  it('are read in row order, rows of one number made one, as Excel reads them', async () => {
    const rows = `<row r="1">${cell('A1', '一')}</row><row r="3">${cell('A3', '三')}</row><row r="2">${cell('A2', '二')}</row><row r="3">${cell('B3', '叁')}</row>`;
    expect((await rowsOf(withPart(SHEET, sheetOf(rows)))).map((r) => [r.r, r.cells.filter(Boolean)])).toEqual([
      [1, ['一']],
      [2, ['二']],
      [3, ['三', '叁']],
    ]);
  });

  it('in a roster: the list is read in row order', async () => {
    const roster = await writeWorkbook(censusRoster, censusRoster.samples[0]!);
    const xml = text(roster, SHEET);
    const [r4, r5] = [/<row r="4".*?<\/row>/.exec(xml)![0], /<row r="5".*?<\/row>/.exec(xml)![0]];
    const wb = await openWorkbook(withPart(SHEET, xml.replace(r4 + r5, r5 + r4), roster));
    const rows: number[] = [];
    for await (const row of wb.book.rows(wb.book.sheets[0]!)) rows.push(row.r);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(rows).toContain(4);
  });
});

describe('a workbook opened whole (for a marked-up copy)', () => {
  it('passes the same checks before exceljs sees it: a merged range past XFD', async () => {
    const buf = sheetEdited((xml) => xml.replace('<mergeCell ', '<mergeCell ref="A1:XFE1"/><mergeCell '));
    expect(await refusal(readWorkbook(buf))).toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('A1:XFE1') });
  });

  it('refuses columns past XFD, which exceljs would make one by one', async () => {
    const buf = sheetEdited((xml) => xml.replace(/<col /, '<col min="20" max="20000" width="9"/><col '));
    expect(await refusal(readWorkbook(buf))).toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('max="20000"') });
  });

  it('refuses a DOCTYPE past the first 4 kB', async () => {
    const strings = text(ledger, STRINGS);
    const buf = withPart(STRINGS, strings.replace('?>', `?><!--${'x'.repeat(5000)}--><!DOCTYPE x [<!ENTITY e "e">]>`));
    expect(await refusal(readWorkbook(buf))).toMatchObject({ rule: 'file.xml-entities' });
  });
});
