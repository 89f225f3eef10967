import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { creditCheckChar, defaultUnits, type FormDefinition } from '@tianbao/form';
import censusRoster, { ROLES } from '@tianbao/template-census-roster';
import outfallChecklist, { MAIN_RIVERS, OUTFALL_TYPES } from '@tianbao/template-outfall-checklist';
import reviewLedger, { ONGOING, type ReviewLedger } from '@tianbao/template-review-ledger';
import { checkFile } from '@tianbao/validate';
import { writeWorkbook } from '@tianbao/xlsx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tempDir } from './run.ts';

const dir = tempDir();
let n = 0;

/** generate → extract, in process: write the workbook, check it, take its data. */
async function roundTrip(data: Record<string, any>, def: FormDefinition<any> = reviewLedger) {
  const file = join(dir, `${def.id}-${n++}.xlsx`);
  writeFileSync(file, await writeWorkbook(def, data));
  return checkFile(file, { forms: [def], units: defaultUnits, asOf: '2023-01-01' });
}

const CHARS = '甲乙丙丁问题整改措施受理审理文书履行说理证据核查，、（）《》0123456789年月日号AB'.split('');
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
    const report = await roundTrip(sample);
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.data).toEqual(sample);
  });

  it('random ledgers', async () => {
    await fc.assert(
      fc.asyncProperty(ledger, async (data) => {
        const report = await roundTrip(data);
        expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(report.data).toEqual(data);
      }),
      { numRuns: 40 },
    );
  });
});

const HAN = '王李张刘陈杨赵黄周吴堃喆㛃昇玥珺赟頔建国海燕志强丽娟卫东红梅'.split('');
const name = fc.string({ unit: fc.constantFrom(...HAN), minLength: 2, maxLength: 4 });
const words = (min: number) => fc.string({ unit: fc.constantFrom(...CHARS), minLength: min, maxLength: 30 });
// Rule-abiding rosters (a rule error withholds the data): one 组长 first, a 副组长, nobody twice.
const roster = fc
  .uniqueArray(fc.record({ role: fc.constantFrom('副组长', '成员'), name, post: words(1) }), { minLength: 2, maxLength: 15, selector: (m) => m.name })
  .chain(([leader, deputy, ...rest]) => {
    const members = [
      { ...leader!, role: '组长' },
      { ...deputy!, role: '副组长' },
      ...rest,
    ];
    return fc.record({
      unit: fc.constantFrom(defaultUnits.city.name, ...defaultUnits.units.map((u) => u.name)),
      members: fc.constant(members),
      officeUnit: words(1),
      officeDirector: fc.constantFrom(...members.map((m) => m.name)),
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

describe.each([
  ['census-roster', censusRoster, roster],
  ['outfall-checklist', outfallChecklist, checklist],
] as const)('%s: generate → extract gives back the same data', (_id, def, arbitrary) => {
  it.each((def.samples as Record<string, any>[]).map((s) => [s.unit, s] as const))('sample %s', async (_unit, sample) => {
    const report = await roundTrip(sample, def);
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.data).toEqual(def.schema.parse(sample));
  });

  it('random data', async () => {
    await fc.assert(
      fc.asyncProperty(arbitrary as fc.Arbitrary<Record<string, any>>, async (data) => {
        const report = await roundTrip(data, def);
        expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(report.data).toEqual(def.schema.parse(data));
      }),
      { numRuns: 25 },
    );
  });
});
