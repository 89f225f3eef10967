import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import reviewLedger from '@tianbao/template-review-ledger';
import { describe, expect, it } from 'vitest';
import { tempDir, tianbao } from './run.ts';

/** A data file in a folder of its own. */
function dataFile(data: unknown): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, 'data.json');
  writeFileSync(file, JSON.stringify(data));
  return { dir, file };
}

/** Generate into `<dir>/jobs<N>`; the printed lines name that folder, shown as `OUT`. */
async function generate(template: string, { dir, file }: { dir: string; file: string }, jobs: number, ...more: string[]) {
  const out = join(dir, `jobs${jobs}`);
  const run = await tianbao(['generate', template, '--data', file, '-o', out, '--jobs', String(jobs), ...more]);
  const lines = (s: string) => s.split(out).join('OUT').split('\n').filter(Boolean);
  return { code: run.code, stdout: lines(run.stdout), stderr: lines(run.stderr), out };
}

/** The files of a folder, by name. */
const files = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f))]));

function expectSameFiles(a: string, b: string) {
  const [one, two] = [files(a), files(b)];
  expect(Object.keys(two)).toEqual(Object.keys(one));
  for (const [name, bytes] of Object.entries(one)) expect(Buffer.compare(two[name]!, bytes), name).toBe(0);
}

// Four ledgers, four times as many documents as there are jobs (each child makes several, the first of its
// process and later ones): two units' for June and for July. One job is handed them two at a time, and makes
// the two at once; two jobs, one at a time.
const july = (ledger: (typeof reviewLedger.samples)[number]) => ({ ...ledger, period: '2023-07', reportDate: '2023-07-26' });
const ledgers = [...reviewLedger.samples.slice(0, 2), ...reviewLedger.samples.slice(0, 2).map(july)];

describe('generate --jobs', () => {
  it('writes with two jobs the same files, byte for byte, and prints the same lines in the same order as one, which makes two at once', async () => {
    const data = dataFile(ledgers);
    const one = await generate('review-ledger', data, 1);
    const two = await generate('review-ledger', data, 2);
    expect(one).toMatchObject({ code: 0, stderr: [] });
    expect(one.stdout).toEqual(ledgers.flatMap((l) => ['xlsx', 'pdf'].map((ext) => expect.stringMatching(new RegExp(`^OUT/${l.unit}.*\\.${ext}$`)))));
    expect(two).toMatchObject({ code: 0, stdout: one.stdout, stderr: [] });
    expectSameFiles(one.out, two.out);

    // Run again with the first and the last ledger's workbooks gone (making workbooks alone, no child loads the PDF engine):
    // the skipped and the written interleave as with one job.
    const gone = [one.stdout[0]!, one.stdout.at(-2)!];
    for (const out of [one.out, two.out]) for (const line of gone) rmSync(line.replace('OUT', out));
    const [again1, again2] = [await generate('review-ledger', data, 1), await generate('review-ledger', data, 2)];
    expect(again1.stdout).toEqual(gone);
    expect(again1.stderr).toEqual([`已是最新，跳过 ${one.stdout.length - gone.length} 个文件（由相同的数据和选项生成过，--force 重新生成）`]);
    expect(again2).toMatchObject({ code: 0, stdout: again1.stdout, stderr: again1.stderr });
    expectSameFiles(one.out, two.out);
  });

  it('fails only the document that cannot be made, writes the others, and exits 1; each run writes the same bytes', async () => {
    const city = outfallChecklist.samples.at(-1)!;
    // Over the rows the form prints (each outfall its own code, as the rules want): its PDF is refused, its XLSX is written.
    const { rows } = outfallChecklist.print.limits;
    const outfalls = Array.from({ length: rows + 1 }, (_, i) => ({ ...city.outfalls[i % city.outfalls.length]!, code: `410800-${i}` }));
    const data = dataFile([outfallChecklist.samples[0]!, { ...city, outfalls }]);
    const one = await generate('outfall-checklist', data, 1, '--as-of', '2024-01-08');
    const two = await generate('outfall-checklist', data, 2, '--as-of', '2024-01-08');
    expect(one.code).toBe(1);
    // The rules' warnings first (rivers off the main list), then the one failure.
    expect(one.stderr.filter((l) => !/^\S+ \$\[\d+\]\S* 提示：/.test(l))).toEqual([
      expect.stringMatching(new RegExp(`^焦作市入河排污口排查整治台账\\.pdf：表格有 ${rows + 1} 行，超过单份 PDF 的上限 ${rows} 行`)),
    ]);
    // The other checklist's two files, then the city's workbook.
    expect(one.stdout).toHaveLength(3);
    expect(one.stdout.at(-1)).toBe('OUT/焦作市入河排污口排查整治台账.xlsx');
    expect(two).toMatchObject({ code: 1, stdout: one.stdout, stderr: one.stderr });
    // Two runs of the same data and as-of day: byte-identical checklists, their summary sheet (dated by that day) too.
    expectSameFiles(one.out, two.out);
  });

  it('refuses --jobs that is not a positive number, before writing anything', async () => {
    const data = dataFile(ledgers.slice(0, 2));
    for (const jobs of ['0', 'x', '-2']) {
      const run = await tianbao(['generate', 'review-ledger', '--data', data.file, '-o', join(data.dir, 'out'), '--jobs', jobs]);
      expect(run.code, jobs).toBe(2);
      expect(run.stderr).toMatch(/--jobs 应为正整数/);
      expect(existsSync(join(data.dir, 'out'))).toBe(false);
    }
  });
});
