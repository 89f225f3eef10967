import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DAYS_1904, type CellValue } from '@tianbao/form';
import { columnLetter, MergeSpread, openWorkbook } from '@tianbao/xlsx';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { FIXTURES } from './run.ts';
import { buildZip, unzip } from './zip.ts';

/**
 * Checking reads sheets with its own streaming reader of the sheet XML, not
 * with exceljs. On every workbook of the test corpus (other programs' files
 * and ours), it must read exactly the cells exceljs reads: every value of
 * every sheet, merged cells as shown, and every cell comment.
 */
/**
 * Not compared: dropdowns set on whole columns, which exceljs expands cell by
 * cell (some 50 s for that small file). The marked-up copy test reads every
 * cell of it with both readers, once.
 */
const EXCELJS_TOO_SLOW = new Set(['corpus/openpyxl-whole-column-dropdowns-outfall.xlsx']);

/** The workbooks of the test corpus: other programs' files and ours. */
export const FILES = ['corpus', 'sheetjs', 'libreoffice'].flatMap((dir) =>
  readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => join(dir, f))
    .filter((f) => !EXCELJS_TOO_SLOW.has(f)),
);

/** A roster holds no date: its files are compared in China's zone only (reader-no-dates.test.ts). */
export const isRoster = (file: string) => /roster|名单/.test(file);

/** A value as the form model reads it, from exceljs. */
function excelValue(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if ('richText' in v) return excelValue(v.richText.map((t) => t.text).join(''));
  if ('formula' in v || 'sharedFormula' in v) return excelValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in v) return excelValue((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
  return null;
}

const shown = (v: CellValue) => (v instanceof Date ? `date:${v.toISOString()}` : v);

/** The built-in East Asian date formats (ECMA-376 §18.8.30, zh-CN), which exceljs does not know for dates. */
const CJK_DATES: Record<number, string> = {
  ...Object.fromEntries([27, 36, 50, 52, 57].map((id) => [id, 'yyyy"年"m"月"'])),
  ...Object.fromEntries([28, 29, 51, 53, 54, 58].map((id) => [id, 'm"月"d"日"'])),
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
};

/**
 * The workbook as exceljs needs it to read what its writer meant: the East
 * Asian built-in date formats declared in its styles (exceljs reads their
 * cells as numbers), and ISO dates (`t="d"`, which exceljs reads as day
 * serials: `2023-07-31` as 1905) written as the day serials they stand for;
 * the workbook itself when it needs neither.
 */
function forExceljs(buf: Buffer): Buffer {
  let told = false;
  const parts = unzip(buf).map((p) => {
    const xml = p.data.toString('utf8');
    const to = p.name.toLowerCase() === 'xl/styles.xml' ? cjkDatesDeclared(xml) : /^xl\/worksheets\//i.test(p.name) && xml.includes(' t="d"') ? isoDatesAsSerials(xml) : xml;
    if (to === xml) return p;
    told = true;
    return { ...p, data: Buffer.from(to) };
  });
  // Stored, not deflated again: exceljs reads either.
  return told ? buildZip(parts.map((p) => ({ ...p, stored: true }))) : buf;
}

function cjkDatesDeclared(xml: string): string {
  const used = new Set([...xml.matchAll(/numFmtId="(\d+)"/g)].map((m) => Number(m[1])));
  const declared = Object.entries(CJK_DATES)
    .filter(([id]) => used.has(Number(id)))
    .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code.replaceAll('"', '&quot;')}"/>`)
    .join('');
  if (!declared) return xml;
  return /<numFmts[^>]*>/.test(xml) ? xml.replace(/<numFmts[^>]*>/, (m) => m + declared) : xml.replace(/<styleSheet[^>]*>/, (m) => `${m}<numFmts>${declared}</numFmts>`);
}

