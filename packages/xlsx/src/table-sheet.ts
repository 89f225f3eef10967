import type ExcelJS from 'exceljs';
import type { SheetSpec } from '@tianbao/form';
import { commitRow, type BookWriter } from './book-writer.ts';
import { BODY_FONT, BODY_SIZE, DATE_FORMAT, PAGE_FOOTER, TITLE_FONT, heightFor, linesFor, markFill, thin, writeHeaders } from './style.ts';

/** A computed or reference table on a sheet of its own: title, header, rows, marked cells, notes. */
export async function writeTableSheet(book: BookWriter, spec: SheetSpec): Promise<void> {
  const { columns, rows, marks = [] } = spec.table;
  const n = columns.length;
  const ws = book.addWorksheet(spec.name, {
    views: [{ state: 'frozen', ySplit: 2, xSplit: 0, showGridLines: false }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' },
    headerFooter: PAGE_FOOTER,
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
  const body: Partial<ExcelJS.Font> = { name: BODY_FONT, size: BODY_SIZE };
  const marksOf = new Map<number, typeof marks>();
  for (const m of marks) marksOf.set(m.row, [...(marksOf.get(m.row) ?? []), m]);

  ws.mergeCells(1, 1, 1, n);
  const title = ws.getCell(1, 1);
  title.value = spec.title;
  title.font = { name: TITLE_FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 32;
  await commitRow(ws.getRow(1));

  writeHeaders(ws, 2, columns.map((c) => c.header));
  ws.getRow(2).height = 28;
  await commitRow(ws.getRow(2));

  let r = 3;
  for (const [i, values] of rows.entries()) {
    let lines = 1;
    values.forEach((v, k) => {
      const cell = ws.getCell(r, k + 1);
      cell.value = v;
      cell.font = body;
      cell.border = thin;
      cell.alignment = { wrapText: true, vertical: 'top', horizontal: typeof v === 'number' ? 'right' : 'left' };
      if (columns[k]?.percent) cell.numFmt = '0.0%';
      else if (v instanceof Date) cell.numFmt = DATE_FORMAT;
      if (typeof v === 'string') lines = Math.max(lines, linesFor(v, columns[k]?.width ?? 10));
    });
    for (const m of marksOf.get(i) ?? []) ws.getCell(r, m.column + 1).fill = markFill[m.severity];
    ws.getRow(r).height = heightFor(lines);
    await commitRow(ws.getRow(r++));
  }

  for (const note of spec.notes ?? []) {
    ws.mergeCells(r, 1, r, n);
    const cell = ws.getCell(r, 1);
    cell.value = note;
    cell.font = body;
    cell.alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r).height = heightFor(linesFor(note, columns.reduce((s, c) => s + c.width, 0)));
    await commitRow(ws.getRow(r++));
  }
  ws.commit();
}
