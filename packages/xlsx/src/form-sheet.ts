import type ExcelJS from 'exceljs';
import { BLANK_INFO_LINE, bodyRows, infoLineFor, mergeRuns, titleFor, type Column, type FormDefinition, type Layout, type UnitList } from '@tianbao/form';
import { commitRow, openHeight, type BookWriter } from './book-writer.ts';
import { dataValidations } from './exceljs-internals.ts';
import type { DropdownLists } from './lists.ts';
import { columnLetter } from './sheet/refs.ts';
import { fitsOnePage } from './page-fit.ts';
import { BODY_FONT, BODY_SIZE, DATE_FORMAT, DRAFT_HEADER_FOOTER, PAGE_FOOTER, TEXT_FORMAT, TITLE_FONT, heightFor, linesFor, thin, writeHeaders } from './style.ts';

/** Points of a row left at the sheet's default height. */
const DEFAULT_HEIGHT = 15;

/**
 * The form's own sheet: title, info line, header, body, fields, notes. The
 * template's texts are locked; answer cells are open, with their entry checks,
 * and the rows that hold them grow with what is typed. Rows are written top to
 * bottom, each committed once done.
 */
export async function writeFormSheet(
  book: BookWriter,
  def: FormDefinition<any>,
  data: Record<string, any> | null,
  blankUnit: string | undefined,
  lists: DropdownLists,
  units: UnitList,
  draft = false,
): Promise<void> {
  const { layout } = def;
  const cols = layout.columns;
  const n = cols.length;
  const headerRow = layout.infoLine ? 3 : 2;
  // The streamed sheet writes its views and print set-up first, so they are known before any row.
  const ws = book.addWorksheet(layout.sheet, {
    views: [layout.freezeHeader ? { state: 'frozen', ySplit: headerRow, xSplit: 0, showGridLines: false } : { showGridLines: false }],
    pageSetup: {
      paperSize: 9,
      orientation: layout.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
    headerFooter: draft ? DRAFT_HEADER_FOOTER : PAGE_FOOTER,
  });
  ws.columns = cols.map((c) => ({ key: c.key, width: c.width }));
  const totalWidth = cols.reduce((s, c) => s + c.width, 0);
  const body: Partial<ExcelJS.Font> = { name: BODY_FONT, size: BODY_SIZE };
  // The sheet's height as written, to print it on one page if it fits.
  let height = 0;
  const setHeight = (row: ExcelJS.Row, points: number) => {
    row.height = points;
    height += points;
  };

  let r = 1;
  ws.mergeCells(r, 1, r, n);
  const title = ws.getCell(r, 1);
  title.value = titleFor(layout, data?.unit ?? blankUnit ?? layout.placeholder);
  title.font = { name: TITLE_FONT, size: 18, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  setHeight(ws.getRow(r), 36);
  await commitRow(ws.getRow(r++));

  if (layout.infoLine) {
    ws.mergeCells(r, 1, r, n);
    const info = ws.getCell(r, 1);
    info.value = data ? infoLineFor(data) : BLANK_INFO_LINE;
    info.font = body;
    info.alignment = { horizontal: 'left', vertical: 'middle' };
    info.protection = { locked: false };
    setHeight(ws.getRow(r), 24);
    await commitRow(ws.getRow(r++));
  }

  writeHeaders(ws, r, cols.map((c) => c.header));
  setHeight(ws.getRow(r), 28);
  await commitRow(ws.getRow(r++));

  const firstBody = r;
  const rows = bodyRows(layout, data);
  // A blank list offers empty numbered rows to fill.
  const count = layout.rows || data ? rows.length : (layout.blankRows ?? 0);
  if (count > 0) addEntryChecks(ws, cols, firstBody, firstBody + count - 1, lists, units);
  const runs = mergedCells(layout, cols, firstBody);
  // One style object for each kind of body cell, shared by its cells: exceljs
  // turns a style object into a style id once, not once a cell.
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  const bodyStyle = (k: number, inGroup: boolean, date: boolean) => {
    const key = `${k} ${inGroup} ${date}`;
    let style = styles.get(key);
    if (!style) {
      const c = cols[k]!;
      const centred = inGroup || c.serial;
      style = {
        font: body,
        border: thin,
        alignment: { wrapText: true, vertical: inGroup ? 'middle' : 'top', horizontal: centred ? 'center' : 'left' },
        // 序号 is the engine's, as locked as the template's texts.
        ...(c.cell ? { protection: { locked: false } } : {}),
        ...(date ? { numFmt: DATE_FORMAT } : c.cell?.textFormat ? { numFmt: TEXT_FORMAT } : {}),
      };
      styles.set(key, style);
    }
    return style;
  };
  for (let i = 0; i < count; i++, r++) {
    const { fixed, values = {} } = rows[i] ?? {};
    let lines = 1;
    cols.forEach((c, k) => {
      const value = c.serial ? i + 1 : c.cell ? answerValue(c, values[c.key]) : (fixed?.fixed[c.key] ?? '');
      const inGroup = runs.some((m) => m.column === k + 1 && m.from <= r && r <= m.to);
      const cell = ws.getCell(r, k + 1);
      cell.style = bodyStyle(k, inGroup, value instanceof Date);
      cell.value = value;
      // A merged text is shared out over its rows, so it does not set a row's height.
      if (!inGroup && typeof value === 'string') lines = Math.max(lines, linesFor(value, c.width));
    });
    // The height its text needs now; a row of answers grows as the clerk types.
    const grow = heightFor(lines, layout.rows ? 30 : 20);
    openHeight(ws.getRow(r), grow);
    height += grow;
    for (const m of runs) if (m.to === r) ws.mergeCells(m.from, m.column, m.to, m.column);
    // A row inside a run waits for the run's last row, which merges it.
    if (!runs.some((m) => m.from <= r && r < m.to)) await commitRow(ws.getRow(r));
  }

  if (layout.fields) {
    r++; // one empty row between the table and the fields
    height += DEFAULT_HEIGHT;
    const labelCol = cols.findIndex((c) => c.key === layout.fields!.labelColumn) + 1;
    const valueCol = cols.findIndex((c) => c.key === layout.fields!.valueColumn) + 1;
    for (const field of layout.fields.items) {
      const label = ws.getCell(r, labelCol);
      label.value = field.label;
      label.font = { ...body, bold: true };
      if (valueCol < n) ws.mergeCells(r, valueCol, r, n);
      const value = ws.getCell(r, valueCol);
      const v = data?.[field.key];
      value.value = v === undefined || v === null ? null : field.cell.write(v);
      value.font = body;
      value.protection = { locked: false };
      value.border = { bottom: { style: 'thin' } };
      setHeight(ws.getRow(r), 22);
      await commitRow(ws.getRow(r++));
    }
  }

  for (const note of layout.notes) {
    ws.mergeCells(r, 1, r, n);
    const cell = ws.getCell(r, 1);
    cell.value = note;
    cell.font = body;
    cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    setHeight(ws.getRow(r), heightFor(linesFor(note, totalWidth)));
    await commitRow(ws.getRow(r++));
  }

  // <pageSetup> is written with the sheet's end: one page when the sheet fits, else as many as it takes, fitted to the width.
  if (fitsOnePage(ws.pageSetup, cols.map((c) => c.width), height)) ws.pageSetup.fitToHeight = 1;

  await ws.protect('', {
    spinCount: 1000,
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatRows: true,
    formatColumns: true,
    // A list grows and shrinks as the clerk needs.
    ...(layout.rows ? {} : { insertRows: true, deleteRows: true }),
  });
  ws.commit();
}

function answerValue(c: Column, value: unknown): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  return c.cell!.write(value);
}

/** Input hints, dropdowns and number and date checks over each answer column's body cells. */
function addEntryChecks(ws: ExcelJS.Worksheet, cols: readonly Column[], first: number, last: number, lists: DropdownLists, units: UnitList): void {
  cols.forEach((c, k) => {
    const entry = c.cell?.entry;
    if (!entry && !c.hint) return;
    const letter = columnLetter(k + 1);
    const prompt = c.hint ? { showInputMessage: true, promptTitle: c.hint.title, prompt: c.hint.prompt } : {};
    const refuse = (error: string) => ({ showErrorMessage: true, errorStyle: 'stop', errorTitle: c.header, error });
    let check: Record<string, unknown> = { type: 'any' };
    const values = entry?.type === 'list' ? entry.values : entry?.type === 'units' ? units.units.map((u) => u.name) : undefined;
    if (values) check = { type: 'list', formulae: [lists.rangeFor(values)], ...refuse('请从下拉列表中选择') };
    else if (entry?.type === 'decimal')
      check = { type: 'decimal', operator: 'between', formulae: [entry.min, entry.max], ...refuse(`请填写 ${entry.min} 至 ${entry.max} 之间的十进制度数`) };
    else if (entry?.type === 'date')
      check = { type: 'date', operator: 'greaterThan', formulae: [new Date(Date.UTC(2000, 0, 1))], ...refuse('请填写日期，如 2023年12月31日') };
    dataValidations(ws).add(`${letter}${first}:${letter}${last}`, { allowBlank: true, ...check, ...prompt } as ExcelJS.DataValidation);
  });
}

/** The merged runs of the mergeDown columns, as sheet column and first and last sheet row. */
function mergedCells(layout: Layout, cols: readonly Column[], firstBody: number) {
  return mergeRuns(layout)
    .filter((run) => run.last > run.first)
    .map((run) => ({ column: cols.findIndex((c) => c.key === run.key) + 1, from: firstBody + run.first, to: firstBody + run.last }));
}
