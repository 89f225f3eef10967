import { infoLineFor, rowData, titleFor, type FormDefinition, type Layout } from '@tianbao/form';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { BODY, HEADING } from './fonts.ts';

const MM = 72 / 25.4;
const A4_LANDSCAPE = { width: 841.89, height: 595.28 };
// GB/T 9704 puts the binding edge on the left; the rest get 20 mm on a landscape table.
const MARGINS: [number, number, number, number] = [28 * MM, 20 * MM, 20 * MM, 20 * MM];
const CELL_PADDING_X = 4;
const BODY_SIZE = 12;

/** Column widths in points, shared in the proportions of `column.width`. */
function columnWidths(layout: Layout): number[] {
  const n = layout.columns.length;
  const usable = A4_LANDSCAPE.width - MARGINS[0] - MARGINS[2];
  // pdfmake's widths exclude the cell padding and the rules between cells.
  const free = usable - n * 2 * CELL_PADDING_X - (n + 1) - 1;
  const total = layout.columns.reduce((s, c) => s + c.width, 0);
  return layout.columns.map((c) => (free * c.width) / total);
}

function tableBody(def: FormDefinition<any>, data: Record<string, any>): TableCell[][] {
  const { layout } = def;
  const header: TableCell[] = layout.columns.map((c) => ({ text: c.header, bold: true, alignment: 'center', }));
  const body: TableCell[][] = layout.rows.map((row) => {
    const values = rowData(def, data, row.key);
    return layout.columns.map((col): TableCell => {
      if (!col.cell) return { text: row.fixed[col.key] ?? '', alignment: 'justify' };
      const value = values[col.key];
      const text = value === undefined || value === null ? '' : col.cell.write(value);
      return { text };
    });
  });
  // Equal neighbouring fixed texts in a merge-down column print as one cell: the
  // text once at the top, no rules between. Not pdfmake's rowSpan, which loses
  // the table's bottom rule when the span crosses a page break.
  layout.columns.forEach((col, c) => {
    if (!layout.mergeDown.includes(col.key)) return;
    let start = 0;
    for (let r = 1; r <= layout.rows.length; r++) {
      const text = layout.rows[start]!.fixed[col.key] ?? '';
      if (r < layout.rows.length && layout.rows[r]!.fixed[col.key] === text) continue;
      for (let k = start; k < r; k++) {
        body[k]![c] = { text: k === start ? text : '', alignment: 'center', border: [true, k === start, true, k === r - 1] };
      }
      start = r;
    }
  });
  return [header, ...body];
}

function infoLine(data: Record<string, any>): Content[] {
  return data.filler || data.reportDate ? [{ text: infoLineFor(data), margin: [0, 0, 0, 6] }] : [];
}

/** The pdfmake document of one filled form. */
export function formDocument(def: FormDefinition<any>, data: Record<string, any>): TDocumentDefinitions {
  const { layout } = def;
  const title = titleFor(layout, data.unit ?? layout.placeholder);
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: MARGINS,
    info: { title, subject: def.name, keywords: 'tianbao', creator: 'tianbao', producer: 'tianbao' },
    defaultStyle: { font: BODY, fontSize: BODY_SIZE, lineHeight: 1.3 },
    content: [
      { text: title, font: HEADING, bold: true, fontSize: 22, alignment: 'center', lineHeight: 1.2, margin: [0, 0, 0, 12] },
      ...(layout.infoLine ? infoLine(data) : []),
      {
        table: { headerRows: 1, dontBreakRows: false, widths: columnWidths(layout), body: tableBody(def, data) },
        layout: { paddingTop: () => 3, paddingBottom: () => 3, paddingLeft: () => CELL_PADDING_X, paddingRight: () => CELL_PADDING_X },
      },
      ...layout.notes.map((note, i): Content => ({ text: note, margin: [0, i === 0 ? 8 : 0, 0, 0] })),
    ],
    // Page numbers as in official documents: outside edge, odd right, even left.
    footer: (page) => ({
      text: `— ${page} —`,
      font: BODY,
      fontSize: 14,
      lineHeight: 1,
      alignment: page % 2 === 1 ? 'right' : 'left',
      margin: [MARGINS[0], 20, MARGINS[2], 0],
    }),
  };
}
