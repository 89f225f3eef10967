import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { textKey, type CellValue, type FormDefinition } from '@tianbao/form';
import { META_SHEET } from './meta.ts';

export type LoadedWorkbook = ExcelJS.Workbook;

/** Larger than any real form; refused rather than risking a long stall in a batch. */
const MAX_BYTES = 50 * 1024 * 1024;
/** The header row is looked for this far down: clerks add rows above a table. */
const HEADER_SEARCH_ROWS = 20;
const OLE_MAGIC = 'd0cf11e0';

/** Load a workbook; throws an Error with a Chinese reason when it is not a readable .xlsx. */
export async function readWorkbook(input: Buffer | string): Promise<LoadedWorkbook> {
  let bytes: Buffer;
  try {
    bytes = typeof input === 'string' ? await readFile(input) : input;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是文件夹，不是文件' : `无法打开文件（${code ?? (e as Error).message}）`);
  }
  if (bytes.length > MAX_BYTES) throw new Error(`文件过大（${(bytes.length / 1048576).toFixed(0)} MB），不像是报表`);
  if (bytes.subarray(0, 4).toString('hex') === OLE_MAGIC)
    throw new Error('这是旧版 .xls 文件或已加密的文件，请在 Excel/WPS 中取消密码并另存为 .xlsx');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new Error(`不是有效的 .xlsx 文件（${(e as Error).message}）`);
  }
  return wb;
}

/** A cell's value as the form engine reads it: rich text, formulas and links reduced to what shows. */
export function cellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in value) return cellValue((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
  return null;
}

const textOf = (v: CellValue) => (v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/** A text above the table, with the cell it stands in. */
export interface Placed {
  text: string;
  cell: string;
}

/** One body row of the form, as found in the submission. */
export interface FoundRow {
  key: string;
  /** Sheet row, or null when the row is missing. */
  row: number | null;
  /** Whether its fixed texts are the template's. */
  fixedMatches: boolean;
  /** Raw values by column key. */
  values: Record<string, CellValue>;
}

/** Where a form's table stands in a workbook, and what it holds. */
export interface Located {
  sheet: string;
  headerRow: number;
  /** Column letter by column key. */
  columns: Record<string, string>;
  title: Placed | null;
  /** The `填报单位：… 填报日期：…` line, if any. */
  info: Placed | null;
  /** Key/value pairs tianbao wrote into the workbook. */
  meta: Record<string, string>;
  /** In the layout's order. */
  rows: FoundRow[];
  /** The rows found do not stand in the layout's order. */
  outOfOrder: boolean;
}

/** Key/value pairs from the hidden meta sheet; empty for workbooks tianbao did not write. */
export function workbookMeta(wb: LoadedWorkbook): Record<string, string> {
  const meta: Record<string, string> = {};
  wb.getWorksheet(META_SHEET)?.eachRow((row) => {
    const k = textOf(cellValue(row.getCell(1).value));
    if (k) meta[k] = textOf(cellValue(row.getCell(2).value));
  });
  return meta;
}

const INFO = /填报单位|填报日期|报送月份|报送日期/;

/** Find a form's table in any sheet by its header row's text; null when it is not there. */
export function locateForm(wb: LoadedWorkbook, def: FormDefinition<any>): Located | null {
  for (const ws of wb.worksheets) {
    if (ws.name === META_SHEET) continue;
    const found = findHeader(ws, def);
    if (found) return readTable(wb, ws, def, found.row, found.columns);
  }
  return null;
}

function findHeader(ws: ExcelJS.Worksheet, def: FormDefinition<any>): { row: number; columns: Record<string, number> } | null {
  const last = Math.min(HEADER_SEARCH_ROWS, ws.rowCount);
  for (let r = 1; r <= last; r++) {
    const keys = new Map<string, number>();
    ws.getRow(r).eachCell((cell, col) => {
      const k = textKey(textOf(cellValue(cell.value)));
      if (k && !keys.has(k)) keys.set(k, col);
    });
    const columns: Record<string, number> = {};
    for (const c of def.layout.columns) {
      const col = keys.get(textKey(c.header));
      if (col === undefined) break;
      columns[c.key] = col;
    }
    if (Object.keys(columns).length === def.layout.columns.length) return { row: r, columns };
  }
  return null;
}

function readTable(wb: LoadedWorkbook, ws: ExcelJS.Worksheet, def: FormDefinition<any>, headerRow: number, columns: Record<string, number>): Located {
  const { layout } = def;
  const letter = (col: number) => ws.getColumn(col).letter;

  // Texts above the header: the title ends the way the layout's title does.
  const above: Placed[] = [];
  for (let r = 1; r < headerRow; r++) {
    ws.getRow(r).eachCell((cell) => {
      const text = textOf(cellValue(cell.value)).trim();
      // A merged cell's other parts repeat its master's text.
      if (text && (!cell.isMerged || cell.master.address === cell.address)) above.push({ text, cell: cell.address });
    });
  }
  const suffix = textKey(layout.title.replace('{unit}', ''));
  const info = above.find((p) => INFO.test(textKey(p.text))) ?? null;
  const title = above.find((p) => textKey(p.text).endsWith(suffix)) ?? above.find((p) => p !== info) ?? null;

  // Body rows, recognised by their label in a fixed column.
  const fixedCols = layout.columns.filter((c) => !c.cell);
  const lastRow = ws.rowCount;
  const rows: FoundRow[] = layout.rows.map((spec) => {
    const label = textKey(spec.label);
    for (let r = headerRow + 1; r <= lastRow; r++) {
      const fixed = fixedCols.map((c) => ({ c, key: textKey(textOf(cellValue(ws.getCell(r, columns[c.key]!).value))) }));
      if (!fixed.some((f) => f.key.includes(label))) continue;
      const fixedMatches = fixed.every(
        ({ c, key }) => key === textKey(spec.fixed[c.key] ?? '') || (key === '' && layout.mergeDown.includes(c.key)),
      );
      const values: Record<string, CellValue> = {};
      for (const c of layout.columns) values[c.key] = cellValue(ws.getCell(r, columns[c.key]!).value);
      return { key: spec.key, row: r, fixedMatches, values };
    }
    return { key: spec.key, row: null, fixedMatches: false, values: {} };
  });
  const order = rows.map((r) => r.row).filter((r): r is number => r !== null);
  const outOfOrder = order.some((r, i) => i > 0 && r <= order[i - 1]!);

  return {
    sheet: ws.name,
    headerRow,
    columns: Object.fromEntries(Object.entries(columns).map(([k, col]) => [k, letter(col)])),
    title,
    info,
    meta: workbookMeta(wb),
    rows,
    outOfOrder,
  };
}
