import reviewLedger from '@tianbao/template-review-ledger';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { META_SHEET, writeWorkbook } from '../src/index.ts';

async function open(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe('writeWorkbook', () => {
  it('writes the blank form as the gazette prints it', async () => {
    const wb = await open(await writeWorkbook(reviewLedger, null));
    const ws = wb.getWorksheet('问题台账')!;
    expect(ws.getCell('A1').text).toBe('XX县（市、区）行政复议工作问题台账');
    expect(['A3', 'B3', 'C3', 'D3', 'E3'].map((a) => ws.getCell(a).text)).toEqual(['项目', '检视内容', '存在问题', '改进措施', '完成时限']);
    // 重点检视 is one cell over the four rows of the group.
    expect(ws.getCell('A4').text).toBe('重点检视');
    expect(ws.getCell('A7').isMerged && ws.getCell('A7').master.address).toBe('A4');
    expect(ws.getCell('A8').isMerged).toBe(false);
    expect(ws.getCell('B4').text).toBe(reviewLedger.layout.rows![0]!.fixed.content);
    expect(ws.getCell('A9').text).toBe(reviewLedger.layout.notes[0]);
    expect(ws.getCell('A10').text).toBe(reviewLedger.layout.notes[1]);
  });

  it('locks the template and leaves the answer cells open', async () => {
    const wb = await open(await writeWorkbook(reviewLedger, null));
    const ws = wb.getWorksheet('问题台账')!;
    expect(ws.getCell('B4').protection?.locked).not.toBe(false);
    expect(ws.getCell('A3').protection?.locked).not.toBe(false);
    for (const a of ['C4', 'D6', 'E8', 'A2']) expect(ws.getCell(a).protection?.locked).toBe(false);
    expect(ws.getCell('C4').alignment?.wrapText).toBe(true);
    expect((ws as any).sheetProtection?.sheet).toBe(true);
    const hint = ws.getCell('E5').dataValidation;
    expect(hint?.showInputMessage).toBe(true);
    expect(hint?.prompt).toContain('长期坚持');
  });

  it('sets up A4 landscape printing with the header repeated', async () => {
    const ws = (await open(await writeWorkbook(reviewLedger, null))).getWorksheet('问题台账')!;
    // One page: the blank fits on it.
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 1 });
    expect(ws.pageSetup.printTitlesRow).toBe('3:3');
  });

  it('fills a ledger and records the template in a hidden sheet', async () => {
    const sample = reviewLedger.samples[4]!;
    const wb = await open(await writeWorkbook(reviewLedger, sample));
    const ws = wb.getWorksheet('问题台账')!;
    expect(ws.getCell('A1').text).toBe(`${sample.unit}行政复议工作问题台账`);
    expect(ws.getCell('A2').text).toBe(`填报单位：${sample.filler}　　填报日期：2023年6月26日`);
    expect(ws.getCell('C5').text).toBe(sample.rows.hearing.problems.map((p, i) => `${i + 1}.${p}`).join('\n'));
    const meta = wb.getWorksheet(META_SHEET)!;
    expect(meta.state).toBe('veryHidden');
    const pairs = Object.fromEntries(meta.getSheetValues().filter(Boolean).map((r: any) => [r[1], r[2]]));
    expect(pairs).toMatchObject({ template: 'review-ledger', version: reviewLedger.version, period: '2023-06', unit: sample.unit });
  });

  it('gives a tall answer row a line to spare, which LibreOffice would otherwise cut', async () => {
    const sample = reviewLedger.samples[0]!;
    const problems = Array.from({ length: 10 }, (_, i) => `第${i + 1}个问题`);
    const ws = (await open(await writeWorkbook(reviewLedger, { ...sample, rows: { ...sample.rows, acceptance: { ...sample.rows.acceptance, problems } } }))).getWorksheet('问题台账')!;
    // Ten one-line items at 15 pt a line, and the cell's padding: room for eleven.
    expect(ws.getRow(4).height).toBeGreaterThanOrEqual(11 * 15 + 6);
  });
});
