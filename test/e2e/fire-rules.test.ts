import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import { checkFile } from '@tianbao/validate';
import { writeWorkbook } from '@tianbao/xlsx';
import { describe, expect, it } from 'vitest';
import { found, submitEdited } from './clerk.ts';
import { tempDir } from './run.ts';

// 修武县's report: title row 1, info line row 2, header row 3, people from row 4
// (B 单位名称, C 统一社会信用代码, D 单位类别, E 规模, F 姓名, H 联系电话, J 备注).
// Rows 4–6 are the 二级甲等 人民医院's three persons, row 7 the 中医院's one,
// rows 8–9 the 第一高级中学 (3260 师生), row 10 the 实验小学 (980), row 17 the 福利院 (86).
// These rules judge no date: in China's zone only. The sample read whole, 报备日期 (I) included, in every zone: fire-dates.test.ts.
const fire = formById('fire-safety-contacts');
const xiuwu = fire.samples.find((s) => s.unit === '修武县')!;
const person = (row: number) => xiuwu.people[row - 4]!;
const submit = (typed: Record<string, string | number | null>) => submitEdited(fire, xiuwu, typed);

describe('fire-safety-contacts, as clerks fill it', () => {
  it('wants as many persons as 第七条 asks for the size', async () => {
    const r = await submit({ E4: '三级甲等' });
    expect(found(r)).toEqual(['error fire.persons.too-few @B4']);
    expect(r.issues[0]!.message).toBe('修武县人民医院只报备了3名消防安全明白人。按焦政办〔2023〕18号第七条，三级甲等医院应至少配备4名，请补报1名');
    expect(found(await submit({ E8: '5200' }))).toEqual(['error fire.persons.too-few @B8']);
    // A row emptied is no person: the hospital is one short.
    expect(found(await submit({ A6: null, B6: null, F6: null, G6: null, H6: null, I6: null }))).toEqual(['error fire.persons.too-few @B4']);
  });

  it('wants a category from the list and a size that fits it', async () => {
    expect(found(await submit({ D7: null }))).toEqual(['error fire.category.missing @D7']);
    expect(found(await submit({ D7: '卫生院' }))).toEqual(['error fire.category.invalid @D7']);
    expect(found(await submit({ E7: null }))).toEqual(['error fire.size.missing @E7']);
    expect(found(await submit({ E8: '二级甲等' }))).toEqual(['error fire.size.kind @E8']);
    expect(found(await submit({ E4: 300 }))).toEqual(['error fire.size.kind @E4']);
    const unread = await submit({ E8: '很多' });
    expect(found(unread)).toEqual(['error fire.size.unparsable @E8']);
    expect(unread.issues[0]!.message).toContain('规模「很多」读不出规模，请按单位类别填写：公众聚集场所填总建筑面积（平方米）；医院填等级（');
  });

  it('asks to confirm an implausible size, which 备注 answers', async () => {
    expect(found(await submit({ E17: 0 }))).toEqual(['warning fire.size.range @E17']);
    const answered = await submit({ E17: 0, J17: '福利院正在改建，服务对象已全部转移' });
    expect(answered.issues).toMatchObject([{ rule: 'fire.size.range', explained: true }]);
  });

  it('wants the rows of one organisation to agree, and each person once', async () => {
    expect(found(await submit({ D9: '学校', E9: 980 }))).toEqual(['error fire.org.inconsistent @E9']);
    expect(found(await submit({ F9: person(8).name, H9: person(8).phone }))).toEqual(['error fire.person.duplicate @F9']);
  });

  it('reads a telephone number as typed, and says what Excel did to one typed as a number', async () => {
    const local = await submit({ H4: '7140001' });
    expect(found(local)).toEqual(['error fire.phone.invalid @H4']);
    expect(local.issues[0]!.message).toContain('联系电话「7140001」缺少区号');
    // The hospital's first row set aside, its other rows are not judged short of a category.
    expect(found(await submit({ H4: '7140001', B5: null }))).toEqual(['error fire.phone.invalid @H4']);
    // 0391-7140001 typed into a General cell: Excel keeps 3917140001.
    const landline = await submit({ H5: Number(person(5).phone.replace(/\D/g, '')) });
    expect(found(landline)).toEqual(['warning fire.phone.number @H5']);
    expect(landline.issues[0]!.message).toContain(`开头的 0 已丢失，读作 ${person(5).phone}`);
  });

  it('asks to confirm a report with nobody in it as a zero report', async () => {
    const file = join(tempDir(), '修武县消防安全明白人报备表.xlsx');
    writeFileSync(file, await writeWorkbook(fire, null, { unit: '修武县' }));
    expect(found(await checkFile(file, { forms: [fire], units: defaultUnits }))).toEqual(['warning fire.zero-report @-']);
  });
});
