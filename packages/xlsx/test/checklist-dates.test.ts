import outfallChecklist from '@tianbao/template-outfall-checklist';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { META_SHEET, writeWorkbook } from '../src/index.ts';
import { columnOf, open, rangeValues } from './read-back.ts';

// The outfall checklist's dates as written, in every time zone (test/vitest.config.ts): its 完成时限
// check and cells, the as-of day of its summary. Its other lists and cells: lists.test.ts.
describe('blank outfall checklist', () => {
  it('gives each choice column its own list and the other columns their number and date checks', async () => {
    const wb = await open(await writeWorkbook(outfallChecklist, null));
    const ws = wb.getWorksheet('排污口清单')!;
    const progress = ws.getCell(`${columnOf(ws, 3, '整治进度')}10`).dataValidation;
    expect(rangeValues(wb, String(progress?.formulae[0]))).toEqual(['未启动', '整治中', '已完成']);
    const sign = ws.getCell(`${columnOf(ws, 3, '树标立牌')}10`).dataValidation;
    expect(rangeValues(wb, String(sign?.formulae[0]))).toEqual(['是', '否']);

    const lng = ws.getCell(`${columnOf(ws, 3, '经度')}4`).dataValidation;
    expect(lng).toMatchObject({ type: 'decimal', operator: 'between', allowBlank: true, showErrorMessage: true });
    expect(lng?.formulae.map(Number)).toEqual([112.5, 113.7]);
    const lat = ws.getCell(`${columnOf(ws, 3, '纬度')}4`).dataValidation;
    expect(lat?.formulae.map(Number)).toEqual([34.8, 35.5]);

    const deadline = ws.getCell(`${columnOf(ws, 3, '完成时限')}4`).dataValidation;
    expect(deadline).toMatchObject({ type: 'date', showInputMessage: true });
    expect(deadline?.prompt).toContain('2024年6月30日');
    // A free-text column has no check.
    expect(ws.getCell(`${columnOf(ws, 3, '排污口名称')}4`).dataValidation).toBeUndefined();
  });
});

describe('filled outfall checklist', () => {
  const sample = outfallChecklist.samples.find((s) => s.unit === '修武县')!;

  it('adds the progress summary, marking a rate below target', async () => {
    const wb = await open(await writeWorkbook(outfallChecklist, sample));
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['排污口清单', '主要河流清单', '整治进度汇总', '_lists', META_SHEET]);
    const ws = wb.getWorksheet('整治进度汇总')!;
    expect(ws.getCell('A1').text).toBe('修武县入河排污口排查整治进度汇总（截至2024年1月8日）');
    expect(ws.getCell('A3').text).toBe('修武县');
    const traced = ws.getCell(`${columnOf(ws, 2, '溯源率')}3`);
    const remediated = ws.getCell(`${columnOf(ws, 2, '整治率')}3`);
    // The sample's county trails the 30% remediation target of 2023-12-31 and meets the 80% tracing one.
    expect(remediated.value as number).toBeLessThan(0.3);
    expect(traced.value as number).toBeGreaterThanOrEqual(0.8);
    expect((remediated.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBe('FFFFC7CE');
    expect((traced.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBeUndefined();
    for (const header of ['溯源率', '整治率', '溯源目标', '整治目标']) expect(ws.getCell(`${columnOf(ws, 2, header)}3`).numFmt).toBe('0.0%');
    expect(ws.getCell(`${columnOf(ws, 2, '排查数')}3`).numFmt).toBeFalsy();
    expect(ws.getCell(`${columnOf(ws, 2, '排查数')}3`).value).toBe(sample.outfalls.length);
  });

  it('writes 完成时限 as date cells shown the Chinese way', async () => {
    const wb = await open(await writeWorkbook(outfallChecklist, sample));
    const ws = wb.getWorksheet('排污口清单')!;
    const col = columnOf(ws, 3, '完成时限');
    const withDeadline = sample.outfalls.flatMap((o, i) => (o.deadline ? [{ row: i + 4, iso: o.deadline }] : []));
    expect(withDeadline.length).toBeGreaterThan(0);
    for (const { row, iso } of withDeadline) {
      const cell = ws.getCell(`${col}${row}`);
      expect(cell.value).toBeInstanceOf(Date);
      expect((cell.value as Date).toISOString().slice(0, 10)).toBe(iso);
      expect(cell.numFmt).toBe('yyyy"年"m"月"d"日"');
    }
    // A kept outfall (保留) has no time limit, and its cell stays empty.
    const kept = sample.outfalls.findIndex((o) => !o.deadline);
    if (kept >= 0) expect(ws.getCell(`${col}${kept + 4}`).value).toBeNull();
  });
});
