import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { markUpCopy, openWorkbook, type CellMark, type NewSheet } from '@tianbao/xlsx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempDir, tianbao } from './run.ts';
import { unzip } from './zip.ts';

// Every workbook written by another program (fixtures/corpus/, fixtures/real-files/) is marked up
// and read back: the copy must hold every cell, number format, merge, width and dropdown of the input.
const FILES = ['corpus', 'real-files'].flatMap((dir) =>
  readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((f) => join(FIXTURES, dir, f)),
);
const RED = 'FFFFC7CE';
const YELLOW = 'FFFFEB9C';
const RESULT: NewSheet = {
  name: '审核结果',
  widths: [6, 16],
  rows: [[{ value: '审核结果：不通过', style: { bold: true } }], [{ value: 1 }, { value: '→', link: { sheet: '', cell: 'A1' } }]],
  merges: ['A1:B1'],
};
const sha = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');
/** exceljs spreads a dropdown over every cell of its range: a whole column takes it minutes and gigabytes. */
const wholeColumns = (buf: Buffer) => unzip(buf).some((p) => /sqref="[^"]*\d{7}/.test(p.data.toString()));

/**
 * A workbook read once by the project's reader: every row of every sheet, empty cells and rows left out; the last
 * row each sheet gives (empty or not); and the book, for its comments.
 */
async function read(buf: Buffer) {
  const { book } = await openWorkbook(buf);
  const cells = new Map<string, Map<number, unknown[]>>();
  const last = new Map<string, number>();
  for (const sheet of book.sheets) {
    const rows = new Map<number, unknown[]>();
    last.set(sheet.name, 0);
    for await (const row of book.rows(sheet)) {
      last.set(sheet.name, row.r);
      const values = Array.from(row.cells, (v) => v ?? null);
      while (values.length && values.at(-1) === null) values.pop();
      if (values.length) rows.set(row.r, values);
    }
    cells.set(sheet.name, rows);
  }
  return { book, cells, last };
}

/** The marks made on each sheet, by its last row: its first cell, a cell past its last column, and a cell past its last row. */
const marksFor = (lastRows: Map<string, number>): CellMark[] =>
  [...lastRows].flatMap(([sheet, last]) => [
    { sheet, cell: 'A1', fill: RED, note: `错误 ${sheet}!A1` },
    { sheet, cell: 'AZ2', fill: YELLOW, note: `提示 ${sheet}!AZ2` },
    { sheet, cell: `C${last + 2}`, fill: RED, note: `错误 ${sheet}!C${last + 2}` },
  ]);

/** A part of an archive by name (any letter case), as text. */
const part = (buf: Buffer, name: string) => unzip(buf).find((p) => p.name.toLowerCase() === name.toLowerCase())?.data.toString() ?? '';
/** The sheet parts of an archive by sheet name, through the workbook and its relationships. */
function sheetParts(buf: Buffer): Map<string, string> {
  const parts = unzip(buf);
  const text = (re: RegExp) => parts.find((p) => re.test(p.name.replace(/\\/g, '/')))?.data.toString() ?? '';
  const workbook = text(/^xl\/workbook\.xml$/i);
  const rels = text(/^xl\/_rels\/workbook\.xml\.rels$/i);
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\s[^>]*?name="([^"]*)"[^>]*?(?:r|\w+):id="([^"]*)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]*)"|Target="([^"]*)"[^>]*Id="${m[2]}"`).exec(rels);
    const path = (target?.[1] ?? target?.[2] ?? '').replace(/^\/?(xl\/)?/, '');
    out.set(m[1]!, text(new RegExp(`^xl/${path.replace(/[.]/g, '\\.')}$`, 'i')));
  }
  return out;
}
/** A sheet's XML without the page setup marking adds or changes: comments printed at the end (instead of as the input had it). */
const commentsPrinted = (xml: string) => xml.replace(/<(\w+:)?pageSetup paperSize="9" cellComments="atEnd"\/>/g, '').replace(/(<(?:\w+:)?pageSetup\s[^>]*?)\scellComments="[^"]*"/g, '$1');
/** The blocks of a sheet's XML that the copy keeps byte for byte (but for comments printed at the end). */
const kept = (xml: string) => ['cols', 'mergeCells', 'dataValidations', 'sheetFormatPr', 'conditionalFormatting', 'pageSetup'].map((n) => new RegExp(`<(?:\\w+:)?${n}[\\s>][\\s\\S]*?</(?:\\w+:)?${n}>|<(?:\\w+:)?${n}\\s[^>]*/>`).exec(commentsPrinted(xml))?.[0] ?? '');
/** A sheet's XML with what marking changes taken out: style indexes, cells and rows added empty, the comments' drawing and printing, the tab selection. */
const unmarked = (xml: string) =>
  commentsPrinted(xml)
    .replace(/\ss="\d+"/g, '')
    .replace(/\stabSelected="[^"]*"/g, '')
    .replace(/<legacyDrawing xmlns:tbr="[^"]*" tbr:id="[^"]*"\/>/g, '')
    .replace(/<(\w+:)?c r="[A-Z]+\d+"\/>/g, '')
    .replace(/<(\w+:)?row r="\d+"><\/(\w+:)?row>/g, '');

