import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import { checkFile } from '@tianbao/validate';
import { writeWorkbook } from '@tianbao/xlsx';
import { describe, expect, it } from 'vitest';
import { found, submitEdited } from './clerk.ts';
import { tempDir } from './run.ts';

// 修武县's checklist: title row 1, info line row 2 (填报日期 2024年1月8日, the
// day time limits are judged against), header row 3, outfalls from row 4.
// Row 7 is an enterprise outfall under 规范整治, 整治中, due 2025年6月30日. Its first six
// outfalls (rows 4–9) are all the tests edit; the rest of the list would prove nothing more.
// These rules judge no date: in China's zone only. 完成时限 read and judged in every zone: outfall-dates.test.ts.
const sample = outfallChecklist.samples.find((s) => s.unit === '修武县')!;
const xiuwu = { ...sample, outfalls: sample.outfalls.slice(0, 6) };
const submit = (typed: Record<string, string | number | null>) => submitEdited(outfallChecklist, xiuwu, typed);

describe('outfall-checklist, as clerks fill it', () => {
  it('wants each code once', async () => {
    expect(found(await submit({ B8: '410821-0004' }))).toEqual(['error outfall.code.duplicate @B8']);
  });

  it('names every cell of a value read once and remembered, numbers as texts', async () => {
    // The same whole number in two rows' 排污口编码 and the same text in two 受纳水体 cells: each cell is named.
    expect(found(await submit({ B5: 4108210001, B6: 4108210001, F5: '黄河流域', F6: '黄河流域' }))).toEqual([
      'warning outfall.code.number @B5',
      'error outfall.basin.mismatch @F5',
      'warning outfall.code.number @B6',
      'error outfall.code.duplicate @B6',
      'error outfall.basin.mismatch @F6',
    ]);
  });

  it('takes the basin from the river list, and asks about rivers not on it', async () => {
    expect(found(await submit({ E7: '沁河' }))).toEqual(['error outfall.basin.mismatch @F7']);
    expect(found(await submit({ E7: '小清河' }))).toEqual(['warning outfall.river.unlisted @E7']);
    // The clerk's 备注 on that row answers the question: explained, not open.
    const answered = await submit({ E7: '小清河', R7: '当地称小清河，系大沙河支流，已报市生态环境局' });
    expect(answered.issues).toMatchObject([{ rule: 'outfall.river.unlisted', explained: true }]);
  });

  it('bans outfalls in protected areas', async () => {
    expect(found(await submit({ L7: '饮用水水源保护区' }))).toEqual(['error outfall.protected.ban @N7']);
  });

  it('never merges a town storm outfall', async () => {
    expect(found(await submit({ G7: '城镇雨洪排口', N7: '清理合并' }))).toEqual(['error outfall.storm.merge @N7']);
  });

  it('asks who made an untraceable outfall an enterprise’s, and wants an owner once traced', async () => {
    expect(found(await submit({ M7: '无法溯源' }))).toEqual(['warning outfall.untraced.owner @J7']);
    expect(found(await submit({ M7: '无法溯源', J7: '修武县人民政府', K7: null }))).toEqual([]);
    expect(found(await submit({ J7: null }))).toEqual(['error outfall.owner.missing @J7']);
    expect(found(await submit({ J7: null, K7: null, M7: '未溯源' }))).toEqual([]);
  });

  it('checks the credit code by GB 32100-2015', async () => {
    expect(found(await submit({ K7: '91410821925687' }))).toEqual(['error outfall.credit.invalid @K7']);
    expect(found(await submit({ K7: '9141082192568701T5' }))).toEqual(['warning outfall.credit.check @K7']);
    expect(found(await submit({ K7: '9141 0821 9256 8701 t4' }))).toEqual([]);
  });

  it('says when Excel turned a code into a number, and how to type it again', async () => {
    // 9141082192568701T4 typed as 914108219256870014 into a General cell: 15 digits kept, shown as 9.14108E+17.
    const cut = await submit({ K7: 914108219256870000 });
    expect(found(cut)).toEqual(['error outfall.credit.number @K7']);
    expect(cut.issues[0]!.message).toContain('这一格是数字 9.14108E+17：Excel 把全是数字的编码变成了数字');
    expect(cut.issues[0]!.message).toContain("请把这一列设为文本格式（或在前面加英文单引号 '）");
    expect(cut.issues[0]!.message).toContain('914108219256870…');
    // A code short enough to keep every digit is read, and the clerk asked to retype it as text.
    const kept = await submit({ B7: 4108210004 });
    expect(found(kept)).toEqual(['warning outfall.code.number @B7']);
    expect(kept.issues[0]!.message).toContain('读作 4108210004');
  });

  it('asks to confirm a checklist that lists no outfall as a zero report', async () => {
    const none = await submitEdited(outfallChecklist, { ...xiuwu, outfalls: [] });
    expect(found(none)).toEqual(['warning outfall.zero-report @-']);
    expect(none.valid).toBe(true);
    expect(none.issues[0]!.message).toContain('确认为零报告');
    // The blank as sent out, only the unit written in: its 200 numbered rows are not outfalls.
    const file = join(tempDir(), '修武县入河排污口排查整治台账.xlsx');
    writeFileSync(file, await writeWorkbook(outfallChecklist, null, { unit: '修武县' }));
    const blank = await checkFile(file, { forms: [outfallChecklist], units: defaultUnits });
    expect(found(blank)).toEqual(['warning outfall.zero-report @-']);
    // A list whose only outfall was set aside for its own error is not empty.
    const faulty = await submitEdited(outfallChecklist, { ...xiuwu, outfalls: xiuwu.outfalls.slice(0, 1) }, { G4: null });
    expect(found(faulty)).toEqual(['error outfall.type.missing @G4']);
  });

  it('wants coordinates inside the city', async () => {
    expect(found(await submit({ H7: '35.229', I7: '113.4102' }))).toEqual(['error outfall.coords.outside @H7']);
    expect(found(await submit({ H7: '东经113度' }))).toEqual(['error outfall.lng.unparsable @H7']);
  });

  it('asks for the permit of an enterprise with a second outfall', async () => {
    const second = { G9: '工矿企业排污口', J9: '焦作市怀府纺织有限公司', K9: '9141082192568701T4' };
    expect(found(await submit(second))).toEqual(['warning outfall.industrial.permit @R9']);
    expect(found(await submit({ ...second, R9: '排污许可证载明2个排放口' }))).toEqual([]);
  });

  it('knows the units, and asks about another unit’s outfall', async () => {
    expect(found(await submit({ D7: '开封县' }))).toEqual(['error outfall.county.unknown @D7']);
    expect(found(await submit({ D7: '温县' }))).toEqual(['warning outfall.county.other @D7']);
  });

  it('takes only the listed values in enumerated columns, and wants the required ones', async () => {
    expect(found(await submit({ N7: '拆除' }))).toEqual(['error outfall.method.invalid @N7']);
    expect(found(await submit({ G7: null }))).toEqual(['error outfall.type.missing @G7']);
  });
});
