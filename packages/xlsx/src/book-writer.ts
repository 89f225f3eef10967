import { once, type EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { setImmediate as turn } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { stampZip } from './zip.ts';

/**
 * A workbook written as it goes: each sheet is added in order, its rows
 * committed top to bottom, and a committed row is XML in the zip, no longer
 * in memory.
 */
export type BookWriter = ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * A workbook dated `date`, its sheets written by `fill`. Every entry of the
 * archive is stamped with that date, so the same sheets give the same bytes.
 */
export async function writeBook(date: Date, fill: (book: BookWriter) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const bytes = buffer(out);
  // Shared strings, as Excel writes them; zlib's default level, as exceljs's
  // in-memory writer used (the streamed one's fastest level makes files a third larger).
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true, zip: { zlib: { level: 6 } } });
  const add = book.addWorksheet.bind(book);
  book.addWorksheet = (name, options) => withOpenHeights(inSchemaOrder(add(name, options)));
  book.creator = book.lastModifiedBy = 'tianbao';
  book.created = book.modified = date;
  await fill(book);
  await book.commit();
  return stampZip(await bytes, date);
}

/** The parts of exceljs 4.4's streamed sheet that write the end of a sheet. */
interface SheetEnd {
  stream: { write(xml: string): void };
  pageSetup: Partial<ExcelJS.PageSetup>;
  _writeCloseSheetData(): void;
  _writeSheetProtection(): void;
  _writePageMargins(): void;
}

/**
 * exceljs's streamed sheet writes <sheetProtection> after <dataValidations>
 * and no <printOptions> at all. Excel wants the schema's order, protection
 * right after the sheet data, print options before the margins, or it
 * repairs the file.
 */
function inSchemaOrder(ws: ExcelJS.Worksheet): ExcelJS.Worksheet {
  const end = ws as unknown as SheetEnd;
  const closeData = end._writeCloseSheetData.bind(end);
  const protection = end._writeSheetProtection.bind(end);
  const margins = end._writePageMargins.bind(end);
  end._writeCloseSheetData = () => {
    closeData();
    protection();
  };
  end._writeSheetProtection = () => {};
  end._writePageMargins = () => {
    end.stream.write(printOptions(end.pageSetup));
    margins();
  };
  return ws;
}

/** Rows whose height is where they start, not fixed. */
const openRows = new WeakSet<ExcelJS.Row>();

/**
 * Give a row the height it opens with, leaving it free to grow: Excel and
 * LibreOffice fit a row to its wrapped text unless its height is marked as
 * set by hand (customHeight), which exceljs marks every height it writes.
 */
export function openHeight(row: ExcelJS.Row, points: number): void {
  row.height = points;
  openRows.add(row);
}

/** The part of exceljs 4.4's streamed sheet that writes a row: its XML as one string. */
interface RowWriter {
  stream: { write(xml: unknown): void };
  _writeRow(row: ExcelJS.Row): void;
}

/** Write an open row's height without the customHeight exceljs adds to it. */
function withOpenHeights(ws: ExcelJS.Worksheet): ExcelJS.Worksheet {
  const sheet = ws as unknown as RowWriter;
  const writeRow = sheet._writeRow.bind(sheet);
  sheet._writeRow = (row) => {
    if (!openRows.has(row)) return writeRow(row);
    const { stream } = sheet;
    const write = stream.write;
    stream.write = (xml) => write.call(stream, typeof xml === 'string' ? xml.replace(/^(<row [^>]*?) customHeight="1"/, '$1') : xml);
    try {
      writeRow(row);
    } finally {
      stream.write = write;
    }
  };
  return ws;
}

const PRINT_OPTIONS = { headings: 'showRowColHeaders', gridLines: 'showGridLines', horizontalCentered: 'horizontalCentered', verticalCentered: 'verticalCentered' } as const;

function printOptions(setup: Partial<ExcelJS.PageSetup>): string {
  const on = Object.entries(PRINT_OPTIONS).filter(([, key]) => setup[key]);
  return on.length ? `<printOptions${on.map(([attr]) => ` ${attr}="1"`).join('')}/>` : '';
}

/** Rows committed between two looks at the zip. */
const BATCH = 256;

/**
 * What a streamed sheet's XML is written to once the zip has taken the sheet
 * up: a stream (readable-stream 2) that fills while the zip compresses.
 */
type SheetStream = { stream: { pipes: (EventEmitter & { _writableState: { needDrain: boolean } })[] } };

/**
 * Commit a sheet's rows up to this one. Now and then wait until the zip has
 * compressed what was written, so the sheet's XML does not pile up in memory.
 */
export async function commitRow(row: ExcelJS.Row): Promise<void> {
  row.commit();
  if (row.number % BATCH) return;
  const queue = (row.worksheet as unknown as SheetStream).stream.pipes[0];
  if (queue?._writableState.needDrain) await once(queue, 'drain');
  else await turn();
}
