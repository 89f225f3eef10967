/**
 * A blank tianbao made, filled in by another program: SheetJS types a form's data into the
 * blank's cells as a clerk would (dates as text, codes and names as typed) and saves it.
 */
import { displayText, infoLineFor, textKey, type CellValue, type FormDefinition } from '@tianbao/form';
import XLSX from 'xlsx';

type Sheet = XLSX.WorkSheet;

const shown = (ws: Sheet, r: number, c: number) => textKey(String(ws[XLSX.utils.encode_cell({ r, c })]?.v ?? ''));

/** One cell as a clerk types it: a number as a number, anything else (a date too) as its text. */
function type(ws: Sheet, r: number, c: number, value: CellValue) {
  const cell = XLSX.utils.encode_cell({ r, c });
  if (value === null || value === '') delete ws[cell];
  else ws[cell] = typeof value === 'number' ? { t: 'n', v: value } : { t: 's', v: displayText(value) };
  const range = XLSX.utils.decode_range(ws['!ref'] ?? 'A1');
  range.e.r = Math.max(range.e.r, r);
  range.e.c = Math.max(range.e.c, c);
  ws['!ref'] = XLSX.utils.encode_range(range);
}

/** The blank `blank` (bytes) with `data` typed in by SheetJS, saved by SheetJS. */
export function fillBlank(def: FormDefinition<any>, blank: Buffer, data: Record<string, any>): Buffer {
  const { layout } = def;
  const wb = XLSX.read(blank, { type: 'buffer' });
  const ws = wb.Sheets[layout.sheet]!;
  const last = XLSX.utils.decode_range(ws['!ref']!).e.r;
  const rowOf = (text: string, c: number, from = 0) => {
    for (let r = from; r <= last; r++) if (shown(ws, r, c) === textKey(text)) return r;
    throw new Error(`${def.id}: no 「${text}」 in column ${c + 1} of the blank`);
  };
  const col = (key: string) => layout.columns.findIndex((c) => c.key === key);
  const header = rowOf(layout.columns[0]!.header, 0);
  if (layout.infoLine) type(ws, header - 1, 0, infoLineFor(data));

  // The blank's body follows its header: the template's rows in order, or the list's empty rows.
  const table = data[layout.dataKey];
  const entries: Record<string, unknown>[] = layout.rows ? layout.rows.map((row) => table?.[row.key] ?? {}) : table;
  const body = entries.map((values, i) => ({ r: header + 1 + i, values }));
  for (const { r, values } of body)
    for (const [c, column] of layout.columns.entries()) if (column.cell && values[column.key] !== undefined) type(ws, r, c, column.cell.write(values[column.key]));

  const fields = layout.fields;
  for (const field of fields?.items ?? []) {
    const r = rowOf(field.label, col(fields!.labelColumn), header);
    if (data[field.key] !== undefined) type(ws, r, col(fields!.valueColumn), field.cell.write(data[field.key]));
  }
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}