describe('a marked-up copy of every corpus file', () => {
  for (const file of FILES) {
    it(file.slice(FIXTURES.length + 1), async () => {
      const input = readFileSync(file);
      const before = sha(input);
      const { cells: was, last } = await read(input);
      const marks = marksFor(last);
      const copy = await markUpCopy(file, marks, RESULT);
      expect(sha(readFileSync(file))).toBe(before);

      // Every cell of the input, read back by the project's reader; the result sheet comes first.
      const { cells: now, book } = await read(copy);
      expect([...now.keys()]).toEqual(['审核结果', ...was.keys()]);
      for (const [name, rows] of was) expect(now.get(name), name).toEqual(rows);
      for (const sheet of book.sheets.slice(1)) {
        const notes = book.notes(sheet);
        for (const m of marks.filter((m) => m.sheet === sheet.name)) expect(notes.get(m.cell), m.cell).toContain(m.note);
      }

      // Sheet XML as it was, but for the style indexes of the marked cells and what the comments need.
      const [partsWas, partsNow] = [sheetParts(input), sheetParts(copy)];
      for (const [name, xml] of partsWas) {
        expect(kept(partsNow.get(name)!), name).toEqual(kept(xml));
        expect(unmarked(partsNow.get(name)!), name).toBe(unmarked(xml));
      }
      expect(part(copy, 'xl/workbook.xml')).toMatch(/activeTab="0"/);
      expect(partsNow.get('审核结果')).toContain(`<hyperlink ref="B2" location="''!A1"`);

      // exceljs too: every value and number format, the fills and comments on the marked cells.
      if (wholeColumns(input)) return;
      const strict = part(input, 'xl/workbook.xml').includes('http://purl.oclc.org/ooxml/');
      const [a, b] = [new ExcelJS.Workbook(), new ExcelJS.Workbook()];
      await a.xlsx.load(input as any);
      await b.xlsx.load(copy as any);
      expect(b.worksheets[0]!.name).toBe('审核结果');
      for (const ws of a.worksheets) {
        const other = b.getWorksheet(ws.name)!;
        ws.eachRow({ includeEmpty: false }, (row, r) =>
          row.eachCell({ includeEmpty: false }, (cell, c) => {
            const mine = other.getCell(r, c);
            expect(mine.value, `${ws.name}!${cell.address}`).toEqual(cell.value);
            // exceljs names no format of a cell with no style, and 'General' one whose style has format 0.
            expect(mine.numFmt ?? 'General', `${ws.name}!${cell.address}`).toEqual(cell.numFmt ?? 'General');
          }),
        );
        expect(other.model.merges ?? []).toEqual(ws.model.merges ?? []);
        // exceljs lists as many columns as there are cells: the mark in AZ2 adds some, of no width.
        expect(other.columns?.slice(0, ws.columns?.length ?? 0).map((c) => c.width)).toEqual(ws.columns?.map((c) => c.width) ?? []);
        for (const m of marks.filter((m) => m.sheet === ws.name)) {
          expect((other.getCell(m.cell).fill as ExcelJS.FillPattern).fgColor?.argb, m.cell).toBe(m.fill);
          // exceljs reads no comments through Strict relationships; the project's reader did above.
          if (!strict) expect(JSON.stringify(other.getCell(m.cell).note), m.cell).toContain(m.note);
        }
      }
    });
  }
});

describe('validate --annotate on a file exceljs cannot open in time', () => {
  it('marks the one error at N5 of a checklist whose dropdowns cover whole columns, in the bounds of checking', async () => {
    const src = join(FIXTURES, 'real-files', '修武县入河排污口排查整治台账-whole-column-dropdowns.xlsx');
    const dir = tempDir();
    const back = tempDir();
    copyFileSync(src, join(dir, 'a.xlsx'));
    // The old copy, exceljs opening the workbook whole, took 90–150 s and 2.7 GB.
    const r = await tianbao(['validate', dir, '--annotate', back, '--format', 'json', '--time-limit', '20', '--memory-limit', '400']);
    const issues = JSON.parse(r.stdout).files[0].issues;
    expect(issues).toMatchObject([{ severity: 'error', cell: 'N5' }]);
    expect(r.stderr).toContain(`批注副本：${join(back, 'a-批注.xlsx')}`);
    const copy = readFileSync(join(back, 'a-批注.xlsx'));
    const { book } = await openWorkbook(copy);
    expect(book.sheets[0]!.name).toBe('审核结果');
    expect(book.notes(book.sheets.find((s) => s.name === issues[0].sheet)!).get('N5')).toContain(issues[0].message);
    expect(sheetParts(copy).get('审核结果')).toContain(`location="'${issues[0].sheet}'!N5"`);
  });
});

describe('a comment already on a marked cell', () => {
  it('is kept, ours after it', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(FIXTURES, 'sheetjs', 'outfall-faulty.xlsx'));
    const ws = wb.getWorksheet('排污口清单')!;
    ws.getCell('N7').note = '已报请县政府同意保留';
    const file = join(tempDir(), 'noted.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const copy = await markUpCopy(file, [{ sheet: '排污口清单', cell: 'N7', fill: RED, note: '【错误】整治方式不对' }, { sheet: '排污口清单', cell: 'B5', fill: YELLOW, note: '【提示】核实' }], RESULT);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(copy as any);
    const note = JSON.stringify(back.getWorksheet('排污口清单')!.getCell('N7').note);
    expect(note).toContain('已报请县政府同意保留');
    expect(note).toContain('【错误】整治方式不对');
    expect(JSON.stringify(back.getWorksheet('排污口清单')!.getCell('B5').note)).toContain('【提示】核实');
    const { book } = await openWorkbook(copy);
    expect(book.notes(book.sheets.find((s) => s.name === '排污口清单')!).get('N7')).toBe('已报请县政府同意保留\n【错误】整治方式不对');
  });
});

