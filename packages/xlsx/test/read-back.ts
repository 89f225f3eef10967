import ExcelJS from 'exceljs';
import { expect } from 'vitest';

/** A written workbook, loaded by exceljs to look at what a clerk will see. */
export async function open(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** The values a list validation's range formula (`'_lists'!$B$1:$B$18`) points at. */
export function rangeValues(wb: ExcelJS.Workbook, formula: string): string[] {
  const m = /^'([^']+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(formula);
  if (!m) throw new Error(`not a range: ${formula}`);
  const [, sheet, col, from, col2, to] = m as unknown as [string, string, string, string, string, string];
  expect(col2).toBe(col);
  const ws = wb.getWorksheet(sheet)!;
  const out: string[] = [];
  for (let r = Number(from); r <= Number(to); r++) out.push(ws.getCell(`${col}${r}`).text);
  return out;
}

/** Column letter of a header in a sheet's header row. */
export function columnOf(ws: ExcelJS.Worksheet, headerRow: number, header: string): string {
  let letter = '';
  ws.getRow(headerRow).eachCell((cell) => {
    if (cell.text === header) letter = cell.address.replace(/\d+$/, '');
  });
  if (!letter) throw new Error(`no column ${header}`);
  return letter;
}
