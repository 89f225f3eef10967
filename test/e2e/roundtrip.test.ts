import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultUnits, ONGOING } from '@tianbao/form';
import reviewLedger, { type ReviewLedger } from '@tianbao/template-review-ledger';
import { checkFile } from '@tianbao/validate';
import { writeWorkbook } from '@tianbao/xlsx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tempDir } from './run.ts';

const dir = tempDir();
let n = 0;

/** generate → extract, in process: write the workbook, check it, take its data. */
async function roundTrip(data: ReviewLedger) {
  const file = join(dir, `ledger-${n++}.xlsx`);
  writeFileSync(file, await writeWorkbook(reviewLedger, data));
  return checkFile(file, { forms: [reviewLedger], units: defaultUnits, asOf: '2023-01-01' });
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
        const report = await roundTrip(data as ReviewLedger);
        expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(report.data).toEqual(data);
      }),
      { numRuns: 40 },
    );
  });
});
