import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import { describe, expect, it } from 'vitest';
import { checkFiles } from '../src/index.ts';
import { forms as hanging } from './fixtures/hanging-forms.ts';

const dir = mkdtempSync(join(tmpdir(), 'tianbao-pool-'));
const files: string[] = [];
for (const [i, sample] of reviewLedger.samples.entries()) {
  const file = join(dir, `${String(i).padStart(2, '0')}.xlsx`);
  writeFileSync(file, await writeWorkbook(reviewLedger, sample));
  files.push(file);
}
writeFileSync(join(dir, 'broken.xlsx'), 'not a workbook');
files.splice(3, 0, join(dir, 'broken.xlsx'));
const opts = { forms: [reviewLedger], units: defaultUnits, asOf: '2023-07-15' };

describe('checkFiles', () => {
  it('gives on three threads exactly what one gives, in the same order', async () => {
    const done: number[] = [];
    const one = await checkFiles(files, opts, { jobs: 1, formsModule: '' });
    const three = await checkFiles(files, opts, {
      jobs: 3,
      formsModule: new URL('./fixtures/forms.ts', import.meta.url).href,
      onReport: (_r, n) => done.push(n),
    });
    expect(three).toEqual(one);
    expect(three.map((r) => r.file)).toEqual(files);
    expect(done).toEqual(files.map((_, i) => i + 1));
    expect(one[3]!.issues[0]!.rule).toBe('file.not-xlsx');
  });

  it('stops a worker stuck on one file, reports it, and checks the rest', async () => {
    const wen = reviewLedger.samples.findIndex((s) => s.unit === '温县');
    const reports = await checkFiles(files, { ...opts, forms: hanging, timeLimit: 0.5 }, {
      jobs: 2,
      formsModule: new URL('./fixtures/hanging-forms.ts', import.meta.url).href,
    });
    const stuck = reports.find((r) => r.file.endsWith(`${String(wen).padStart(2, '0')}.xlsx`))!;
    expect(stuck).toMatchObject({ valid: false, issues: [{ rule: 'file.timeout' }] });
    expect(reports.filter((r) => r !== stuck && r.template === 'review-ledger')).toHaveLength(files.length - 2);
  }, 60_000);

});
