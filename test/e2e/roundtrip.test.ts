import { creditCheckChar, defaultUnits } from '@tianbao/form';
import outfallChecklist, { MAIN_RIVERS, OUTFALL_TYPES } from '@tianbao/template-outfall-checklist';
import reviewLedger, { ONGOING, type ReviewLedger } from '@tianbao/template-review-ledger';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHARS, roundTrip, words } from './round-trip.ts';

// The forms with dates, in every time zone (test/vitest.config.ts); the roster, which holds none, in roster-roundtrip.test.ts.
const item = fc
  .string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 40 })
  .filter((s) => !/^[\d（(]/.test(s) && s !== '无');
const day = fc.date({ min: new Date('2023-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const deadline = fc.oneof(day, fc.constantFrom(...ONGOING));
// Any counts the rules accept (a mismatch is only a warning); a problem always has a measure and a time limit.
const row = fc.array(item, { maxLength: 3 }).chain((problems) => {
  const min = problems.length > 0 ? 1 : 0;
  return fc.record({
    problems: fc.constant(problems),
    measures: fc.array(item, { minLength: min, maxLength: 3 }),
    deadlines: fc.array(deadline, { minLength: min, maxLength: 3 }),
  });
});
const ledger = fc.record(
  {
    unit: fc.constantFrom(...defaultUnits.units.map((u) => u.name)),
    period: fc.constantFrom('2023-06', '2023-07', '2023-12'),
    filler: fc.constantFrom('修武县司法局', '温县人民政府办公室'),
    reportDate: day,
    rows: fc.record({ acceptance: row, hearing: row, drafting: row, enforcement: row, special: row }),
  },
  { requiredKeys: ['unit', 'period', 'rows'] },
);

describe('generate → extract gives back the same data', () => {
  it.each(reviewLedger.samples.map((s) => [s.unit, s] as const))('sample %s', async (_unit, sample) => {
    const report = await roundTrip(sample, reviewLedger);
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.data).toEqual(sample);
  });

  it('random ledgers', async () => {
    await fc.assert(
      fc.asyncProperty(ledger, async (data) => {
        const report = await roundTrip(data, reviewLedger);
        expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(report.data).toEqual(data);
      }),
      { numRuns: 40 },
    );
  });
});

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('');
const credit = fc
  .tuple(fc.constantFrom('91', '11', '52'), fc.constantFrom(...defaultUnits.units.map((u) => u.code)), fc.string({ unit: fc.constantFrom(...CODE_CHARS), minLength: 9, maxLength: 9 }))
  .map(([kind, division, org]) => kind + division + org + creditCheckChar(kind + division + org));
const river = fc.constantFrom(...MAIN_RIVERS.flatMap((b) => b.rivers.map((r) => [r, b.basin] as const)));
const degrees = (min: number, max: number) => fc.integer({ min: min * 1e4, max: max * 1e4 }).map((x) => x / 1e4);
const outfall = fc
  .record(
    {
      code: words(1),
      name: words(1),
      county: fc.constantFrom(...defaultUnits.units.map((u) => u.name)),
      river,
      type: fc.constantFrom(...OUTFALL_TYPES),
      lng: degrees(112.5, 113.7),
      lat: degrees(34.8, 35.5),
      owner: words(1),
      credit,
      protected: fc.constantFrom('否', '饮用水水源保护区', '自然保护地', '其他需要特殊保护区域'),
      trace: fc.constantFrom('未溯源', '已溯源', '无法溯源'),
      method: fc.constantFrom('取缔', '清理合并', '规范整治', '保留'),
      progress: fc.constantFrom('未启动', '整治中', '已完成'),
      deadline: day,
      sign: fc.constantFrom('是', '否'),
      remark: words(1),
    },
    { requiredKeys: ['code', 'name', 'county', 'river', 'type', 'lng', 'lat', 'protected', 'trace', 'method', 'sign'] },
  )
  // Rule-abiding, as the rules of the notice would have it.
  .map(({ river: [r, basin], ...o }) => {
    const method = o.protected !== '否' ? '取缔' : o.type === '城镇雨洪排口' && o.method === '清理合并' ? '规范整治' : o.method;
    const owner = o.owner ?? (o.trace === '未溯源' ? undefined : '修武县人民政府');
    const due = method === '保留' ? {} : { progress: o.progress ?? '已完成', deadline: o.deadline ?? '2025-12-31' };
    return { ...o, ...due, method, river: r, basin, ...(owner ? { owner } : {}) };
  });
const checklist = fc.record(
  {
    unit: fc.constantFrom(defaultUnits.city.name, ...defaultUnits.units.map((u) => u.name)),
    filler: fc.constantFrom('修武县生态环境分局', '焦作市生态环境局'),
    reportDate: day,
    outfalls: fc.uniqueArray(outfall, { maxLength: 8, selector: (o) => o.code }),
  },
  { requiredKeys: ['unit', 'outfalls'] },
);

describe('outfall-checklist: generate → extract gives back the same data', () => {
  it.each(outfallChecklist.samples.map((s) => [s.unit, s] as const))('sample %s', async (_unit, sample) => {
    const report = await roundTrip(sample, outfallChecklist);
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.data).toEqual(outfallChecklist.schema.parse(sample));
  });

  it('random data', async () => {
    await fc.assert(
      fc.asyncProperty(checklist, async (data) => {
        const report = await roundTrip(data, outfallChecklist);
        expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(report.data).toEqual(outfallChecklist.schema.parse(data));
      }),
      { numRuns: 25 },
    );
  });
});
