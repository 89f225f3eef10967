import { displayWidth } from '@tianbao/form';
import type ExcelJS from 'exceljs';

export const BODY_FONT = '宋体';
export const TITLE_FONT = '黑体';
export const BODY_SIZE = 11;
/** Points per printed line of body text, with leading. */
const LINE_HEIGHT = 15;

export const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };

/** A table's header row, one column's header a cell from the first: bold, centred and wrapped, ruled and shaded. */
export function writeHeaders(ws: ExcelJS.Worksheet, row: number, headers: readonly string[]): void {
  headers.forEach((header, k) => {
    const cell = ws.getCell(row, k + 1);
    cell.value = header;
    cell.font = { name: BODY_FONT, size: BODY_SIZE, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = thin;
    cell.fill = headerFill;
  });
}

/** Wrapped lines a text needs in a column of the given width. */
export function linesFor(text: string, width: number): number {
  // A little less than the nominal width: cell padding and word breaks waste some.
  const usable = Math.max(1, width - 1.5);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
}

/**
 * Row height in points for the given number of lines. A cell of three lines
 * or more gets a line more, or a tenth more if that is more: LibreOffice sets
 * the lines a little further apart than estimated and would cut the last one.
 */
export function heightFor(lines: number, min = 20): number {
  const spare = lines >= 3 ? Math.max(1, lines / 10) : 0;
  return Math.max(min, Math.ceil((lines + spare) * LINE_HEIGHT) + 6);
}

/** Dates as clerks write them: `2023年12月31日`. */
export const DATE_FORMAT = 'yyyy"年"m"月"d"日"';

/** Text: what is typed stays as typed, an all-digit code included. */
export const TEXT_FORMAT = '@';

/** The page number at the foot of every printed page, centred, as the PDF prints it: `— 1 —`. */
export const PAGE_FOOTER: Partial<ExcelJS.HeaderFooter> = { oddFooter: '&C— &P —' };

/** A draft's (`generate --allow-errors`) print header, in red on every page, over the page number. */
export const DRAFT_HEADER_FOOTER: Partial<ExcelJS.HeaderFooter> = { ...PAGE_FOOTER, oddHeader: '&C&KC00000&16草稿（有错误，不能报送）' };

/** Light red for a cell that fails, light yellow for one to confirm. */
export const markFill: Record<'error' | 'warning', ExcelJS.Fill> = {
  error: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } },
  warning: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } },
};
