import { describe, expect, it } from 'vitest';
import { buildZip, unzip } from '../../../test/e2e/zip.ts';
import { markUpCopy, openWorkbook, type NewSheet } from '../src/index.ts';

const RESULT: NewSheet = { name: '审核结果', widths: [6], rows: [[{ value: '结果' }]], merges: [] };
const RED = 'FFFFC7CE';

/** A workbook of two sheets, the second selected and active, a name scoped to it, and the sheet data given for the first. */
function workbook(sheetData: string): Buffer {
  const sheet = (data: string, selected: boolean) =>
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0"/></sheetViews>${data}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  const text = (name: string, s: string) => ({ name, data: Buffer.from(s) });
  return buildZip([
    text('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'),
    text('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    text('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="1"/></bookViews><sheets><sheet name="台账" sheetId="1" r:id="rId1"/><sheet name="说明" sheetId="2" r:id="rId2"/></sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="1">说明!$A$1:$B$2</definedName></definedNames></workbook>'),
    text('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'),
    text('xl/styles.xml', '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs></styleSheet>'),
    text('xl/worksheets/sheet1.xml', sheet(sheetData, false)),
    text('xl/worksheets/sheet2.xml', sheet('<sheetData/>', true)),
  ]);
}
const part = (buf: Buffer, name: string) => unzip(buf).find((p) => p.name === name)!.data.toString();
const sheetData = (buf: Buffer) => /<sheetData>.*<\/sheetData>/.exec(part(buf, 'xl/worksheets/sheet1.xml'))![0];

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
});
