import censusRoster from '@tianbao/template-census-roster';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import reviewLedger from '@tianbao/template-review-ledger';
import { UnitList, defaultUnits, outputContext, type FormDefinition } from '@tianbao/form';
import { forms } from '@tianbao/forms';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readEntry, writeWorkbook, zipEntries } from '../src/index.ts';

async function open(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** The `<row …>` tag of each row of the first sheet, by row number. */
function rowTags(buf: Buffer): Map<number, string> {
  const entry = zipEntries(buf)!.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
  const xml = (readEntry(buf, entry, 1 << 28) as Buffer).toString('utf8');
  return new Map([...xml.matchAll(/<row r="(\d+)"[^>]*>/g)].map((m) => [Number(m[1]), m[0]]));
}

/** The row a form's table starts on, and how many body rows its blank offers. */
function body(def: FormDefinition<any>) {
  const first = def.layout.infoLine ? 4 : 3;
  return { first, last: first + (def.layout.rows?.length ?? def.layout.blankRows!) - 1 };
}

const letter = (k: number) => String.fromCharCode(65 + k);
const xiuwu = outfallChecklist.samples.find((s) => s.unit === '修武县')!;

describe('rows grow with their text', () => {
  it.each(forms.map((d) => [d.id, d] as const))('leaves every body row of a blank %s free to grow', async (_, def) => {
    const rows = rowTags(await writeWorkbook(def, null));
    const { first, last } = body(def);
    // The title and header keep their heights; a body row opens at a height and grows as typed in.
    expect(rows.get(first - 1)).toContain('customHeight="1"');
    for (let r = first; r <= last; r++) {
      expect(rows.get(r)).toMatch(/ ht="/);
      expect(rows.get(r)).not.toContain('customHeight');
    }
  });

  it('makes a filled ledger row as tall as its five items need', async () => {
    const problems = ['补正通知未一次性告知需补正材料', '个别案件受理审查超过5日法定期限', '对不予受理决定未充分说明理由', '受理窗口未公示申请材料清单', '网上申请渠道不畅'];
    const sample = reviewLedger.samples[0]!;
    const five = { ...sample, rows: { ...sample.rows, acceptance: { problems, measures: problems.map((p) => `整改：${p}`), deadlines: ['长期坚持'] } } };
    const filled = rowTags(await writeWorkbook(reviewLedger, five)).get(4)!;
    const blank = rowTags(await writeWorkbook(reviewLedger, null)).get(4)!;
    const height = (tag: string) => Number(/ ht="([\d.]+)"/.exec(tag)![1]);
    // Five lines of 15 points, and more than the blank row's three lines of 检视内容.
    expect(height(filled)).toBeGreaterThanOrEqual(5 * 15);
    expect(height(filled)).toBeGreaterThan(height(blank));
    expect(filled).not.toContain('customHeight');
  });
});

describe('code columns', () => {
  it('are formatted as text in the blank checklist, down to its last row, and only they', async () => {
    const ws = (await open(await writeWorkbook(outfallChecklist, null))).getWorksheet('排污口清单')!;
    expect([ws.getCell('B3').text, ws.getCell('K3').text]).toEqual(['排污口编码', '统一社会信用代码']);
    for (const a of ['B4', 'K4', 'B203', 'K203']) expect(ws.getCell(a).numFmt).toBe('@');
    for (const a of ['A4', 'C4', 'D4', 'H4', 'J4', 'R4']) expect(ws.getCell(a).numFmt).not.toBe('@');
  });

  it('are written as text in a filled checklist', async () => {
    const ws = (await open(await writeWorkbook(outfallChecklist, xiuwu))).getWorksheet('排污口清单')!;
    const first = xiuwu.outfalls[0]!;
    expect([ws.getCell('B4').value, ws.getCell('B4').numFmt]).toEqual([first.code, '@']);
    const credited = xiuwu.outfalls.findIndex((o) => o.credit);
    const credit = ws.getCell(`K${credited + 4}`);
    expect([credit.value, credit.numFmt]).toEqual([xiuwu.outfalls[credited]!.credit, '@']);
  });
});

describe('dropdowns and their lists', () => {
  /** The values a list validation's range formula (`'_lists'!$B$1:$B$11`) points at. */
  function listed(wb: ExcelJS.Workbook, cell: ExcelJS.Cell): string[] {
    const [, sheet, col, from, to] = /^'([^']+)'!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(String(cell.dataValidation?.formulae?.[0]))!;
    const ws = wb.getWorksheet(sheet!)!;
    return Array.from({ length: Number(to) - Number(from) + 1 }, (_, i) => ws.getCell(`${col}${Number(from) + i}`).text);
  }

  it('offers the units of the list in use for 所在县（市、区）', async () => {
    const wb = await open(await writeWorkbook(outfallChecklist, null));
    const ws = wb.getWorksheet('排污口清单')!;
    expect(ws.getCell('D3').text).toBe('所在县（市、区）');
    for (const a of ['D4', 'D203']) {
      expect(ws.getCell(a).dataValidation).toMatchObject({ type: 'list', allowBlank: true, showErrorMessage: true, errorStyle: 'stop' });
      expect(listed(wb, ws.getCell(a))).toEqual(defaultUnits.units.map((u) => u.name));
    }

    // Another city brings its own list (`--units`).
    const other = UnitList.parse({ city: { name: '新乡市', code: '410700' }, units: [{ name: '红旗区', code: '410702' }, { name: '卫滨区', code: '410703' }] });
    const wb2 = await open(await writeWorkbook(outfallChecklist, null, { ctx: outputContext(null, other) }));
    expect(listed(wb2, wb2.getWorksheet('排污口清单')!.getCell('D4'))).toEqual(['红旗区', '卫滨区']);
  });

  it('keeps the lists on a very hidden, protected sheet', async () => {
    for (const data of [null, xiuwu]) {
      const wb = await open(await writeWorkbook(outfallChecklist, data));
      const lists = wb.getWorksheet('_lists')!;
      expect(lists.state).toBe('veryHidden');
      expect((lists as any).sheetProtection).toMatchObject({ sheet: true });
    }
    const roster = await open(await writeWorkbook(censusRoster, null));
    expect(roster.getWorksheet('_lists')!.state).toBe('veryHidden');
  });
});

