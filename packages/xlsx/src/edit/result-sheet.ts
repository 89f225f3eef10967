import { escapeXml } from './parts.ts';
import type { Namespaces } from './namespaces.ts';
import type { Restyle } from './styles.ts';

/** One cell of a sheet added to a workbook: text or a number, its look, and a link to a cell of the workbook. */
export interface NewCell {
  value: string | number;
  style?: Restyle;
  link?: { sheet: string; cell: string };
}

/** A sheet added to a workbook as the first tab, the one it opens on. */
export interface NewSheet {
  /** Taken as given unless a sheet of the workbook has it: then `name2`, `name3`, …. */
  name: string;
  /** Column widths in characters, from column A. */
  widths: number[];
  rows: NewCell[][];
  /** Ranges merged, `A1:E1`. */
  merges: string[];
}

const letter = (n: number) => String.fromCharCode(65 + n);

/** The sheet part of `sheet`, cells as inline strings, `style` giving each cell's style index; links by `location`. */
export function sheetXml(sheet: NewSheet, ns: Namespaces, style: (cell: NewCell) => number): string {
  const links: string[] = [];
  const rows = sheet.rows.map((cells, i) => {
    const inner = cells.map((cell, c) => {
      const ref = `${letter(c)}${i + 1}`;
      const s = style(cell);
      const sAttr = s ? ` s="${s}"` : '';
      if (cell.link) {
        const location = `'${cell.link.sheet.replace(/'/g, "''")}'!${cell.link.cell}`;
        links.push(`<hyperlink ref="${ref}" location="${escapeXml(location)}" display="${escapeXml(String(cell.value))}"/>`);
      }
      return typeof cell.value === 'number'
        ? `<c r="${ref}"${sAttr}><v>${cell.value}</v></c>`
        : `<c r="${ref}"${sAttr} t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell.value)}</t></is></c>`;
    });
    return `<row r="${i + 1}">${inner.join('')}</row>`;
  });
  const cols = sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  const merges = sheet.merges.length ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${ns.main}" xmlns:r="${ns.relationships}">` +
    `<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${rows.join('')}</sheetData>${merges}` +
    (links.length ? `<hyperlinks>${links.join('')}</hyperlinks>` : '') +
    '</worksheet>'
  );
}