/** `<c t="d"><v>2023-07-31</v>` → `<c><v>45138</v>` (the 1900 day system; the cells keep their date style). */
const isoDatesAsSerials = (xml: string): string =>
  xml.replace(/<c([^>]*?) t="d"([^>]*)><v>([^<]*)<\/v>/g, (_, a: string, b: string, v: string) => `<c${a}${b}><v>${Date.parse(`${v}Z`) / 86400000 + 25569}</v>`);

/** What a reader reads of a workbook: every cell with a value and every comment, by `sheet!A1`. */
interface Read {
  cells: Map<string, unknown>;
  notes: Map<string, string>;
}

/** As exceljs reads the workbook (told the East Asian date formats). */
async function byExceljs(buf: Buffer, date1904: boolean): Promise<Read> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(forExceljs(buf) as any);
  // exceljs takes `date1904="1"` only; LibreOffice and SheetJS write `"true"`, which it reads as 1900 dates.
  const shift = date1904 && !wb.properties.date1904 ? DAYS_1904 * 86400000 : 0;
  const out: Read = { cells: new Map(), notes: new Map() };
  for (const ws of wb.worksheets)
    // A comment may sit on an empty cell (a value that is missing).
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const at = `${ws.name}!${cell.address}`;
        let v = excelValue(cell.value);
        if (v instanceof Date) v = new Date(v.getTime() + shift);
        if (v !== null) out.cells.set(at, shown(v));
        const note = cell.note as string | { texts?: { text: string }[] } | undefined;
        const text = typeof note === 'string' ? note : (note?.texts ?? []).map((t) => t.text).join('');
        if (text.trim()) out.notes.set(at, text.trim());
      }),
    );
  return out;
}

/** The same, as checking reads it, and the workbook's day system. */
export async function byStreaming(buf: Buffer): Promise<Read & { date1904: boolean }> {
  const { book } = await openWorkbook(buf);
  const out = { cells: new Map<string, unknown>(), notes: new Map<string, string>(), date1904: book.date1904 };
  for (const sheet of book.sheets) {
    const spread = new MergeSpread(await book.merges(sheet));
    for await (const row of book.rows(sheet))
      spread.spread(row.r, row.cells).forEach((v, c) => {
        if (v !== null && v !== undefined) out.cells.set(`${sheet.name}!${columnLetter(c)}${row.r}`, shown(v));
      });
    for (const [cell, text] of book.notes(sheet)) if (text) out.notes.set(`${sheet.name}!${cell}`, text);
  }
  return out;
}

/** Both readers read `buf` alike, cells and comments, each reading it once: the number of cells with a value. */
export async function same(buf: Buffer): Promise<number> {
  const ours = await byStreaming(buf);
  const theirs = await byExceljs(buf, ours.date1904);
  expect(Object.fromEntries(ours.cells)).toEqual(Object.fromEntries(theirs.cells));
  expect(Object.fromEntries(ours.notes)).toEqual(Object.fromEntries(theirs.notes));
  return ours.cells.size;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** A workbook of the XML cases no program above happened to write, with its sheet's XML given. */
export function handWritten(sheet: string, strings: string[]): Buffer {
  const part = (name: string, xml: string) => ({ name, data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n${xml}`) });
  return buildZip([
    part(
      '[Content_Types].xml',
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    ),
    part('_rels/.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    part('xl/workbook.xml', `<workbook ${NS}><sheets><sheet name="表&amp;一" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    part(
      'xl/_rels/workbook.xml.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    ),
    part(
      'xl/styles.xml',
      `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="14"/><xf numFmtId="31"/></cellXfs></styleSheet>`,
    ),
    part('xl/sharedStrings.xml', `<sst ${NS}>${strings.map((s) => `<si>${s}</si>`).join('')}</sst>`),
    part('xl/worksheets/sheet1.xml', `<worksheet ${NS}><sheetData>${sheet}</sheetData><mergeCells count="1"><mergeCell ref="B4:C5"/></mergeCells></worksheet>`),
  ]);
}
