import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { setImmediate as turn } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { appendingBytes, deflatingPartsAtOnce, escapingText, inSchemaOrder, reusingStyleXml, withOpenHeights, zipQueue } from './exceljs-internals.ts';
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
  appendingBytes(book);
  escapingText(book);
  deflatingPartsAtOnce(book);
  reusingStyleXml(book);
  const add = book.addWorksheet.bind(book);
  book.addWorksheet = (name, options) => withOpenHeights(inSchemaOrder(add(name, options)), (row) => openRows.has(row));
  book.creator = book.lastModifiedBy = 'tianbao';
  book.created = book.modified = date;
  await fill(book);
  await book.commit();
  return stampZip(await bytes, date);
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

/** Rows committed between two looks at the zip. */
const BATCH = 256;

/**
 * Commit a sheet's rows up to this one. Now and then wait until the zip has
 * compressed what was written, so the sheet's XML does not pile up in memory.
 */
export async function commitRow(row: ExcelJS.Row): Promise<void> {
  row.commit();
  if (row.number % BATCH) return;
  const zip = zipQueue(row.worksheet);
  if (zip?.full) await once(zip.queue, 'drain');
  else await turn();
}
