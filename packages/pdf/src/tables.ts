import { displayText, type Table } from '@tianbao/form';
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { cellPieces } from './pieces.ts';
import { TABLE_LINE_HEIGHT, cellLayout, sizedTable, tableCells, tableText, type TableText, type TextStyle } from './sized-table.ts';

const MARK_FILL = { error: '#ffc7ce', warning: '#ffeb9c' } as const;

/** A computed table's text, measured (`tableText`). */
export function computedText(table: Table, measure: TextStyle['measure']): TableText {
  const rows = table.rows.map((row) =>
    row.map((v, c) => {
      const text = typeof v === 'number' && table.columns[c]?.percent ? `${(v * 100).toFixed(1)}%` : displayText(v);
      return cellPieces(text, typeof v === 'number');
    }),
  );
  return tableText(
    table.columns.map((c) => c.header),
    rows,
    measure,
  );
}

/** A computed table, given its text, its marked cells shaded. */
export function tableBlock(table: Table, text: TableText, style: TextStyle): Content {
  const marks = new Map((table.marks ?? []).map((m) => [`${m.row}:${m.column}`, MARK_FILL[m.severity]]));
  const sized = sizedTable(text, style, false);
  const { fontSize, widths } = sized;
  const { header, body } = tableCells(text, sized, style);
  const cells = body.map((row, r) =>
    row.map((cell, c): TableCell => ({ ...cell, alignment: typeof table.rows[r]![c] === 'number' ? 'right' : 'left', fillColor: marks.get(`${r}:${c}`) })),
  );
  return { table: { headerRows: 1, widths, body: [header, ...cells] }, layout: cellLayout(fontSize), lineHeight: TABLE_LINE_HEIGHT };
}

/** Aligned lines without rules, spaced as the text around them: the first columns as wide as given (in characters), the last the rest. */
export function linesBlock(rows: string[][], widths: number[], fontSize: number): Content {
  const none = () => 0;
  return {
    table: { widths: [...widths.map((w) => w * fontSize), '*'], body: rows.map((r) => r.map((text) => ({ text }))) },
    layout: {
      hLineWidth: none,
      vLineWidth: none,
      paddingTop: none,
      paddingBottom: none,
      paddingLeft: none,
      paddingRight: (i, node) => (i < (node.table.widths?.length ?? 0) - 1 ? fontSize / 4 : 0),
    },
  };
}
