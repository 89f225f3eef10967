import { defaultUnits } from '@tianbao/form';
import censusRoster from '@tianbao/template-census-roster';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundTrip, words } from './round-trip.ts';

// A roster holds no date, so this runs in China's zone only; the forms with dates: roundtrip.test.ts.
const HAN = '王李张刘陈杨赵黄周吴堃喆㛃昇玥珺赟頔建国海燕志强丽娟卫东红梅'.split('');
const name = fc.string({ unit: fc.constantFrom(...HAN), minLength: 2, maxLength: 4 });
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

describe('census-roster: generate → extract gives back the same data', () => {
  it.each(censusRoster.samples.map((s) => [s.unit, s] as const))('sample %s', async (_unit, sample) => {
    const report = await roundTrip(sample, censusRoster);
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.data).toEqual(censusRoster.schema.parse(sample));
  });

  it('random data', async () => {
    await fc.assert(
      fc.asyncProperty(roster, async (data) => {
        const report = await roundTrip(data, censusRoster);
        expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(report.data).toEqual(censusRoster.schema.parse(data));
      }),
      { numRuns: 25 },
    );
  });
});
