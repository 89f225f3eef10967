import type { CellType } from './cells.ts';
import type { DataPath } from './issues.ts';
import { infoLineFor } from './info-line.ts';
import { bodyRows, titleFor, type FormDefinition } from './model.ts';

/** Excel keeps at most this many characters (UTF-16 units, as Excel counts) in a cell. */
export const MAX_CELL_CHARS = 32767;

/** A cell of the form's sheet whose text would pass Excel's limit. */
export interface LongCell {
  /** The data the cell is written from (`['rows', 'acceptance', 'problems']`). */
  path: DataPath;
  /** What the cell is, to name it: the column's header, the field's label. */
  header: string;
  /** Characters of the text written into the cell. */
  chars: number;
}

/**
 * The cells of the form's sheet whose written text would pass Excel's limit,
 * with the data each is written from. Measured on the text the workbook
 * writes (items joined as `1.…\n2.…`): the title (from `unit`), the info line
 * (`filler`), the table's answer cells and the fields under it. Computed
 * sheets only repeat these texts.
 */
export function overlongCells(def: FormDefinition<any>, data: Record<string, any>): LongCell[] {
  const { layout } = def;
  const out: LongCell[] = [];
  const check = (path: DataPath, header: string, text: unknown) => {
    if (typeof text === 'string' && text.length > MAX_CELL_CHARS) out.push({ path, header, chars: text.length });
  };
  const written = (cell: CellType<any>, value: unknown) => (value === undefined || value === null ? null : cell.write(value));

  check(['unit'], '标题', titleFor(layout, data.unit));
  if (layout.infoLine) check(['filler'], '填报单位', infoLineFor(data));
  bodyRows(layout, data).forEach(({ fixed, values }, i) => {
    for (const col of layout.columns)
      if (col.cell) check([layout.dataKey, fixed ? fixed.key : i, col.key], col.header, written(col.cell, values[col.key]));
  });
  for (const field of layout.fields?.items ?? []) check([field.key], field.label, written(field.cell, data[field.key]));
  return out;
}
