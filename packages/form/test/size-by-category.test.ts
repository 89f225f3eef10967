import { describe, expect, it } from 'vitest';
import { sizeByCategory } from '../src/index.ts';

const size = sizeByCategory('类别', {
  场所: { measure: '总建筑面积', unit: '平方米', min: 20, max: 1_000_000 },
  学校: { measure: '师生人数', unit: '人', min: 10, max: 50_000, whole: true },
  医院: { measure: '等级', grades: ['三级甲等', '二级甲等', '一级甲等', '未定级'], aliases: { 三甲: '三级甲等' } },
});
const at = { header: '规模' };

describe('sizeByCategory', () => {
  it.each([
    [3500, 3500],
    ['3500', 3500],
    ['3,500平方米', 3500],
    ['３５００㎡', 3500],
    ['3500 m2', 3500],
    ['约1.2万平方米', 12000],
    ['800余人', 800],
    ['1200名', 1200],
    ['三级甲等', '三级甲等'],
    ['三 甲', '三级甲等'],
  ])('reads %j as %j', (typed, want) => {
    expect(size.read(typed, at)).toEqual({ value: want, problems: [] });
  });

  it('leaves an empty cell to the rules, and refuses what is neither a number nor a grade', () => {
    expect(size.read(null, at)).toEqual({ value: undefined, problems: [] });
    const r = size.read('很大', at);
    expect(r.value).toBeUndefined();
    expect(r.problems).toEqual([
      {
        kind: 'unparsable',
        message: '规模「很大」读不出规模，请按类别填写：场所填总建筑面积（平方米）；学校填师生人数（人）；医院填等级（三级甲等、二级甲等、一级甲等、未定级）',
      },
    ]);
    expect(size.read('3500斤', at).problems[0]!.kind).toBe('unparsable');
  });

  it('judges a size by its category: the kind it must be, and a plausible number', () => {
    expect(size.judge('场所', 3500, '规模')).toBeNull();
    expect(size.judge('医院', '三级甲等', '规模')).toBeNull();
    expect(size.judge('学校', '三级甲等', '规模')).toEqual({ kind: 'kind', message: '类别为学校，规模应填师生人数（人），不是「三级甲等」' });
    expect(size.judge('医院', 300, '规模')).toEqual({ kind: 'kind', message: '类别为医院，规模应填等级（三级甲等、二级甲等、一级甲等、未定级），不是数字 300' });
    expect(size.judge('学校', 5, '规模')).toEqual({
      kind: 'range',
      severity: 'warning',
      message: '规模5人不在学校师生人数的常见范围（10–50000人）内，请核实是否多写或少写了位数',
    });
    expect(size.describe('场所')).toBe('总建筑面积（平方米）');
  });

  it('refuses a negative size, and a count of people that is not whole; an area may have a fraction', () => {
    expect(size.read(-200, at).problems).toEqual([{ kind: 'unparsable', message: expect.stringContaining('规模「-200」是负数') }]);
    expect(size.read('-200', at).problems[0]!.kind).toBe('unparsable');
    expect(size.judge('学校', 1234.5, '规模')).toEqual({ kind: 'kind', message: '类别为学校，规模应填师生人数（人），是整数，不是 1234.5' });
    expect(size.judge('场所', 3500.5, '规模')).toBeNull();
  });
});
