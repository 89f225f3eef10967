import type { CellType } from './cells.ts';
import type { DataPath } from './issues.ts';
import { infoLineFor } from './info-line.ts';
import { codePointName } from './printable.ts';
import { bodyRows, titleFor, type FormDefinition } from './model.ts';

/** Excel keeps at most this many characters (UTF-16 units, as Excel counts) in a cell. */
export const MAX_CELL_CHARS = 32767;

/**
 * A cell of the form's sheet whose text a workbook cannot hold as it is:
 * longer than Excel's limit (`chars`), or holding a character XML cannot
 * carry (`character`: a control character such as NUL or ESC, which a writer
 * drops; half of a surrogate pair, written as U+FFFD; U+FFFE or U+FFFF, with
 * which it writes a file Excel cannot open).
 */
export interface UnwritableCell {
  /** The data the cell is written from (`['rows', 'acceptance', 'problems']`). */
  path: DataPath;
  /** What the cell is, to name it: the column's header, the field's label. */
  header: string;
  /** Characters of the text written into the cell, when over `MAX_CELL_CHARS`. */
  chars?: number;
  /** The first character the cell cannot hold (`char`, named `U+0007` by `code`) and the text written, which holds it. */
  character?: { char: string; code: string; text: string };
}

/**
 * A character of a cell's text that XML 1.0 cannot carry, or DEL, which exceljs drops: tab, line feed and
 * carriage return it can; a high surrogate not followed by a low one, a low one not after a high one.
 */
export const UNWRITABLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The cells of the form's sheet whose written text a workbook cannot hold
 * (see `UnwritableCell`), with the data each is written from. Measured on the
 * text the workbook writes (items joined as `1.…\n2.…`): the title (from
 * `unit`), the info line (`filler`), the table's answer cells and the fields
 * under it. Computed sheets only repeat these texts.
 */
export function unwritableCells(def: FormDefinition<any>, data: Record<string, any>): UnwritableCell[] {
  const { layout } = def;
  const out: UnwritableCell[] = [];
  const check = (path: DataPath, header: string, text: unknown) => {
    if (typeof text !== 'string') return;
    const bad = UNWRITABLE.exec(text);
    if (text.length <= MAX_CELL_CHARS && !bad) return;
    out.push({
      path,
      header,
      ...(text.length > MAX_CELL_CHARS && { chars: text.length }),
      ...(bad && { character: { char: bad[0], code: codePointName(bad[0]), text } }),
    });
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
