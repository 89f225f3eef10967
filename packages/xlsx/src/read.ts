/**
 * Reading submissions: row by row, without exceljs, so that checking neither
 * loads a workbook whole nor pays for the writer.
 */
export { openWorkbook, type OpenWorkbook, type SheetHead } from './open.ts';
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
  type RowValues,
  type TableStart,
} from './locate.ts';
export type { Book, SheetPart } from './sheet/book.ts';
export { MergeSpread } from './sheet/merges.ts';
export { columnLetter } from './sheet/refs.ts';
export type { Row } from './sheet/rows.ts';
export { LIMITS, STREAMED_BYTES, type InspectedFile } from './inspect.ts';
export { FileRefused } from './file-rules.ts';
export { ReadAgain } from './streamed-part.ts';
export { tooManyRows } from './sheet/rows.ts';
export { FILE_RULES, RESAVE } from './file-rules.ts';
export { META_KEYS, META_SHEET } from './meta.ts';
export { readMeta } from './meta-entry.ts';
export { zipEntries, readEntry, watchInflation, type ZipEntry } from './zip.ts';
