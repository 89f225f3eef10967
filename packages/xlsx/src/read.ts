import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { DAYS_1904, textKey, type CellValue, type FormDefinition } from '@tianbao/form';
import { FileRefused, inspectXlsx } from './inspect.ts';
import { META_SHEET } from './meta.ts';

/** A workbook as loaded, whoever wrote it (an exceljs Workbook). */
export type LoadedWorkbook = ExcelJS.Workbook;

/** Where a form's table stands in a workbook, and what its cells hold. */
export interface Located {
  sheet: string;
  headerRow: number;
  /** Column letter by column key. */
  columns: Record<string, string>;
  /** First text above the header that is not the info line. */
  title: { text: string; cell: string } | null;
  /** The `填报单位：…　　填报日期：…` cell, if any. */
  info: { text: string; cell: string } | null;
  /** Key/value pairs of the `_tianbao` sheet; empty for workbooks from elsewhere. */
  meta: Record<string, string>;
  /** Day serials count from 1904: a bare number in a date column is read so. */
  date1904: boolean;
  /** A template's rows in template order (`row` null when not found), or a list's rows in sheet order. */
  rows: LocatedRow[];
  /** Labelled values under the table by field key; null when the label is not there. */
  fields: Record<string, { value: CellValue; cell: string } | null>;
  /** Template row keys not found. */
  missing: string[];
  /** The rows found stand in another order than the template's. */
  outOfOrder: boolean;
}

export interface LocatedRow {
  key: string;
  row: number | null;
  /** Every fixed text equals the template's (by textKey). */
  fixedMatches: boolean;
  /** Raw cell values by column key (all null when the row was not found). */
  values: Record<string, CellValue>;
}

const HEADER_SCAN = 20;
/** How far below the header to look for a template's rows. */
const BODY_SCAN = 200;
/** How far below the table to look for its labelled values. */
const FIELD_SCAN = 20;
const INFO = /填报单位|填报日期|报送月份/;
/** The signature line under a table ends a list: `填表人：…　审核人：…　联系电话：…`. */
const FOOTER = /^(填表人|填报人|制表人|审核人|复核人|负责人|单位负责人|联系人|联系电话)：/;

/**
 * Load an xlsx from a buffer or a file path. Throws `FileRefused` (a rule id
 * and a Chinese reason) for anything that is not a workbook that may be opened.
 */
export async function readWorkbook(input: Buffer | string): Promise<LoadedWorkbook> {
  let buf: Buffer;
  if (typeof input === 'string') {
    try {
      buf = await readFile(input);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是文件夹，不是文件' : (e as Error).message;
      throw new FileRefused('file.unreadable', `无法打开文件：${why}`);
    }
  } else buf = input;
  const { date1904 } = inspectXlsx(buf);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buf as any);
  } catch (e) {
    throw new FileRefused('file.corrupt', `文件已损坏，无法作为 .xlsx 打开（${(e as Error).message}）。请在 Excel/WPS 中打开后另存为 .xlsx 再提交`);
  }
  if (date1904) {
    SYSTEM_1904.add(workbook);
    // exceljs knows `date1904="1"` only; LibreOffice and SheetJS write `"true"`.
    if (!workbook.properties.date1904) SHIFTED.add(workbook);
  }
  return workbook;
}

/** Workbooks that count days from 1904, and those whose date cells exceljs took in the 1900 system. */
const SYSTEM_1904 = new WeakSet<LoadedWorkbook>();
const SHIFTED = new WeakSet<LoadedWorkbook>();

/** A cell's value reduced to what the form model reads: text, number, date or nothing. */
export function cellValue(cell: ExcelJS.Cell): CellValue {
  const v = plain(cell.value);
  if (v instanceof Date && SHIFTED.has(cell.worksheet.workbook)) return new Date(v.getTime() + DAYS_1904 * 86400000);
  return v;
}

