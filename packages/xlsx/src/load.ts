import ExcelJS from 'exceljs';
import { inspectXlsx } from './inspect.ts';
import { fileBytes } from './open.ts';
import { openBook } from './sheet/book.ts';
import { FileRefused, RESAVE } from './file-rules.ts';

/** A workbook opened whole with exceljs. */
export type LoadedWorkbook = ExcelJS.Workbook;

/**
 * A workbook opened whole with exceljs, to write a marked-up copy of it.
 * Throws `FileRefused` for anything that may not be opened, including a
 * sheet too large to hold in memory. exceljs sees the bytes only once they
 * have passed every check the streaming reader makes (the file, the archive,
 * the XML, and each sheet's rows, cell references and merged ranges), so
 * that it is never the one to meet a hostile file.
 */
export async function readWorkbook(input: Buffer | string): Promise<LoadedWorkbook> {
  const buf = await fileBytes(input);
  const book = await openBook(await inspectXlsx(buf, true));
  for (const sheet of book.sheets) {
    book.merges(sheet);
    for await (const _ of book.rows(sheet));
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buf as any);
  } catch {
    throw new FileRefused('file.corrupt', `文件已损坏，无法作为 .xlsx 整体打开（用于生成批注副本）。${RESAVE}`);
  }
  return workbook;
}
