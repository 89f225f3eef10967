import { formById } from '@tianbao/forms';
import { describe, expect, it } from 'vitest';
import { found, submitEdited } from './clerk.ts';

// 修武县's report: title row 1, info line row 2, header row 3, people from row 4
// (B 单位名称, D 单位类别, E 规模, F 姓名, H 联系电话, I 报备日期). Rows 4–6 are the
// 人民医院's three persons, rows 8–9 the 第一高级中学. Read whole, each 报备日期 a
// calendar day, in every time zone (test/vitest.config.ts); the rules that judge no date: fire-rules.test.ts.
const fire = formById('fire-safety-contacts');
const xiuwu = fire.samples.find((s) => s.unit === '修武县')!;
const person = (row: number) => xiuwu.people[row - 4]!;
const submit = (typed: Record<string, string | number | null>) => submitEdited(fire, xiuwu, typed);

describe('fire-safety-contacts, as clerks fill it', () => {
  it('accepts the sample, and an organisation written once with its rows under it left blank', async () => {
    expect(found(await submit({}))).toEqual([]);
    const r = await submit({ B5: null, B6: '', B9: null, E4: '二甲', E8: '3,260人', D8: ' 学 校', H4: person(4).phone.replace(/(\d{3})(\d{4})/, '$1 $2 ') });
    expect(found(r)).toEqual([]);
    expect(r.data).toEqual(fire.schema.parse(xiuwu));
  });
});
