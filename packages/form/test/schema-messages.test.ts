import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import '../src/locale.ts';

/** The message zod gives for `value` against `schema`, as every package of tianbao sees it. */
const said = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? null : r.error.issues.map((i) => i.message);
};

describe('schema messages', () => {
  it('say what belongs there in the words of whoever writes the data, never zod’s types', () => {
    expect(said(z.string(), undefined)).toEqual(['应填写文字，不能为空']);
    expect(said(z.number(), null)).toEqual(['应填写数字，不能为空']);
    expect(said(z.object({}), undefined)).toEqual(['应为对象 {…}，不能缺少']);
    expect(said(z.array(z.string()), null)).toEqual(['应为列表 […]，不能是 null']);
    expect(said(z.string(), 5)).toEqual(['应为文字（加英文双引号）']);
    expect(said(z.number(), '5')).toEqual(['应为数字（不加引号）']);
    expect(said(z.string().min(1), '')).toEqual(['不能为空']);
    expect(said(z.string().length(18), '123')).toEqual(['应为 18 个字符，实有 3 个字符']);
    expect(said(z.array(z.string()).min(2), ['a'])).toEqual(['至少应有 2 项，实有 1 项']);
    expect(said(z.string().max(2), 'abc')).toEqual(['最多 2 个字符，实有 3 个字符']);
    expect(said(z.number().min(0), -1)).toEqual(['应不小于 0']);
    expect(said(z.enum(['是', '否']), '对')).toEqual(['应为以下之一：是、否']);
    expect(said(z.string().regex(/^\d+$/), 'x')).toEqual(['格式不对']);
    expect(said(z.strictObject({ a: z.string() }), { a: 'x', b: 1 })).toEqual(['有不认识的字段：b']);
  });

  it('leave a schema’s own message as it is', () => {
    expect(said(z.string().regex(/^\d{4}-\d{2}$/, '月份应写作 YYYY-MM'), '2023-6')).toEqual(['月份应写作 YYYY-MM']);
  });
});
