import reviewLedger from '@tianbao/template-review-ledger';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { locateForm, openWorkbook, readWorkbook, writeWorkbook } from '../src/index.ts';

const sample = reviewLedger.samples[4]!;

describe('locateForm', () => {
  it('finds the table below added rows in a renamed sheet', async () => {
    const wb = await readWorkbook(await writeWorkbook(reviewLedger, sample));
    const ws = wb.getWorksheet('问题台账')!;
    ws.spliceRows(1, 0, ['上报材料'], [], ['附件']);
    ws.name = '六月';
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const loc = (await locateForm(await openWorkbook(buf), reviewLedger))!;
    expect(loc).toMatchObject({ sheet: '六月', headerRow: 6, outOfOrder: false });
    expect(loc.columns).toEqual({ item: 'A', content: 'B', problems: 'C', measures: 'D', deadlines: 'E' });
    expect(loc.title).toEqual({ text: `${sample.unit}行政复议工作问题台账`, cell: 'A4' });
    expect(loc.info?.cell).toBe('A5');
    expect(loc.rows.map((r) => r.row)).toEqual([7, 8, 9, 10, 11]);
    expect(loc.rows.every((r) => r.fixedMatches)).toBe(true);
    expect(loc.rows[1]!.values!.problems).toBe(sample.rows.hearing.problems.map((p, i) => `${i + 1}.${p}`).join('\n'));
  });

  it('reads rich text and a table that starts in another column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.getCell('C2').value = { richText: [{ text: '温县' }, { text: '行政复议工作问题台账', font: { bold: true } }] };
    ws.getRow(4).values = [null, null, ' 项目', '检视 内容', '存在问题', '改进措施', '完成时限'];
    ws.getRow(5).values = [null, null, '重点检视', '案件受理方面：已改过的内容', '1.甲', '1.乙', new Date(Date.UTC(2023, 6, 31))];
    const loc = (await locateForm(await openWorkbook(Buffer.from(await wb.xlsx.writeBuffer())), reviewLedger))!;
    expect(loc.title?.text).toBe('温县行政复议工作问题台账');
    expect(loc.columns.item).toBe('C');
    expect(loc.rows[0]).toMatchObject({ row: 5, fixedMatches: false });
    expect(loc.rows[0]!.values!.deadlines).toEqual(new Date(Date.UTC(2023, 6, 31)));
    expect(loc.rows.slice(1).every((r) => r.row === null)).toBe(true);
  });

  it('says no when the header is not there, and refuses what is not a workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '别的表格';
    expect(await locateForm(await openWorkbook(Buffer.from(await wb.xlsx.writeBuffer())), reviewLedger)).toBeNull();
    await expect(readWorkbook(Buffer.from('not a workbook'))).rejects.toThrow(/文件内容是文本/);
    await expect(readWorkbook(Buffer.from('d0cf11e0a1b11ae1', 'hex'))).rejects.toThrow(/旧版 Excel 97-2003/);
  });
});
