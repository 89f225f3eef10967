import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import { describe, expect, it } from 'vitest';
import { checkFile, earlierReturn, type EarlierReturn } from '../src/index.ts';

const ledger = (unit: string, period: string): EarlierReturn => ({ form: reviewLedger.id, unit, period, data: { unit, period } });

describe('earlierReturn', () => {
  it('takes the latest return of the form and unit before the month, never the month itself or a later one', () => {
    const returns = [ledger('修武县', '2023-06'), ledger('修武县', '2023-07'), ledger('修武县', '2023-08'), ledger('温县', '2023-07'), { ...ledger('修武县', '2023-07'), form: 'outfall-checklist' }];
    expect(earlierReturn(returns, reviewLedger.id, '修武县', '2023-08')).toBe(returns[1]);
    expect(earlierReturn(returns, reviewLedger.id, '修武县', '2023-07')).toBe(returns[0]);
    expect(earlierReturn(returns, reviewLedger.id, '修武县', '2023-06')).toBeUndefined();
    expect(earlierReturn(returns, reviewLedger.id, '修武县', null)).toBeUndefined();
    expect(earlierReturn(returns, reviewLedger.id, '温县', '2023-07')).toBeUndefined();
  });

  it('does not compare with data that is not the form’s, whatever a caller labelled it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tianbao-earlier-')), '修武县2023年7月问题台账.xlsx');
    writeFileSync(file, await writeWorkbook(reviewLedger, { ...reviewLedger.samples.find((s) => s.unit === '修武县')!, period: '2023-07' }));
    const outfalls = outfallChecklist.samples.find((s) => s.unit === '修武县')!;
    const previous = [{ form: reviewLedger.id, unit: '修武县', period: '2023-06', data: outfalls as unknown as Record<string, unknown> }];
    const r = await checkFile(file, { forms: [reviewLedger], units: defaultUnits, previous });
    expect(r.issues.filter((i) => i.rule.startsWith('file.') || i.rule.startsWith('ledger.carry.'))).toEqual([]);
  });
});
