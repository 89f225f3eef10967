import outfallChecklist, { basinOf } from '@tianbao/template-outfall-checklist';
import { beforeAll, describe, expect, it } from 'vitest';
import { bigChecklist } from '../../../test/bench/big-checklist.ts';
import { META_SHEET, readEntry, readWorkbook, writeWorkbook, zipEntries, type LoadedWorkbook } from '../src/index.ts';

// A long list (some twenty batches of rows committed, book-writer.ts), still quick for exceljs to open whole and compare.
const ROWS = 5_000;
const data = bigChecklist(ROWS);
const HEADER = 3;
const last = HEADER + ROWS;

/** A part of a workbook, as text. */
const part = (buf: Buffer, name: string) => (readEntry(buf, zipEntries(buf)!.find((e) => e.name === name)!, 1 << 28) as Buffer).toString('utf8');

describe(`a checklist of ${ROWS} outfalls`, () => {
  let bytes: Buffer;
  let wb: LoadedWorkbook;
  beforeAll(async () => {
    bytes = await writeWorkbook(outfallChecklist, data);
    wb = await readWorkbook(bytes);
  });

  it('gives the same bytes when written again', async () => {
    expect(Buffer.compare(await writeWorkbook(outfallChecklist, data), bytes)).toBe(0);
  });

  it('holds every outfall, first to last, under the frozen header', () => {
    expect(wb.worksheets.map((ws) => [ws.name, ws.state])).toEqual([
      ['排污口清单', 'visible'],
      ['主要河流清单', 'visible'],
      ['整治进度汇总', 'visible'],
      ['_lists', 'veryHidden'],
      [META_SHEET, 'veryHidden'],
    ]);
    const ws = wb.getWorksheet('排污口清单')!;
    expect(ws.rowCount).toBe(last);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER });
    expect(ws.getCell('B3').text).toBe('排污口编码');
    const first = data.outfalls[0]!;
    const end = data.outfalls.at(-1)!;
    expect(['A4', 'B4', 'C4', 'D4', 'H4', 'I4'].map((a) => ws.getCell(a).value)).toEqual([1, first.code, first.name, first.county, first.lng, first.lat]);
    expect([`A${last}`, `B${last}`, `C${last}`, `F${last}`, `G${last}`].map((a) => ws.getCell(a).value)).toEqual([ROWS, end.code, end.name, end.basin, end.type]);
    // Its date cells, in every time zone: stream-write-dates.test.ts.
    expect(ws.getCell(`A${last + 1}`).value).toBeNull();
  });

  it('offers the dropdowns down to the last row, from the hidden lists', () => {
    const ws = wb.getWorksheet('排污口清单')!;
    for (const row of [HEADER + 1, last]) {
      const v = ws.getCell(`G${row}`).dataValidation;
      expect(v).toMatchObject({ type: 'list', allowBlank: true, showErrorMessage: true });
      expect(String(v?.formulae[0])).toMatch(/^'_lists'!\$[A-Z]+\$1:\$[A-Z]+\$18$/);
      expect(ws.getCell(`H${row}`).dataValidation).toMatchObject({ type: 'decimal' });
    }
    expect(ws.getCell(`G${last + 1}`).dataValidation).toBeUndefined();
  });

  it('adds the progress summary over all of them on the main rivers', () => {
    const ws = wb.getWorksheet('整治进度汇总')!;
    const city = ws.getColumn(1).values.findIndex((v) => v === '全市');
    expect(city).toBeGreaterThan(2);
    expect(ws.getCell(city, 2).value).toBe(data.outfalls.filter((o) => basinOf(o.river)).length);
  });
});

describe('sheet XML', () => {
  it('keeps the order the schema gives, which Excel insists on', async () => {
    const xml = part(await writeWorkbook(outfallChecklist, null), 'xl/worksheets/sheet1.xml');
    const at = (tag: string) => xml.indexOf(`<${tag}`);
    const order = ['sheetViews', 'cols', 'sheetData', 'sheetProtection', 'mergeCells', 'dataValidations', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter'];
    expect(order.map(at).every((i) => i > 0)).toBe(true);
    expect(order.map(at)).toEqual(order.map(at).sort((a, b) => a - b));
    expect(xml).toContain('<printOptions horizontalCentered="1"/>');
  });
});
