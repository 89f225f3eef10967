import { bodyRows, displayText, infoLineFor, titleFor, type FormDefinition, type Table } from '@tianbao/form';
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { HEADING } from './fonts.ts';

const MARK_FILL = { error: '#ffc7ce', warning: '#ffeb9c' } as const;

/** Cell padding grows with the type: 4 pt around 12 pt text, less in a dense table. */
const padding = (fontSize: number) => Math.round(fontSize / 3);

function cellLayout(fontSize: number) {
  const x = padding(fontSize);
  const y = Math.max(1.5, x - 1);
  return { paddingTop: () => y, paddingBottom: () => y, paddingLeft: () => x, paddingRight: () => x };
}

/** Column widths in points, shared in the given proportions over the usable width. */
function columnWidths(proportions: number[], usable: number, fontSize: number): number[] {
  const n = proportions.length;
  // pdfmake's widths exclude the cell padding and the rules between cells.
  const free = usable - n * 2 * padding(fontSize) - (n + 1) - 1;
  const total = proportions.reduce((s, w) => s + w, 0);
  return proportions.map((w) => (free * w) / total);
}

export function titleBlock(text: string): Content {
  return { text, font: HEADING, bold: true, fontSize: 22, alignment: 'center', lineHeight: 1.2, margin: [0, 0, 0, 12] };
}

/** The form itself: title, info line, table, fields, notes. */
export function formBlock(def: FormDefinition<any>, data: Record<string, any>, usable: number, fontSize: number, pageHeight: number): Content[] {
  const { layout } = def;
  const widths = columnWidths(layout.columns.map((c) => c.width), usable, fontSize);
  const header: TableCell[] = layout.columns.map((c) => ({ text: c.header, bold: true, alignment: 'center' }));
  const rows = bodyRows(layout, data);
  const body: TableCell[][] = rows.map(({ fixed, values }, i) =>
    layout.columns.map((col): TableCell => {
      if (col.serial) return { text: String(i + 1), alignment: 'center' };
      if (!col.cell) return { text: fixed?.fixed[col.key] ?? '', alignment: 'justify' };
      const value = values[col.key];
      return { text: value === undefined || value === null ? '' : displayText(col.cell.write(value)) };
    }),
  );
  mergeDown(def, body);
  const info = layout.infoLine && (data.filler || data.reportDate) ? [{ text: infoLineFor(data), margin: [0, 0, 0, 6] } as Content] : [];
  const fields = (layout.fields?.items ?? []).map((f, i): Content => {
    const v = data[f.key];
    return { text: `${f.label}：${v === undefined || v === null ? '' : displayText(f.cell.write(v))}`, margin: [0, i === 0 ? 8 : 0, 0, 0] };
  });
  return [
    titleBlock(titleFor(layout, data.unit ?? layout.placeholder)),
    ...info,
    {
      // A template's long rows may break across pages; a list's short rows stay whole, unless one
      // is taller than a page: pdfmake drops such a row rather than break it.
      table: { headerRows: 1, dontBreakRows: !layout.rows && !tallerThan(body, widths, fontSize, pageHeight), widths, body: [header, ...body] },
      layout: cellLayout(fontSize),
    },
    ...fields,
    ...layout.notes.map((note, i): Content => ({ text: note, margin: [0, i === 0 ? 8 : 0, 0, 0] })),
  ];
}

/**
 * Equal neighbouring fixed texts in a merge-down column print as one cell: the
 * text once at the top, no rules between. Not pdfmake's rowSpan, which loses
 * the table's bottom rule when the span crosses a page break.
 */
function mergeDown(def: FormDefinition<any>, body: TableCell[][]): void {
  const rows = def.layout.rows ?? [];
  def.layout.columns.forEach((col, c) => {
    if (!def.layout.mergeDown?.includes(col.key)) return;
    let start = 0;
    for (let r = 1; r <= rows.length; r++) {
      const text = rows[start]!.fixed[col.key] ?? '';
      if (r < rows.length && rows[r]!.fixed[col.key] === text) continue;
      for (let k = start; k < r; k++) body[k]![c] = { text: k === start ? text : '', alignment: 'center', border: [true, k === start, true, k === r - 1] };
      start = r;
    }
  });
}

/** Some row of the body would need more than `height` points: its longest cell, wrapped, at two lines of leading. */
function tallerThan(body: TableCell[][], widths: number[], fontSize: number, height: number): boolean {
  return body.some((row) =>
    row.some((cell, c) => {
      const text = (cell as { text?: unknown }).text;
      if (typeof text !== 'string') return false;
      const perLine = Math.max(1, Math.floor(widths[c]! / fontSize));
      const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil([...line].length / perLine)), 0);
      return lines * fontSize * 1.5 > height;
    }),
  );
}

/** A computed table, its marked cells shaded. */
export function tableBlock(table: Table, usable: number, fontSize: number): Content {
  const marks = new Map((table.marks ?? []).map((m) => [`${m.row}:${m.column}`, MARK_FILL[m.severity]]));
  const header: TableCell[] = table.columns.map((c) => ({ text: c.header, bold: true, alignment: 'center' }));
  const body: TableCell[][] = table.rows.map((row, r) =>
    row.map((v, c): TableCell => {
      const text = typeof v === 'number' && table.columns[c]?.percent ? `${(v * 100).toFixed(1)}%` : displayText(v);
      return { text, alignment: typeof v === 'number' ? 'right' : 'left', fillColor: marks.get(`${r}:${c}`) };
    }),
  );
  return {
    table: { headerRows: 1, widths: columnWidths(table.columns.map((c) => c.width), usable, fontSize), body: [header, ...body] },
    layout: cellLayout(fontSize),
  };
}

/** Aligned lines without rules: the first columns as wide as given (in characters), the last the rest. */
export function linesBlock(rows: string[][], widths: number[], fontSize: number): Content {
  return {
    table: { widths: [...widths.map((w) => w * fontSize), '*'], body: rows.map((r) => r.map((text) => ({ text }))) },
    layout: 'noBorders',
  };
}
