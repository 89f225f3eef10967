import { describe, expect, it } from 'vitest';
import { buildZip, unzip } from '../../../test/e2e/zip.ts';
import { printTitles } from '../src/edit/print.ts';
import { Styles } from '../src/edit/styles.ts';
import { markUpCopy, openWorkbook, type NewSheet } from '../src/index.ts';

const RESULT: NewSheet = { name: '审核结果', widths: [6], rows: [[{ value: '结果' }]], merges: [] };
const RED = 'FFFFC7CE';
const YELLOW = 'FFFFEB9C';
const STYLES =
  '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs></styleSheet>';

/**
 * A workbook of two sheets, the second selected and active, a name scoped to
 * it, and the sheet data given for the first (with what goes before it, as
 * `<cols>`, and after its page margins, as `<pageSetup>`).
 */
function workbook(sheetData: string, styles = STYLES, afterMargins = ''): Buffer {
  const sheet = (data: string, selected: boolean) =>
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0"/></sheetViews>${data}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${selected ? '' : afterMargins}</worksheet>`;
  const text = (name: string, s: string) => ({ name, data: Buffer.from(s) });
  return buildZip([
    text('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'),
    text('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    text('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="1"/></bookViews><sheets><sheet name="台账" sheetId="1" r:id="rId1"/><sheet name="说明" sheetId="2" r:id="rId2"/></sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="1">说明!$A$1:$B$2</definedName></definedNames></workbook>'),
    text('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'),
    text('xl/styles.xml', styles),
    text('xl/worksheets/sheet1.xml', sheet(sheetData, false)),
    text('xl/worksheets/sheet2.xml', sheet('<sheetData/>', true)),
  ]);
}
const part = (buf: Buffer, name: string) => unzip(buf).find((p) => p.name === name)!.data.toString();
const sheetData = (buf: Buffer) => /<sheetData>.*<\/sheetData>/.exec(part(buf, 'xl/worksheets/sheet1.xml'))![0];
/** The cell formats of a styles part, one string each. */
const xfs = (styles: string) => /<cellXfs[^>]*>(.*)<\/cellXfs>/.exec(styles)![1]!.match(/<xf[^>]*?(\/>|>.*?<\/xf>)/g)!;

describe('markUpCopy', () => {
  it('restyles cells where Excel places them: without r, in a row written twice, and adds those not written in order', async () => {
    const input = workbook('<sheetData><row><c><v>1</v></c><c s="1"><v>45000</v></c></row><row r="3"><c r="A3"><v>3</v></c></row><row r="3"><c r="B3"><v>4</v></c></row></sheetData>');
    const marks = ['B1', 'A2', 'B3', 'C3'].map((cell) => ({ sheet: '台账', cell, fill: RED, note: cell }));
    const copy = await markUpCopy(input, marks, RESULT);
    // Styles 2 and 3: copies of the date format 1 and of 0, with the red fill (2).
    expect(sheetData(copy)).toBe(
      '<sheetData><row><c><v>1</v></c><c s="2"><v>45000</v></c></row><row r="2"><c r="A2" s="3"/></row><row r="3"><c r="A3"><v>3</v></c></row><row r="3"><c s="3" r="B3"><v>4</v></c><c r="C3" s="3"/></row></sheetData>',
    );
    const styles = part(copy, 'xl/styles.xml');
    expect(styles).toContain('<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/><xf applyFill="1" numFmtId="14" fontId="0" fillId="2" borderId="0" applyNumberFormat="1"/><xf applyFill="1" numFmtId="0" fontId="0" fillId="2" borderId="0"/></cellXfs>');
    expect(styles).toContain(`<fills count="3">`);
    expect(styles).toContain(`<fgColor rgb="${RED}"/>`);
    const { book } = await openWorkbook(copy);
    expect(book.notes(book.sheets.find((s) => s.name === '台账')!)).toEqual(new Map(marks.map((m) => [m.cell, m.cell])));
  });

  it('finds a sheet whose target is written with %xx escapes, as the reader does', async () => {
    const escaped = unzip(workbook('<sheetData/>')).map((p) =>
      p.name === 'xl/_rels/workbook.xml.rels' ? { ...p, data: Buffer.from(p.data.toString().replace('worksheets/sheet1.xml', 'worksheets/sheet%31.xml')) } : p,
    );
    const copy = await markUpCopy(buildZip(escaped), [{ sheet: '台账', cell: 'A1', fill: RED, note: '注' }], RESULT);
    expect(sheetData(copy)).toBe('<sheetData><row r="1"><c r="A1" s="2"/></row></sheetData>');
  });

  it('puts the added sheet first, active and alone selected, and moves a name scoped to a sheet with it', async () => {
    const copy = await markUpCopy(workbook('<sheetData/>'), [{ sheet: '台账', cell: 'A1', fill: RED, note: '注' }], RESULT);
    const wb = part(copy, 'xl/workbook.xml');
    expect(wb).toContain('<workbookView activeTab="0"/>');
    expect(wb).toContain('<sheets><sheet name="审核结果" sheetId="3" r:id="rIdTb1"/><sheet name="台账"');
    expect(wb).toContain('localSheetId="2">说明!$A$1:$B$2');
    expect(part(copy, 'xl/worksheets/sheet2.xml')).toContain('<sheetView workbookViewId="0"/>');
    expect(sheetData(copy)).toBe('<sheetData><row r="1"><c r="A1" s="2"/></row></sheetData>');
    // The same input and marks give the same bytes.
    expect(Buffer.compare(copy, await markUpCopy(workbook('<sheetData/>'), [{ sheet: '台账', cell: 'A1', fill: RED, note: '注' }], RESULT))).toBe(0);
  });

  it('fills only the marked cells, each from its own format: other cells of that format, even on other sheets, keep theirs', async () => {
    // A format another program wrote: font, border, number format, alignment and protection, in cellXfs without a count, with dxfs after.
    const styles =
      '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="@"/></numFmts><fonts count="2"><font><sz val="11"/></font><font><b/><sz val="12"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="2"><border/><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>' +
      '<cellXfs><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="164" fontId="1" fillId="0" borderId="1" applyNumberFormat="1" applyFont="1" applyBorder="1" applyAlignment="1" applyProtection="1"><alignment horizontal="center" vertical="top" wrapText="1"/><protection locked="0"/></xf></cellXfs>' +
      '<dxfs count="1"><dxf><fill><patternFill><bgColor rgb="FF00FF00"/></patternFill></fill></dxf></dxfs></styleSheet>';
    // A1, B1 share format 1; D1 has no s; C is a column of format 1; row 2 a row of format 1.
    const data =
      '<cols><col min="3" max="3" width="9" style="1" customWidth="1"/></cols><sheetData><row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="1"><v>2</v></c><c r="D1"><v>3</v></c></row><row r="2" s="1" customFormat="1"><c r="A2" s="1"/></row></sheetData>';
    const marks = [
      { sheet: '台账', cell: 'A1', fill: RED, note: '错' },
      { sheet: '台账', cell: 'C1', fill: YELLOW, note: '空着的必填格' },
      { sheet: '台账', cell: 'D1', fill: YELLOW, note: '无样式' },
      { sheet: '台账', cell: 'E1', note: '已说明：不着色' },
      { sheet: '台账', cell: 'B2', fill: RED, note: '行样式' },
      { sheet: '台账', cell: 'C4', fill: RED, note: '新行，列样式' },
      { sheet: '说明', cell: 'A1', fill: RED, note: '另一张表' },
    ];
    const copy = await markUpCopy(workbook(data, styles), marks, RESULT);
    // B1 and A2 keep format 1; one new format per (format, fill): 2 = 1 red, 3 = 1 yellow, 4 = 0 yellow, 5 = 0 red.
    expect(sheetData(copy)).toBe(
      '<sheetData><row r="1"><c r="A1" s="2"><v>1</v></c><c r="B1" s="1"><v>2</v></c><c r="C1" s="3"/><c s="4" r="D1"><v>3</v></c></row><row r="2" s="1" customFormat="1"><c r="A2" s="1"/><c r="B2" s="2"/></row><row r="4"><c r="C4" s="2"/></row></sheetData>',
    );
    expect(/<sheetData>.*<\/sheetData>/.exec(part(copy, 'xl/worksheets/sheet2.xml'))![0]).toBe('<sheetData><row r="1"><c r="A1" s="5"/></row></sheetData>');
    const out = part(copy, 'xl/styles.xml');
    const [was, now] = [xfs(styles), xfs(out)];
    expect(now.slice(0, 2)).toEqual(was);
    // Each a copy of its own format but for the fill: font, border, number format, alignment and protection stay.
    const fills = ['fillId="2"', 'fillId="3"', 'fillId="3"', 'fillId="2"'];
    [1, 1, 0, 0].forEach((base, k) => expect(now[2 + k]).toBe(was[base]!.replace(/^<xf/, '<xf applyFill="1"').replace('fillId="0"', fills[k]!)));
    expect(now).toHaveLength(6);
    expect(out).toContain('<cellXfs count="6">');
    expect(out).toContain(`<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="${RED}"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="${YELLOW}"/>`);
    expect(out).toContain('<dxfs count="1"><dxf><fill><patternFill><bgColor rgb="FF00FF00"/></patternFill></fill></dxf></dxfs>');
    const { book } = await openWorkbook(copy);
    expect(book.notes(book.sheets.find((s) => s.name === '台账')!).get('E1')).toBe('已说明：不着色');
  });

  it('gives a styles part without fills the two reserved ones before its own', () => {
    const styles = new Styles('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><cellXfs><xf fontId="0"/></cellXfs></styleSheet>');
    expect(styles.format(0, { fill: RED })).toBe(1);
    expect(styles.text()).toBe(
      `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="${RED}"/><bgColor indexed="64"/></patternFill></fill></fills><cellXfs count="2"><xf fontId="0"/><xf applyFill="1" fillId="2" fontId="0"/></cellXfs></styleSheet>`,
    );
  });

  it('prints the added sheet on A4 landscape, one page wide, its header on every page, and the comments of a marked sheet at the end', async () => {
    const message = (n: number) => ({ value: '说'.repeat(n), style: { wrap: true } });
    const result: NewSheet = { ...RESULT, rows: [...RESULT.rows, [message(2)], [message(8)], [message(2000)]], titleRow: 2 };
    const copy = await markUpCopy(workbook('<sheetData/>'), [{ sheet: '台账', cell: 'A1', fill: RED, note: '注' }], result);
    const added = part(copy, 'xl/worksheets/sheet3.xml');
    // A row as tall as its wrapped text (in a column 6 wide, 2 characters a line), up to what Excel allows.
    expect(added.match(/<row r="\d+"[^>]*>/g)).toEqual(['<row r="1">', '<row r="2">', '<row r="3" ht="81" customHeight="1">', '<row r="4" ht="409" customHeight="1">']);
    expect(added).toMatch(/^[^]*<worksheet [^>]*><sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr><sheetViews>/);
    expect(added).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/><headerFooter><oddFooter>&amp;C— &amp;P —</oddFooter></headerFooter></worksheet>');
    expect(part(copy, 'xl/workbook.xml')).toContain(
      `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="2">说明!$A$1:$B$2</definedName><definedName name="_tianbao_markup" hidden="1">'审核结果'!$A$1</definedName><definedName name="_xlnm.Print_Titles" localSheetId="0">'审核结果'!$2:$2</definedName></definedNames>`,
    );
    // A sheet without a page setup gets one, in schema order: after the margins, before the comments' drawing.
    expect(part(copy, 'xl/worksheets/sheet1.xml')).toMatch(/<pageMargins [^>]*\/><pageSetup paperSize="9" cellComments="atEnd"\/><legacyDrawing /);
    // One with a page setup keeps it, comments at the end added.
    const setup = '<pageSetup paperSize="8" orientation="landscape" r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>';
    const kept = await markUpCopy(workbook('<sheetData/>', STYLES, setup), [{ sheet: '台账', cell: 'A1', note: '注' }], result);
    expect(part(kept, 'xl/worksheets/sheet1.xml')).toContain(`<pageSetup cellComments="atEnd" ${setup.slice('<pageSetup '.length)}`);
    // A workbook with no names gets its list where the schema has it.
    expect(printTitles('<workbook xmlns="m"><sheets><sheet name="a"/></sheets><calcPr/></workbook>', "审核'结果", 0, 2)).toBe(
      `<workbook xmlns="m"><sheets><sheet name="a"/></sheets><definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'审核''结果'!$2:$2</definedName></definedNames><calcPr/></workbook>`,
    );
  });
});

describe('markUpCopy of a copy it made', () => {
  // What a marking writes in a comment: lines that begin with 【.
  const earlier = { fills: [RED, YELLOW], kept: (_sheet: string, _cell: string, text: string) => text.split('\n').filter((l) => !l.startsWith('【')).join('\n').trim() };
  /** `buf` with the text of one of its parts changed. */
  const edited = (buf: Buffer, name: string, change: (text: string) => string) =>
    buildZip(unzip(buf).map((p) => (p.name === name ? { name, data: Buffer.from(change(p.data.toString())) } : p)));
  const sheets = (buf: Buffer) => [...part(buf, 'xl/workbook.xml').matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);

  it('replaces the sheet it added, and its fills and comments on cells, keeping the clerk’s reply', async () => {
    const input = workbook('<sheetData><row r="1"><c r="A1" s="1"><v>45000</v></c><c r="B1"><v>2</v></c></row></sheetData>');
    const first = await markUpCopy(input, [{ sheet: '台账', cell: 'A1', fill: RED, note: '【错误】甲' }, { sheet: '台账', cell: 'B1', fill: YELLOW, note: '【提示】乙' }], { ...RESULT, titleRow: 1 }, earlier);
    const comments = unzip(first).find((p) => /comments\d*\.xml$/.test(p.name))!.name;
    // The clerk mends A1 and answers B1 under our line; the check now finds a fault in C1.
    const answered = edited(first, comments, (xml) => xml.replace('【提示】乙', '【提示】乙\n已核实'));
    const again = await markUpCopy(answered, [{ sheet: '台账', cell: 'C1', fill: RED, note: '【错误】丙' }], { ...RESULT, titleRow: 1 }, earlier);

    expect(sheets(again)).toEqual(['审核结果', '台账', '说明']);
    const wb = part(again, 'xl/workbook.xml');
    expect(wb.match(/<definedName [^>]*>[^<]*<\/definedName>/g)).toEqual([
      '<definedName name="_xlnm.Print_Area" localSheetId="2">说明!$A$1:$B$2</definedName>',
      `<definedName name="_tianbao_markup" hidden="1">'审核结果'!$A$1</definedName>`,
      `<definedName name="_xlnm.Print_Titles" localSheetId="0">'审核结果'!$1:$1</definedName>`,
    ]);
    // The earlier sheet's part, relationship and content type are gone with it.
    expect(unzip(again).filter((p) => /worksheets\/sheet\d+\.xml$/.test(p.name)).length).toBe(3);
    expect(part(again, 'xl/_rels/workbook.xml.rels').match(/relationships\/worksheet"/g)!.length).toBe(3);
    expect(part(again, '[Content_Types].xml').match(/worksheet\+xml/g)!.length).toBe(3);
    // A1 and B1 have their formats back (B1 had none); C1 is filled from its own (2 and 3 are the earlier marking's).
    expect(sheetData(again)).toBe('<sheetData><row r="1"><c r="A1" s="1"><v>45000</v></c><c s="0" r="B1"><v>2</v></c><c r="C1" s="4"/></row></sheetData>');
    const { book } = await openWorkbook(again);
    expect(book.notes(book.sheets.find((s) => s.name === '台账')!)).toEqual(new Map([['B1', '已核实'], ['C1', '【错误】丙']]));
    // A comment taken out takes its note box with it.
    const vml = unzip(again).find((p) => p.name.endsWith('.vml'))!.data.toString();
    expect([...vml.matchAll(/<x:Row>(\d+)<\/x:Row><x:Column>(\d+)<\/x:Column>/g)].map((m) => `${m[1]},${m[2]}`)).toEqual(['0,1', '0,2']);
    // Marked again the same, the copy is the same: nothing piles up.
    const third = await markUpCopy(again, [{ sheet: '台账', cell: 'C1', fill: RED, note: '【错误】丙' }], { ...RESULT, titleRow: 1 }, earlier);
    expect(part(third, 'xl/styles.xml')).toBe(part(again, 'xl/styles.xml'));
    expect(part(third, 'xl/workbook.xml')).toBe(wb);
  });

  it('never takes a sheet of the workbook’s own that has its name: its sheet is then name（2）', async () => {
    const ours = { ...RESULT, name: '说明' };
    const first = await markUpCopy(workbook('<sheetData/>'), [], ours, earlier);
    expect(sheets(first)).toEqual(['说明（2）', '台账', '说明']);
    const again = await markUpCopy(first, [], ours, earlier);
    expect(sheets(again)).toEqual(['说明（2）', '台账', '说明']);
    expect(part(again, 'xl/workbook.xml')).toContain('<definedName name="_xlnm.Print_Area" localSheetId="2">说明!$A$1:$B$2</definedName>');
  });
});
