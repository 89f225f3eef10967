import { defaultUnits } from '@tianbao/form';
import { describe, expect, it } from 'vitest';
import { outfallChecklist } from '../src/index.ts';

const ctx = { units: defaultUnits, asOf: '2024-01-08' };
const xiuwu = outfallChecklist.samples.find((s) => s.unit === '修武县')!;

/** The findings across a list of `count` sample outfalls. */
function across(count: number, partial = false) {
  const judge = outfallChecklist.rules.across();
  xiuwu.outfalls.slice(0, count).forEach((o, i) => judge.add(o, i));
  return judge.end({ ...ctx, partial }).map((f) => `${f.severity}:${f.rule}`);
}

describe('outfall-checklist rules across outfalls', () => {
  it('asks to confirm a list with no outfall as a zero report, as the ledger does', () => {
    expect(across(0)).toEqual(['warning:outfall.zero-report']);
    const [finding] = outfallChecklist.rules.across().end(ctx);
    expect(finding!.path).toBeUndefined();
    expect(finding!.message).toBe('本台账未填报任何入河排污口。如确无入河排污口，请与报送单位核实并确认为零报告；否则请补填排污口清单');
    // Nothing to confirm in a list with outfalls, or in one whose outfalls were set aside for their errors.
    expect(across(1)).toEqual([]);
    expect(across(0, true)).toEqual([]);
  });
});