describe('protection', () => {
  it.each([censusRoster, outfallChecklist].map((d) => [d.id, d] as const))('locks 序号 of a blank %s, and opens every answer cell', async (_, def) => {
    const ws = (await open(await writeWorkbook(def, null))).getWorksheet(def.layout.sheet)!;
    expect((ws as any).sheetProtection).toMatchObject({ sheet: true });
    const { first, last } = body(def);
    expect([ws.getCell(`A${first}`).value, ws.getCell(`A${last}`).value]).toEqual([1, last - first + 1]);
    for (let r = first; r <= last; r++)
      def.layout.columns.forEach((c, k) => {
        const locked = ws.getCell(`${letter(k)}${r}`).protection?.locked !== false;
        expect(locked, `${def.id} ${letter(k)}${r} ${c.header}`).toBe(!c.cell);
      });
  });
});

describe('print', () => {
  it('puts the page number at the foot of every visible sheet, as the PDF does', async () => {
    for (const [def, data] of [
      [reviewLedger, null],
      [reviewLedger, reviewLedger.samples[0]],
      [censusRoster, null],
      [outfallChecklist, null],
      [outfallChecklist, xiuwu],
    ] as [FormDefinition<any>, any][]) {
      const wb = await open(await writeWorkbook(def, data));
      const visible = wb.worksheets.filter((ws) => ws.state === 'visible');
      expect(visible.length).toBeGreaterThan(0);
      for (const ws of visible) expect(ws.headerFooter.oddFooter, `${def.id} ${ws.name}`).toBe('&C— &P —');
    }
  });

  it('prints a ledger on one page when it fits, and a longer one over as many pages as it takes', async () => {
    const fit = async (def: FormDefinition<any>, data: any) => (await open(await writeWorkbook(def, data))).getWorksheet(def.layout.sheet)!.pageSetup;
    expect(await fit(reviewLedger, null)).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 1 });
    expect((await fit(reviewLedger, reviewLedger.samples[0])).fitToHeight).toBe(1);
    const many = Array.from({ length: 12 }, (_, i) => `第${i + 1}个问题：受理窗口未公示申请材料清单和办理流程，申请人多次往返`);
    const rows = Object.fromEntries(reviewLedger.layout.rows!.map((r) => [r.key, { problems: many, measures: many, deadlines: ['长期坚持'] }]));
    expect(await fit(reviewLedger, { ...reviewLedger.samples[0], rows })).toMatchObject({ fitToWidth: 1, fitToHeight: 0 });
    // 200 blank rows are several pages.
    expect((await fit(outfallChecklist, null)).fitToHeight).toBe(0);
  });
});
