import ExcelJS from 'exceljs';
import { infoLineFor, titleFor, type Column, type FormDefinition } from '@tianbao/form';
import { META_KEYS, META_SHEET } from './meta.ts';
import { BODY_FONT, BODY_SIZE, TITLE_FONT, headerFill, heightFor, linesFor, thin } from './style.ts';

const BLANK_INFO = '填报单位：　　　　　　填报日期：　　年　月　日';

/**
 * A form as a workbook: the blank for clerks when `data` is null, otherwise filled.
 * Answer cells stay unlocked in both, the template's texts are locked.
 */
export async function writeWorkbook(def: FormDefinition<any>, data: Record<string, any> | null): Promise<Buffer> {
  const { layout } = def;
  const cols = layout.columns;
  const n = cols.length;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'tianbao';
  const ws = wb.addWorksheet(layout.sheet, { views: [{ showGridLines: false }] });
  ws.columns = cols.map((c) => ({ key: c.key, width: c.width }));
  const totalWidth = cols.reduce((s, c) => s + c.width, 0);
  const body: Partial<ExcelJS.Font> = { name: BODY_FONT, size: BODY_SIZE };

  let r = 1;
  ws.mergeCells(r, 1, r, n);
  const title = ws.getCell(r, 1);
  title.value = titleFor(layout, data?.unit ?? layout.placeholder);
  title.font = { name: TITLE_FONT, size: 18, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(r).height = 36;
  r++;

  if (layout.infoLine) {
    ws.mergeCells(r, 1, r, n);
    const info = ws.getCell(r, 1);
    info.value = data ? infoLineFor(data) : BLANK_INFO;
    info.font = body;
    info.alignment = { horizontal: 'left', vertical: 'middle' };
    info.protection = { locked: false };
    ws.getRow(r).height = 24;
    r++;
  }

  const headerRow = r;
  cols.forEach((c, i) => {
    const cell = ws.getCell(r, i + 1);
    cell.value = c.header;
    cell.font = { ...body, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = thin;
    cell.fill = headerFill;
  });
  ws.getRow(r).height = 28;
  r++;

  const firstBody = r;
  const merged = mergeGroups(def, firstBody);
  const table = (data?.[layout.dataKey] ?? {}) as Record<string, Record<string, unknown>>;
  for (const row of layout.rows) {
    let lines = 1;
    cols.forEach((c, i) => {
      const cell = ws.getCell(r, i + 1);
      cell.font = body;
      cell.border = thin;
      const text = c.cell ? answerText(c, table[row.key]?.[c.key]) : (row.fixed[c.key] ?? '');
      cell.value = text;
      const inGroup = merged.get(c.key)?.has(r) ?? false;
      cell.alignment = { wrapText: true, vertical: inGroup ? 'middle' : 'top', horizontal: inGroup ? 'center' : 'left' };
      if (c.cell) {
        cell.protection = { locked: false };
        if (c.hint)
          cell.dataValidation = {
            type: 'any',
            allowBlank: true,
            showInputMessage: true,
            promptTitle: c.hint.title,
            prompt: c.hint.prompt,
          } as unknown as ExcelJS.DataValidation;
      }
      // A merged text is shared out over its rows, so it does not set a row's height.
      if (!inGroup) lines = Math.max(lines, linesFor(text, c.width));
    });
    ws.getRow(r).height = heightFor(lines, 30);
    r++;
  }
  for (const [key, groups] of mergedRanges(def, firstBody)) {
    const c = cols.findIndex((col) => col.key === key) + 1;
    for (const [from, to] of groups) ws.mergeCells(from, c, to, c);
  }

  for (const note of layout.notes) {
    ws.mergeCells(r, 1, r, n);
    const cell = ws.getCell(r, 1);
    cell.value = note;
    cell.font = body;
    cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    ws.getRow(r).height = heightFor(linesFor(note, totalWidth));
    r++;
  }

  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: `${headerRow}:${headerRow}`,
  };
  await ws.protect('', {
    spinCount: 1000,
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatRows: true,
    formatColumns: true,
  });

  const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  const pairs: [string, string | undefined][] = [
    [META_KEYS.template, def.id],
    [META_KEYS.version, def.version],
    [META_KEYS.period, data?.period],
    [META_KEYS.unit, data?.unit],
  ];
  for (const [k, v] of pairs) if (v !== undefined && v !== null) meta.addRow([k, String(v)]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}

function answerText(c: Column, value: unknown): string {
  if (value === undefined || value === null) return '';
  return c.cell!.write(value);
}

/** Runs of equal fixed text in the mergeDown columns, as [firstRow, lastRow] with more than one row. */
function mergedRanges(def: FormDefinition<any>, firstBody: number): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>();
  const rows = def.layout.rows;
  for (const key of def.layout.mergeDown) {
    const groups: [number, number][] = [];
    let start = 0;
    for (let i = 1; i <= rows.length; i++) {
      if (i < rows.length && rows[i]!.fixed[key] === rows[start]!.fixed[key]) continue;
      if (i - start > 1) groups.push([firstBody + start, firstBody + i - 1]);
      start = i;
    }
    out.set(key, groups);
  }
  return out;
}

/** The sheet rows that lie inside a merged run, by column key. */
function mergeGroups(def: FormDefinition<any>, firstBody: number): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const [key, groups] of mergedRanges(def, firstBody)) {
    const set = new Set<number>();
    for (const [a, b] of groups) for (let i = a; i <= b; i++) set.add(i);
    out.set(key, set);
  }
  return out;
}
