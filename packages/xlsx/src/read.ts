/**
 * Reading submissions: row by row, without exceljs, so that checking neither
 * loads a workbook whole nor pays for the writer.
 */
export { openWorkbook, type OpenWorkbook } from './open.ts';
export {
  findTable,
  readTable,
  tableHead,
  locateForm,
  titleFound,
  type Located,
  type LocatedRow,
  type RawValues,
  type RowConverter,
  type TableStart,
} from './locate.ts';
export type { Book, SheetPart } from './sheet/book.ts';
export { MergeSpread } from './sheet/merges.ts';
export { columnLetter } from './sheet/cells.ts';
export type { Row } from './sheet/rows.ts';
export { FileRefused, LIMITS } from './inspect.ts';
export { zipEntries, readEntry, type ZipEntry } from './zip.ts';
