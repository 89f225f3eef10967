import type { FormDefinition, Issue } from '@tianbao/form';
import type { LoadedWorkbook, Located } from '@tianbao/xlsx';

type Note = string | { texts?: { text: string }[] } | undefined;

/** The text of a cell comment, as Excel, WPS and LibreOffice store it. */
export function noteText(note: Note): string {
  if (!note) return '';
  return (typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join('')).trim();
}

/**
 * A warning asks the clerk to confirm (核实性). One whose cell carries a
 * comment, or whose row's 备注 is filled where the form has one, has been
 * answered: it is marked explained. An error stays an error whatever is written.
 */
export function markExplained(issues: Issue[], wb: LoadedWorkbook, def: FormDefinition<any>, loc: Located): void {
  const ws = wb.getWorksheet(loc.sheet);
  if (!ws) return;
  const remark = def.layout.remarkColumn ? loc.columns[def.layout.remarkColumn] : undefined;
  for (const issue of issues) {
    if (issue.severity !== 'warning' || !issue.cell || issue.sheet !== loc.sheet) continue;
    const commented = noteText(ws.getCell(issue.cell).note as Note) !== '';
    const remarked = remark !== undefined && issue.row !== null && ws.getCell(`${remark}${issue.row}`).text.trim() !== '';
    issue.explained = commented || remarked;
  }
}