function plain(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return plain(v.richText.map((t) => t.text).join(''));
    if ('formula' in v || 'sharedFormula' in v) return plain((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('hyperlink' in v) return plain((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('error' in v) return null;
  }
  return null;
}

/** The text of a cell as a clerk sees it; dates and numbers as their plain string. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cellValue(cell);
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** The `_tianbao` key/value pairs, or empty when the workbook has none. */
export function workbookMeta(wb: LoadedWorkbook): Record<string, string> {
  const out: Record<string, string> = {};
  const ws = wb.getWorksheet(META_SHEET);
  if (!ws) return out;
  ws.eachRow((row) => {
    const k = cellText(row.getCell(1)).trim();
    if (k) out[k] = cellText(row.getCell(2)).trim();
  });
  return out;
}

/** Some sheet has the form's title (any unit) in its first rows: `…行政复议工作问题台账`. */
export function titleFound(wb: LoadedWorkbook, def: FormDefinition<any>): boolean {
  const suffix = textKey(def.layout.title.replace('{unit}', ''));
  for (const ws of wb.worksheets) {
    if (ws.name === META_SHEET) continue;
    for (let r = 1; r <= Math.min(HEADER_SCAN, ws.rowCount); r++) {
      let found = false;
      ws.getRow(r).eachCell((cell) => {
        found ||= textKey(cellText(cell)).endsWith(suffix);
      });
      if (found) return true;
    }
  }
  return false;
}

/** Find a form's table in any sheet of a workbook, wherever it was moved; null if none has its header. */
export function locateForm(wb: LoadedWorkbook, def: FormDefinition<any>): Located | null {
  for (const ws of wb.worksheets) {
    if (ws.name === META_SHEET) continue;
    const found = findHeader(ws, def);
    if (found) return { ...readBody(ws, def, found.row, found.columns, workbookMeta(wb)), date1904: SYSTEM_1904.has(wb) };
  }
  return null;
}

function findHeader(ws: ExcelJS.Worksheet, def: FormDefinition<any>): { row: number; columns: Record<string, number> } | null {
  const last = Math.min(HEADER_SCAN, ws.rowCount);
  for (let r = 1; r <= last; r++) {
    const keys: string[] = [];
    const width = Math.max(ws.columnCount, ws.getRow(r).cellCount);
    for (let c = 1; c <= width; c++) keys[c] = textKey(cellText(ws.getCell(r, c)));
    const columns: Record<string, number> = {};
    const used = new Set<number>();
    for (const col of def.layout.columns) {
      const want = textKey(col.header);
      // Exact first; a header with something added (`完成时限（日期）`) second.
      let at = keys.findIndex((k, c) => c > 0 && !used.has(c) && k === want);
      if (at < 0) at = keys.findIndex((k, c) => c > 0 && !used.has(c) && k !== undefined && k.includes(want));
      if (at < 0) break;
      columns[col.key] = at;
      used.add(at);
    }
    if (Object.keys(columns).length === def.layout.columns.length) return { row: r, columns };
  }
  return null;
}

function readBody(
  ws: ExcelJS.Worksheet,
  def: FormDefinition<any>,
  headerRow: number,
  colNums: Record<string, number>,
  meta: Record<string, string>,
): Omit<Located, 'date1904'> {
  const { layout } = def;
  const columns = Object.fromEntries(Object.entries(colNums).map(([k, c]) => [k, ws.getColumn(c).letter]));

  let info: Located['info'] = null;
  const texts: { text: string; cell: string }[] = [];
  for (let r = 1; r < headerRow; r++) {
    const row: { text: string; cell: string }[] = [];
    ws.getRow(r).eachCell((cell) => {
      const text = cellText(cell).trim();
      if (text && !(cell.isMerged && cell.master !== cell)) row.push({ text, cell: cell.address });
    });
    // An info line may be spread over cells (`填报单位：…` in A2, `填报日期：` in D2, the date in E2): read it whole.
    if (row.some((c) => INFO.test(c.text))) {
      const text = row.map((c) => c.text).join('　　');
      info = info ? { text: `${info.text}　　${text}`, cell: info.cell } : { text, cell: row[0]!.cell };
    } else texts.push(...row);
  }
  // The title holds the template's words around `{unit}`; failing that, the text nearest the header.
  const parts = layout.title.split('{unit}').map(textKey).filter(Boolean);
  const title = texts.find((t) => parts.every((p) => textKey(t.text).includes(p))) ?? texts.at(-1) ?? null;

  const body = layout.rows ? fixedRows(ws, def, headerRow, colNums) : listRows(ws, def, headerRow, colNums);
  const order = body.rows.map((r) => r.row).filter((r): r is number => r !== null);
  return {
    sheet: ws.name,
    headerRow,
    columns,
    title,
    info,
    meta,
    rows: body.rows,
    fields: readFields(ws, def, body.end),
    missing: body.rows.filter((r) => r.row === null).map((r) => r.key),
    outOfOrder: order.some((r, i) => i > 0 && r < order[i - 1]!),
  };
}

type Body = { rows: LocatedRow[]; end: number };

/** The template's rows, each found by its label wherever it stands below the header. */
function fixedRows(ws: ExcelJS.Worksheet, def: FormDefinition<any>, headerRow: number, colNums: Record<string, number>): Body {
  const { layout } = def;
  const fixedCols = layout.columns.filter((c) => !c.cell);
  const last = Math.min(ws.rowCount, headerRow + BODY_SCAN);
  const claimed = new Set<number>();
  const rows = layout.rows!.map((fixed): LocatedRow => {
    const label = textKey(fixed.label);
    let row: number | null = null;
    for (let r = headerRow + 1; r <= last && row === null; r++) {
      if (claimed.has(r)) continue;
      if (fixedCols.some((c) => textKey(cellText(ws.getCell(r, colNums[c.key]!))).includes(label))) row = r;
    }
    const values: Record<string, CellValue> = {};
    for (const c of layout.columns) values[c.key] = row === null ? null : cellValue(ws.getCell(row, colNums[c.key]!));
    let fixedMatches = false;
    if (row !== null) {
      claimed.add(row);
      const at = row;
      fixedMatches = fixedCols.every((c) => {
        const text = textKey(cellText(ws.getCell(at, colNums[c.key]!)));
        // A group's text written once, with the rows below left blank, is how it prints unmerged.
        return text === textKey(fixed.fixed[c.key] ?? '') || (text === '' && (layout.mergeDown ?? []).includes(c.key));
      });
    }
    return { key: fixed.key, row, fixedMatches, values };
  });
  return { rows, end: Math.max(headerRow, ...claimed) };
}

/**
 * A list's rows: every row below the header with something in an answer
 * column, up to the fields or notes under the table. Blank rows in between
 * are skipped; a blank fill-down cell takes the value above.
 */
function listRows(ws: ExcelJS.Worksheet, def: FormDefinition<any>, headerRow: number, colNums: Record<string, number>): Body {
  const { layout } = def;
  const inputs = layout.columns.filter((c) => c.cell);
  const stops = [...(layout.fields?.items.map((f) => textKey(f.label)) ?? []), ...layout.notes.map((n) => textKey(n).slice(0, 6))];
  const rows: LocatedRow[] = [];
  const carried: Record<string, CellValue> = {};
  let end = headerRow;
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) continue;
    const texts = inputs.map((c) => textKey(cellText(row.getCell(colNums[c.key]!))));
    if (texts.some((t) => t && stops.some((s) => t.startsWith(s))) || FOOTER.test(texts.find(Boolean) ?? '')) {
      // The fields (or the signature line) start here, however many empty rows the blank left above them.
      end = r - 1;
      break;
    }
    if (texts.every((t) => t === '')) continue;
    const values: Record<string, CellValue> = {};
    for (const c of inputs) {
      let v = cellValue(row.getCell(colNums[c.key]!));
      if (c.fillDown) {
        if (v === null || (typeof v === 'string' && !v.trim())) v = carried[c.key] ?? null;
        else carried[c.key] = v;
      }
      values[c.key] = v;
    }
    rows.push({ key: String(rows.length), row: r, fixedMatches: true, values });
    end = r;
  }
  return { rows, end };
}

/** The labelled values under the table: `办公室主任 | 靳莲`, or `办公室主任：靳莲` in one cell. */
function readFields(ws: ExcelJS.Worksheet, def: FormDefinition<any>, after: number): Located['fields'] {
  const out: Located['fields'] = {};
  const items = def.layout.fields?.items ?? [];
  const last = Math.min(ws.rowCount, after + FIELD_SCAN);
  for (const field of items) {
    const label = textKey(field.label);
    out[field.key] = null;
    for (let r = after + 1; r <= last && !out[field.key]; r++) {
      const row = ws.getRow(r);
      const width = Math.max(ws.columnCount, row.cellCount);
      for (let c = 1; c <= width; c++) {
        const text = textKey(cellText(row.getCell(c)));
        if (!text.startsWith(label)) continue;
        const rest = cellText(row.getCell(c)).trim().replace(/^.*?[：:]/, '');
        if (text !== label && text !== `${label}：` && rest) {
          out[field.key] = { value: rest.trim(), cell: row.getCell(c).address };
          break;
        }
        for (let k = c + 1; k <= width; k++) {
          const cell = row.getCell(k);
          if (cell.isMerged && cell.master !== cell) continue;
          if (cellText(cell).trim()) {
            out[field.key] = { value: cellValue(cell), cell: cell.address };
            break;
          }
        }
        // A label with nothing beside it: the empty cell next to it is where the value belongs.
        out[field.key] ??= { value: null, cell: row.getCell(c + 1).address };
        break;
      }
    }
  }
  return out;
}
