import { defaultUnits } from '@tianbao/form';
import { describe, expect, it } from 'vitest';
import { outfallChecklist } from '../src/index.ts';

const ctx = { units: defaultUnits, asOf: '2024-01-08' };
const xiuwu = outfallChecklist.samples.find((s) => s.unit === '修武县')!;

/** The findings across these outfalls, as `rule@index,key: message`. */
function acrossOf(outfalls: typeof xiuwu.outfalls) {
  const judge = outfallChecklist.rules.across();
  outfalls.forEach((o, i) => judge.add(o, i));
  return judge.end(ctx).map((f) => `${f.rule}@${f.path!.join(',')}: ${f.message}`);
}

/** The findings across a list of `count` sample outfalls. */
function across(count: number, partial = false) {
  const judge = outfallChecklist.rules.across();
  xiuwu.outfalls.slice(0, count).forEach((o, i) => judge.add(o, i));
  return judge.end({ ...ctx, partial }).map((f) => `${f.severity}:${f.rule}`);
}

describe('outfall-checklist rules across outfalls', () => {
  it('asks to confirm a list with no outfall as a zero report, as the ledger does', () => {
    expect(across(0)).toEqual(['warning:outfall.zero-report']);
    const [finding] = outfallChecklist.rules.across().end(ctx);
    expect(finding!.path).toBeUndefined();
    expect(finding!.message).toBe('本台账未填报任何入河排污口。如确无入河排污口，请与报送单位核实并确认为零报告；否则请补填排污口清单');
    // Nothing to confirm in a list with outfalls, or in one whose outfalls were set aside for their errors.
    expect(across(1)).toEqual([]);
    expect(across(0, true)).toEqual([]);
  });

  it('names each code used again, in the list’s order, with the outfall that used it first', () => {
    const list = Array.from({ length: 3000 }, (_, i) => ({ ...xiuwu.outfalls[i % 26]!, code: `410821-${String(i + 1).padStart(4, '0')}` }));
    list[2999]!.code = '410821-0001';
    // The same code however spaced, in either case.
    list[1200]!.code = ' 410821-0008b';
    list[30]!.code = '410821-0008B';
    list[31]!.code = '410821-0001';
    const found = acrossOf(list).filter((f) => f.startsWith('outfall.code.duplicate'));
    expect(found).toEqual([
      'outfall.code.duplicate@31,code: 排污口编码410821-0001与第1个排污口重复，编码应一口一码，请核对',
      'outfall.code.duplicate@1200,code: 排污口编码 410821-0008b与第31个排污口重复，编码应一口一码，请核对',
      'outfall.code.duplicate@2999,code: 排污口编码410821-0001与第1个排污口重复，编码应一口一码，请核对',
    ]);
  });

  it('asks each enterprise with several industrial outfalls for its permit, unless one of them gives it', () => {
    const industrial = { ...xiuwu.outfalls[2]!, remark: undefined };
    const list = Array.from({ length: 2000 }, (_, i) => ({ ...xiuwu.outfalls[i % 2]!, code: `410821-${String(i + 1).padStart(4, '0')}` }));
    list[10] = { ...industrial, code: '410821-9001', credit: '9141082112995162UD', owner: '焦作市昇辉制药有限公司' };
    list[500] = { ...industrial, code: '410821-9002', credit: '9141082112995162UD', owner: '昇辉制药' };
    list[1500] = { ...industrial, code: '410821-9003', credit: '9141082112995162UD', owner: '焦作市昇辉制药有限公司' };
    // Another enterprise, whose second outfall's 备注 gives the permit.
    list[20] = { ...industrial, code: '410821-9004', credit: '91410821MA3X4B5C6D', owner: '修武县某化工有限公司' };
    list[21] = { ...industrial, code: '410821-9005', credit: '91410821MA3X4B5C6D', owner: '修武县某化工有限公司', remark: '排污许可证载明2个排放口' };
    const found = acrossOf(list).filter((f) => f.startsWith('outfall.industrial.permit'));
    const asked = '焦作市昇辉制药有限公司有3个工矿企业排污口。园区外工业企业原则上只保留一个排污口，除非排污许可证另有规定：请在备注中注明排污许可证的规定';
    expect(found).toEqual([`outfall.industrial.permit@500,remark: ${asked}`, `outfall.industrial.permit@1500,remark: ${asked}`]);
  });
});
