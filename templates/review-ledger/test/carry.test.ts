import { defaultUnits } from '@tianbao/form';
import { describe, expect, it } from 'vitest';
import { SAME_PROBLEM, carryFindings, matchProblems, similarity } from '../src/carry.ts';
import { reviewLedger, type ReviewLedger } from '../src/index.ts';

const ledger = (rows: Record<string, [string, string][]>, period = '2023-06'): ReviewLedger =>
  reviewLedger.schema.parse({
    unit: '修武县',
    period,
    rows: Object.fromEntries(
      Object.entries(rows).map(([k, items]) => [k, { problems: items.map((i) => i[0]), measures: items.map(() => '整改'), deadlines: items.map((i) => i[1]) }]),
    ),
  }) as ReviewLedger;

const june = ledger({
  acceptance: [
    ['补正通知未一次性告知需补正材料', '2023-07-31'],
    ['个别案件受理审查超过5日法定期限', '长期坚持'],
  ],
  hearing: [
    ['部分案件未听取申请人意见即作出决定', '2023-08-31'],
    ['2起案件超期审理', '持续推进'],
  ],
});

describe('review-ledger from month to month', () => {
  it('matches a problem reworded a little, and not another problem of its row', () => {
    expect(similarity('个别案件受理审查超过5日法定期限', '个别案件受理审查超过法定5日期限。')).toBeGreaterThanOrEqual(SAME_PROBLEM);
    expect(similarity('补正通知未一次性告知需补正材料', '个别案件受理审查超过5日法定期限')).toBeLessThan(SAME_PROBLEM);
    const july = ledger({ acceptance: [['个别案件受理审查超过法定5日期限', '长期坚持']], hearing: june.rows.hearing.problems.map((p, i) => [p, june.rows.hearing.deadlines[i]!]) });
    expect(matchProblems(june, july).map((m) => [m.before.problem, m.after?.problem ?? null])).toEqual([
      ['补正通知未一次性告知需补正材料', null],
      ['个别案件受理审查超过5日法定期限', '个别案件受理审查超过法定5日期限'],
      ['部分案件未听取申请人意见即作出决定', '部分案件未听取申请人意见即作出决定'],
      ['2起案件超期审理', '2起案件超期审理'],
    ]);
  });

  it('warns of a problem dropped, on its row, and of a time limit moved later, naming both dates', () => {
    const july = ledger(
      {
        acceptance: [['个别案件受理审查超过5日法定期限', '长期坚持']],
        hearing: [['部分案件未听取申请人意见即作出决定', '2023-09-30']],
      },
      '2023-07',
    );
    const found = carryFindings(june, july);
    expect(found.map((f) => [f.rule, f.path])).toEqual([
      ['ledger.carry.dropped', ['rows', 'acceptance', 'problems']],
      ['ledger.carry.postponed', ['rows', 'hearing', 'deadlines']],
      ['ledger.carry.dropped', ['rows', 'hearing', 'problems']],
    ]);
    expect(found[0]!.message).toContain('「补正通知未一次性告知需补正材料」本月未再列出');
    expect(found[1]!.message).toContain('由上月的2023年8月31日推迟至2023年9月30日');
    // As the form's rules, with last month's in the context; and nothing without it.
    const ctx = { units: defaultUnits, period: '2023-07', asOf: '2023-07-20' };
    expect(reviewLedger.rules(july, { ...ctx, previous: june }).filter((f) => f.rule.startsWith('ledger.carry.'))).toEqual(found);
    expect(reviewLedger.rules(july, ctx).filter((f) => f.rule.startsWith('ledger.carry.'))).toEqual([]);
  });

  it('takes a time limit given up for 长期坚持 or 持续推进 as put off: the problem is no longer due on a day', () => {
    const july = ledger({ ...Object.fromEntries(Object.entries(june.rows).map(([k, r]) => [k, r.problems.map((p, i) => [p, r.deadlines[i]!])])), hearing: [['部分案件未听取申请人意见即作出决定', '长期坚持'], ['2起案件超期审理', '持续推进']] }, '2023-07');
    const found = carryFindings(june, july);
    expect(found.map((f) => [f.rule, f.path])).toEqual([['ledger.carry.postponed', ['rows', 'hearing', 'deadlines']]]);
    expect(found[0]!.message).toContain('由上月的2023年8月31日改为「长期坚持」，不再有完成的日期');
  });

  it('says nothing of a time limit kept or brought forward', () => {
    const july = ledger({ ...Object.fromEntries(Object.entries(june.rows).map(([k, r]) => [k, r.problems.map((p, i) => [p, r.deadlines[i]!])])), hearing: [['部分案件未听取申请人意见即作出决定', '2023-08-15'], ['2起案件超期审理', '持续推进']] }, '2023-07');
    expect(carryFindings(june, july)).toEqual([]);
  });

  it('starts next month from last month’s problems, measures and time limits', () => {
    const july = reviewLedger.carry!(june, '2023-07');
    expect(july).toEqual({ unit: '修武县', period: '2023-07', rows: june.rows });
    expect(reviewLedger.schema.safeParse(july).success).toBe(true);
  });
});
