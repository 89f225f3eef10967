import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import censusRoster from '@tianbao/template-census-roster';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import reviewLedger from '@tianbao/template-review-ledger';
import { checkFile, type FileReport } from '@tianbao/validate';
import { writeWorkbook } from '@tianbao/xlsx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tempDir } from './run.ts';
import { buildZip, unzip, type Part } from './zip.ts';

const forms = [reviewLedger, censusRoster, outfallChecklist];
const dir = tempDir();
let n = 0;
const valid = await Promise.all([
  writeWorkbook(reviewLedger, reviewLedger.samples[0]!),
  writeWorkbook(censusRoster, censusRoster.samples[0]!),
  writeWorkbook(outfallChecklist, outfallChecklist.samples[1]!),
]);

/** A verdict, within a few seconds, never an exception. */
async function verdict(bytes: Buffer): Promise<FileReport> {
  const file = join(dir, `${n++}.xlsx`);
  writeFileSync(file, bytes);
  const r = await checkFile(file, { forms, units: defaultUnits, timeLimit: 10 });
  expect(typeof r.valid).toBe('boolean');
  expect(Array.isArray(r.issues)).toBe(true);
  // An invalid file always says why.
  if (!r.valid) expect(r.issues.some((i) => i.severity === 'error' && i.message.length > 0)).toBe(true);
  return r;
}

const workbook = fc.constantFrom(...valid);
const XML_NOISE = ['<', '>', '&', '"', '<row>', '</c>', '<!--', '<v>x</v>', '\u0000', '<c r="ZZZ99999999" t="s"><v>99999</v></c>', '<f>A1</f>'];

/** One XML part cut, spliced or salted; the archive rebuilt around it. */
const xmlMutation = fc
  .tuple(workbook, fc.nat(), fc.nat(), fc.nat({ max: 400 }), fc.constantFrom(...XML_NOISE), fc.constantFrom('cut', 'insert', 'replace'))
  .map(([buf, which, at, length, noise, how]) => {
    const parts = unzip(buf);
    const xml = parts.filter((p) => p.name.endsWith('.xml'));
    const target = xml[which % xml.length]!;
    const text = target.data.toString('utf8');
    const i = at % Math.max(1, text.length);
    const changed =
      how === 'cut' ? text.slice(0, i) + text.slice(i + length) : how === 'insert' ? text.slice(0, i) + noise + text.slice(i) : text.slice(0, i) + noise + text.slice(i + noise.length);
    return buildZip(parts.map((p): Part => (p === target ? { ...p, data: Buffer.from(changed) } : p)));
  });

/** Whole parts dropped, emptied, or filled with noise. */
const partMutation = fc.tuple(workbook, fc.nat(), fc.constantFrom('drop', 'empty', 'noise'), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([buf, which, how, noise]) => {
  const parts = unzip(buf);
  const k = which % parts.length;
  if (how === 'drop') return buildZip(parts.filter((_, i) => i !== k));
  return buildZip(parts.map((p, i): Part => (i !== k ? p : { ...p, data: how === 'empty' ? Buffer.alloc(0) : Buffer.from(noise) })));
});

/** Bytes of the archive itself flipped, or the file cut short. */
const byteMutation = fc.tuple(workbook, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }), fc.option(fc.nat())).map(([buf, flips, cut]) => {
  const out = Buffer.from(buf);
  for (const [at, value] of flips) out[at % out.length] = value;
  return cut === null ? out : out.subarray(0, cut % out.length);
});

describe('fuzz: a damaged workbook always gets a verdict', () => {
  it.each([
    ['XML inside the parts', xmlMutation],
    ['the parts of the archive', partMutation],
    ['the bytes of the file', byteMutation],
  ] as const)('mutating %s', async (_what, mutation) => {
    await fc.assert(
      fc.asyncProperty(mutation, async (bytes) => {
        await verdict(bytes);
      }),
      { numRuns: 60, seed: 20231228 },
    );
  });

  it('gives a file that takes too long one error, and goes on', async () => {
    const file = join(dir, 'slow.xlsx');
    writeFileSync(file, valid[2]!);
    const r = await checkFile(file, { forms, units: defaultUnits, timeLimit: 0.001 });
    expect(r).toMatchObject({ valid: false, issues: [{ rule: 'file.timeout', cell: null }] });
    expect(r.issues[0]!.message).toContain('秒仍未完成');
    expect((await checkFile(file, { forms, units: defaultUnits })).valid).toBe(true);
  });
});
