import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultUnits, type FormDefinition, type Issue } from '@tianbao/form';
import { checkFile, type FileReport } from '@tianbao/validate';
import { writeWorkbook } from '@tianbao/xlsx';
import ExcelJS from 'exceljs';
import { tempDir } from './run.ts';

const dir = tempDir();
let n = 0;

type Typed = Record<string, string | number | Date | null>;

/** Our workbook of each data object, written once: every edit of it starts from a fresh load. */
const written = new WeakMap<object, Promise<Buffer>>();
function writtenOnce(def: FormDefinition<any>, data: Record<string, any>): Promise<Buffer> {
  let book = written.get(data);
  if (!book) written.set(data, (book = writeWorkbook(def, data)));
  return book;
}

/** Our generated form, then cells retyped by hand (text, as typed) and any other edit, saved by exceljs. */
export async function editedWorkbook(
  def: FormDefinition<any>,
  data: Record<string, any>,
  typed: Typed = {},
  edit?: (ws: ExcelJS.Worksheet) => void,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writtenOnce(def, data)) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(def.layout.sheet)!;
  for (const [cell, value] of Object.entries(typed)) ws.getCell(cell).value = value;
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A workbook as a clerk hands it in (see `editedWorkbook`), checked as a submission. */
export async function submitEdited(
  def: FormDefinition<any>,
  data: Record<string, any>,
  typed: Typed = {},
  edit?: (ws: ExcelJS.Worksheet) => void,
): Promise<FileReport> {
  const file = join(dir, `${def.id}-${n++}.xlsx`);
  writeFileSync(file, await editedWorkbook(def, data, typed, edit));
  return checkFile(file, { forms: [def], units: defaultUnits });
}

/** `severity rule @cell`, the way a reader scans a report. */
export const found = (r: FileReport) => r.issues.map((i: Issue) => `${i.severity} ${i.rule} @${i.cell ?? '-'}`);
