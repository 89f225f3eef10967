import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import { forms } from '@tianbao/forms';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import reviewLedger from '@tianbao/template-review-ledger';
import { checkFile } from '@tianbao/validate';
import { childMethods } from '@tianbao/validate/child';
import { watchInflation, writeWorkbook } from '@tianbao/xlsx';
import { describe, expect, it } from 'vitest';
import { bigChecklist } from '../bench/big-checklist.ts';
import { tempDir } from './run.ts';

/** How many times each part of the package was inflated while `run` ran. */
async function inflations(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const stop = watchInflation((part) => (counts[part] = (counts[part] ?? 0) + 1));
  try {
    await run();
  } finally {
    stop();
  }
  return counts;
}

const options = { units: defaultUnits, asOf: '2023-06-20' };
// What a child process of `validate --annotate` runs for each file.
const { checkAndMarkUp } = childMethods(async () => forms, (e) => String(e));
const cases = [
  ['a ledger', '修武县2023年6月行政复议工作问题台账.xlsx', () => writeWorkbook(reviewLedger, reviewLedger.samples[0]!)],
  // Long enough that its sheet is inflated and read in many pieces: some 150 kB packed, 1 MB of XML, 16 pieces of
  // 64 kB (sheet/part-text.ts), four times what is inflated ahead of the reading.
  ['a checklist of 1,500 outfalls', '全市排污口台账.xlsx', () => writeWorkbook(outfallChecklist, bigChecklist(1_500))],
] as const;

// Checking a file reads it in one pass: no part of it is inflated twice, whether or not a marked-up copy is made.
describe.each(cases)('%s', (_, name, make) => {
  it('is checked, and marked up, inflating each part of it once', async () => {
    const dir = tempDir();
    const file = join(dir, name);
    writeFileSync(file, await make());
    const checked = await inflations(() => checkFile(file, { ...options, forms }));
    expect(Object.keys(checked)).toContain('xl/worksheets/sheet1.xml');
    expect(Object.entries(checked).filter(([, n]) => n > 1)).toEqual([]);

    const copy = join(dir, 'out', 'copy.xlsx');
    let outcome: unknown;
    const marked = await inflations(async () => {
      const result = await checkAndMarkUp.run({ file, options, copy });
      outcome = 'copy' in result ? result.copy : result;
    });
    expect(outcome).toEqual({ written: copy });
    expect(marked).toEqual(checked);
  }, 60_000);
});
