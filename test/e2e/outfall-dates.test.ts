import outfallChecklist from '@tianbao/template-outfall-checklist';
import { describe, expect, it } from 'vitest';
import { found, submitEdited } from './clerk.ts';

// 修武县's checklist: title row 1, info line row 2 (填报日期 2024年1月8日, the
// day time limits are judged against), header row 3, outfalls from row 4.
// Row 7 is an enterprise outfall under 规范整治, 整治中, due 2025年6月30日. Its first six
// outfalls (rows 4–9) are all the tests edit. Here its 完成时限 are read and judged, in every time
// zone (test/vitest.config.ts); the rules that judge no date are in outfall-rules.test.ts.
const sample = outfallChecklist.samples.find((s) => s.unit === '修武县')!;
const xiuwu = { ...sample, outfalls: sample.outfalls.slice(0, 6) };
const submit = (typed: Record<string, string | number | null>) => submitEdited(outfallChecklist, xiuwu, typed);

describe('outfall-checklist, as clerks fill it', () => {
  it('accepts the sample, and cosmetic variants of what it says', async () => {
    expect(found(await submit({}))).toEqual([]);
    const r = await submit({ O7: ' 整 治中 ', H7: '１１３．４１０２', I7: '35.229 ', P7: '2025/6/30', L7: '否　' });
    expect(found(r)).toEqual([]);
    expect(r.data).toEqual(outfallChecklist.schema.parse(xiuwu));
  });

  it('wants progress and a time limit unless the outfall is kept, and asks about one past due', async () => {
    expect(found(await submit({ O7: null }))).toEqual(['error outfall.progress.missing @O7']);
    expect(found(await submit({ P7: null }))).toEqual(['error outfall.deadline.missing @P7']);
    expect(found(await submit({ N7: '保留', O7: null, P7: null }))).toEqual([]);
    expect(found(await submit({ P7: '2023年12月1日' }))).toEqual(['warning outfall.deadline.overdue @P7']);
    expect(found(await submit({ P7: '2023年12月1日', O7: '已完成' }))).toEqual([]);
    expect(found(await submit({ P7: '明年上半年' }))).toEqual(['error outfall.deadline.unparsable @P7']);
  });
});
