import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultUnits, type FormDefinition } from '@tianbao/form';
import { forms } from '@tianbao/forms';
import reviewLedger from '@tianbao/template-review-ledger';
import { checkFile, type FileReport } from '@tianbao/validate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutations, validWorkbooks } from './mutations.ts';
import { tempDir } from './run.ts';
import { EXCEPTION_TEXT, verdictFaults } from './verdict.ts';

const dir = tempDir();
let n = 0;
const workbooks = await validWorkbooks();
const kinds = mutations(workbooks);

async function check(bytes: Buffer, withForms: readonly FormDefinition<any>[] = forms): Promise<FileReport> {
  const file = join(dir, `${n++}.xlsx`);
  writeFileSync(file, bytes);
  return checkFile(file, { forms: withForms, units: defaultUnits, timeLimit: 10 });
}

/** Whatever the damage, a verdict a user can read: no internal error, no English exception text. */
const soundVerdict = (mutation: fc.Arbitrary<Buffer>, withForms: readonly FormDefinition<any>[] = forms) =>
  fc.asyncProperty(mutation, async (bytes) => {
    expect(verdictFaults(await check(bytes, withForms))).toEqual([]);
  });

/** The ledger with a bug in its rules (a real TypeError), standing for any bug the checker may have. */
const buggyLedger: FormDefinition<any> = {
  ...reviewLedger,
  rules: (data: any) => data.rows.nowhere.length,
};

describe('fuzz: a damaged or hostile workbook always gets a verdict a user can read', () => {
  it.each(Object.entries(kinds))('mutating %s', async (_kind, mutation) => {
    await fc.assert(soundVerdict(mutation), { numRuns: 40, seed: 20231228 });
  });

  it('refuses every workbook with a DOCTYPE or an ENTITY, wherever in a part it stands', async () => {
    await fc.assert(
      fc.asyncProperty(kinds['DOCTYPE and entities'], async (bytes) => {
        expect((await check(bytes)).issues.map((i) => i.rule)).toContain('file.xml-entities');
      }),
      { numRuns: 40, seed: 20231228 },
    );
  });

  it('turns an exception no one meant to throw into file.internal, in Chinese', async () => {
    const r = await check(workbooks[0]!, [buggyLedger]);
    expect(r).toMatchObject({ valid: false, issues: [{ rule: 'file.internal', cell: null }] });
    expect(r.issues[0]!.message).toContain('请把此文件发给维护人员');
    expect(r.issues[0]!.message).not.toMatch(EXCEPTION_TEXT);
  });

  it('can fail: the same property finds a file that meets a bug in the checker', async () => {
    const buggy = forms.map((f) => (f.id === reviewLedger.id ? buggyLedger : f));
    const run = await fc.check(soundVerdict(kinds['XML inside the parts'], buggy), { numRuns: 40, seed: 20231228, endOnFailure: true });
    expect(run.failed).toBe(true);
    const [found] = run.counterexample!;
    expect((await check(found, buggy)).issues.map((i) => i.rule)).toContain('file.internal');
  });

  it('gives a file that takes too long one error, and goes on', async () => {
    const file = join(dir, 'slow.xlsx');
    writeFileSync(file, workbooks[2]!);
    const r = await checkFile(file, { forms, units: defaultUnits, timeLimit: 0.001 });
    expect(r).toMatchObject({ valid: false, issues: [{ rule: 'file.timeout', cell: null }] });
    expect(r.issues[0]!.message).toContain('秒仍未完成');
    expect((await checkFile(file, { forms, units: defaultUnits })).valid).toBe(true);
  });
});
