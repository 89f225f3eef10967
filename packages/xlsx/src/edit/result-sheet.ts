import { columnLetter } from '../sheet/refs.ts';
import { PAGE_FOOTER, heightFor, linesFor } from '../style.ts';
import { escapeXml } from './parts.ts';
import type { Namespaces } from './namespaces.ts';
import type { Restyle } from './styles.ts';

/** One cell of a sheet added to a workbook: text or a number, its look, and a link to a cell of the workbook. */
export interface NewCell {
  value: string | number;
  style?: Restyle;
  link?: { sheet: string; cell: string };
}

/** A sheet added to a workbook as the first tab, the one it opens on; printed on A4 landscape, fitted to the width, pages numbered. */
export interface NewSheet {
  /** Taken as given unless a sheet of the workbook has it: then `name（2）`, `name（3）`, …. */
  name: string;
  /** Column widths in characters, from column A. */
  widths: number[];
  rows: NewCell[][];
  /** Ranges merged, `A1:E1`. */
  merges: string[];
  /** A row (from 1) printed again at the top of every page: the header of a list. */
  titleRow?: number;
}

/** The tallest row Excel allows, in points. */
const MAX_HEIGHT = 409;

/** A4 (9) landscape, as wide as one page and as long as it takes (fitToHeight 0), `— 1 —` centred below. */
const PRINT =
  '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
  '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
  `<headerFooter><oddFooter>${escapeXml(PAGE_FOOTER.oddFooter!)}</oddFooter></headerFooter>`;

/** The sheet part of `sheet`, cells as inline strings, `style` giving each cell's style index; links by `location`. */
export function sheetXml(sheet: NewSheet, ns: Namespaces, style: (cell: NewCell) => number): string {
  const links: string[] = [];
  const rows = sheet.rows.map((cells, i) => {
    const inner = cells.map((cell, c) => {
      const ref = `${columnLetter(c + 1)}${i + 1}`;
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
    // Rows as tall as their wrapped text: not every program grows a row for it when it opens the file.
    const lines = Math.max(1, ...cells.map((cell, c) => (cell.style?.wrap ? linesFor(String(cell.value), sheet.widths[c] ?? 10) : 1)));
    const height = lines > 1 ? ` ht="${Math.min(MAX_HEIGHT, heightFor(lines))}" customHeight="1"` : '';
    return `<row r="${i + 1}"${height}>${inner.join('')}</row>`;
  });
  const cols = sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  const merges = sheet.merges.length ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${ns.main}" xmlns:r="${ns.relationships}">` +
    `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${rows.join('')}</sheetData>${merges}` +
    (links.length ? `<hyperlinks>${links.join('')}</hyperlinks>` : '') +
    PRINT +
    '</worksheet>'
  );
}
