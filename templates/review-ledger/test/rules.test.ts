import { defaultUnits } from '@tianbao/form';
import { describe, expect, it } from 'vitest';
import { reviewLedger, type ReviewLedger } from '../src/index.ts';

const ctx = { units: defaultUnits, period: '2023-06', asOf: '2023-06-26' };
const empty = { problems: [], measures: [], deadlines: [] };
const ledger = (acceptance: ReviewLedger['rows']['acceptance']): ReviewLedger =>
  reviewLedger.schema.parse({ unit: '修武县', rows: { acceptance } }) as ReviewLedger;
const rulesOf = (l: ReviewLedger) => reviewLedger.rules(l, ctx).map((f) => `${f.severity}:${f.rule}`);

describe('review-ledger rules', () => {
  it('accepts every sample as schema-valid, error-free data', () => {
    expect(reviewLedger.samples).toHaveLength(defaultUnits.units.length);
    for (const s of reviewLedger.samples) {
      expect(reviewLedger.schema.safeParse(s).success).toBe(true);
      expect(reviewLedger.rules(s, ctx).filter((f) => f.severity === 'error')).toEqual([]);
    }
  });

  it('wants a measure and a time limit for every problem', () => {
    expect(rulesOf(ledger({ problems: ['甲'], measures: [], deadlines: [] }))).toEqual([
      'error:ledger.measures.missing',
      'error:ledger.deadline.missing',
    ]);
  });

  it('warns when counts differ', () => {
    expect(rulesOf(ledger({ problems: ['甲', '乙'], measures: ['丙'], deadlines: ['2023-07-31', '2023-08-31', '长期坚持'] }))).toEqual([
      'warning:ledger.measures.count',
      'warning:ledger.deadline.count',
    ]);
  });

  it('accepts one time limit for all items, and ongoing terms', () => {
    expect(rulesOf(ledger({ problems: ['甲', '乙'], measures: ['丙', '丁'], deadlines: ['长期坚持'] }))).toEqual([]);
  });

  it('warns about a time limit already past, pointing at the cell data', () => {
    const findings = reviewLedger.rules(ledger({ problems: ['甲'], measures: ['乙'], deadlines: ['2023-06-01'] }), ctx);
    expect(findings).toMatchObject([{ rule: 'ledger.deadline.overdue', severity: 'warning', path: ['rows', 'acceptance', 'deadlines'] }]);
  });

  it('asks to confirm a zero report', () => {
    expect(rulesOf(reviewLedger.schema.parse({ unit: '温县', rows: {} }) as ReviewLedger)).toEqual(['warning:ledger.zero-report']);
    expect(rulesOf(ledger(empty))).toEqual(['warning:ledger.zero-report']);
  });
});
