import { mkdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Issue } from '@tianbao/form';
import type ExcelJS from 'exceljs';
import type { FileReport } from './check.ts';

type Note = string | { texts?: { text: string }[] } | undefined;

/** The text of a cell comment, as exceljs gives it for Excel, WPS and LibreOffice files. */
function noteText(note: Note): string {
  if (!note) return '';
  return (typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join('')).trim();
}

const FILL: Record<'error' | 'warning', ExcelJS.Fill> = {
  error: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } },
  warning: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } },
};
const KIND = (i: Issue) => (i.severity === 'error' ? '错误' : i.explained ? '提示（已说明）' : '提示');
const RESULT_SHEET = '审核结果';

/** `修武县台账.xlsx` → `修武县台账-批注.xlsx`. */
export const annotatedName = (file: string) => `${basename(file, extname(file))}-批注.xlsx`;

/**
 * A marked-up copy of a submission for the clerk: cells in error filled red,
 * warnings yellow, each with a comment holding the message, and a first sheet
 * 审核结果 listing every issue with a link to its cell. The submission itself
 * is read, never written. Null for a file that could not be opened to be
 * checked either; a checked file that cannot be opened whole (too large for
 * that) throws its `FileRefused`.
 */
export async function annotate(report: FileReport, outDir: string): Promise<string | null> {
  // The writer is loaded only when a copy is marked up: checking alone does not need it.
  const { readWorkbook, writeFileAtomic } = await import('@tianbao/xlsx');
  let wb: ExcelJS.Workbook;
  try {
    wb = await readWorkbook(report.file);
  } catch (e) {
    if (report.template === null) return null;
    throw e;
  }
  for (const issue of report.issues) {
    const ws = issue.sheet ? wb.getWorksheet(issue.sheet) : undefined;
    if (!ws || !issue.cell) continue;
    const cell = ws.getCell(issue.cell);
    // An error outweighs a warning on the same cell.
    if (issue.severity === 'error' || !isFilledRed(cell)) cell.fill = FILL[issue.severity];
    const before = noteText(cell.note as Note);
    const ours = `【${KIND(issue)}】${issue.message}`;
    cell.note = before ? `${before}\n${ours}` : ours;
  }
  addResultSheet(wb, report);
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, annotatedName(report.file));
  await writeFileAtomic(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return path;
}

const isFilledRed = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === 'FFFFC7CE';

function addResultSheet(wb: ExcelJS.Workbook, report: FileReport): void {
  let name = RESULT_SHEET;
  for (let k = 2; wb.getWorksheet(name); k++) name = `${RESULT_SHEET}${k}`;
  const ws = wb.addWorksheet(name);
  // First in the workbook (exceljs orders sheets by this undeclared number) and the sheet it opens on.
  (ws as unknown as { orderNo: number }).orderNo = -1;
  wb.views = [{ activeTab: 0, firstSheet: 0, x: 0, y: 0, width: 20000, height: 12000, visibility: 'visible' }];
  ws.columns = [{ width: 6 }, { width: 16 }, { width: 14 }, { width: 90 }, { width: 32 }];
  const errors = report.issues.filter((i) => i.severity === 'error').length;
  const warnings = report.issues.length - errors;
  ws.addRow([`审核结果：${report.valid ? '通过' : '不通过'}（错误 ${errors} 条，提示 ${warnings} 条）。错误须改正后重新报送；提示请核实，确认无误的在单元格批注或备注中说明`]);
  ws.mergeCells(1, 1, 1, 5);
  ws.getRow(1).font = { bold: true };
  const header = ws.addRow(['序号', '位置', '类别', '说明', '规则']);
  header.font = { bold: true };
  report.issues.forEach((issue, i) => {
    const where = issue.sheet && issue.cell ? `${issue.sheet}!${issue.cell}` : '整个文件';
    const row = ws.addRow([i + 1, where, KIND(issue), issue.message, issue.rule]);
    if (issue.sheet && issue.cell)
      row.getCell(2).value = { text: where, hyperlink: `'${issue.sheet.replace(/'/g, "''")}'!${issue.cell}` };
    row.getCell(3).fill = FILL[issue.severity];
    row.getCell(4).alignment = { wrapText: true, vertical: 'top' };
  });
}
