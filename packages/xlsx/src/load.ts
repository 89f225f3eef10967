import ExcelJS from 'exceljs';
import { inspectXlsx, FileRefused } from './inspect.ts';
import { fileBytes } from './open.ts';

/** A workbook opened whole with exceljs. */
export type LoadedWorkbook = ExcelJS.Workbook;

/**
 * A workbook opened whole with exceljs, to write a marked-up copy of it.
 * Throws `FileRefused` for anything that may not be opened, including a
 * sheet too large to hold in memory.
 */
export async function readWorkbook(input: Buffer | string): Promise<LoadedWorkbook> {
  const buf = await fileBytes(input);
  inspectXlsx(buf, true);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buf as any);
  } catch (e) {
    throw new FileRefused('file.corrupt', `文件已损坏，无法作为 .xlsx 打开（${(e as Error).message}）。请在 Excel/WPS 中打开后另存为 .xlsx 再提交`);
  }
  return workbook;
}
