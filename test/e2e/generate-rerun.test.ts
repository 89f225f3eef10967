import { copyFileSync, cpSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import reviewLedger from '@tianbao/template-review-ledger';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir, tianbao, type Run } from './run.ts';

/** A data file of two ledgers in a folder of its own, and a run of generate on it into `out` there with more arguments. */
function twoLedgers() {
  const dir = tempDir();
  const data = join(dir, 'ledgers.json');
  const out = join(dir, 'out');
  return { dir, data, run: (...more: string[]) => tianbao(['generate', 'review-ledger', '--data', data, '-o', out, ...more]) };
}

describe('generate, run again', () => {
  // One first run, its folder kept as it was for the tests that start from it.
  const mine = twoLedgers();
  const pristine = tempDir();
  let first: Run;
  beforeAll(async () => {
    writeFileSync(mine.data, JSON.stringify(reviewLedger.samples.slice(0, 2)));
    first = await mine.run();
    cpSync(mine.dir, pristine, { recursive: true });
  });

  it('skips an output made from the very same inputs, whatever the files’ times, and writes it again with --force, the same bytes', async () => {
    const { data, run } = mine;
    expect(first.code).toBe(0);
    const written = first.stdout.trim().split('\n');
    expect(written).toHaveLength(4);
    const bytes = written.map((f) => readFileSync(f));
    const times = written.map((f) => statSync(f).mtimeMs);

    // The data file saved again, unchanged: nothing to make.
    utimesSync(data, new Date(), new Date(Date.now() + 5000));
    const again = await run();
    expect(again).toMatchObject({ code: 0, stdout: '' });
    // One line counts them: a re-run of 500 ledgers would otherwise print 1,000.
    expect(again.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^已是最新，跳过 4 个文件（由相同的数据和选项生成过，--force 重新生成）$/)]);
    expect(written.map((f) => statSync(f).mtimeMs)).toEqual(times);

    const forced = await run('--force');
    expect(forced.stdout.trim().split('\n')).toEqual(written);
    written.forEach((f, i) => expect(Buffer.compare(readFileSync(f), bytes[i]!), f).toBe(0));

    // An output replaced by another file of that name (here another unit's) is made again.
    copyFileSync(written[2]!, written[0]!);
    const remade = await run();
    expect(remade.stdout.trim().split('\n')).toEqual([written[0]]);
    // Few skipped, they are named.
    expect(remade.stderr.trim()).toBe(`已是最新，跳过 3 个文件（由相同的数据和选项生成过，--force 重新生成）：${written.slice(1).join('、')}`);
    expect(Buffer.compare(readFileSync(written[0]!), bytes[0]!)).toBe(0);
  });

  describe('makes again what another as-of day, unit list, paper or data item would change, and only that', () => {
    /**
     * The first run's folder, copied (an output's digest, not its path or time, says it is up to date): its four
     * outputs there, and `made`, a run of generate on it that must succeed, giving what it wrote. A PDF's digest
     * takes the as-of day, the unit list and the data as a workbook's does (apps/cli/test/output-digest.test.ts):
     * here the workbooks alone (`--format xlsx`) show what is made again, but for the paper, the PDF's alone.
     */
    function fromFirst() {
      const { dir, data, run } = twoLedgers();
      cpSync(pristine, dir, { recursive: true });
      const all = first.stdout.trim().split('\n').map((f) => f.replace(mine.dir, dir));
      expect(all).toHaveLength(4);
      const made = async (...args: string[]) => {
        const r = await run(...args);
        expect(r.code, r.stderr).toBe(0);
        return r.stdout.trim().split('\n').filter(Boolean);
      };
      return { dir, data, all, workbooks: all.filter((f) => f.endsWith('.xlsx')), made: (...args: string[]) => made('--format', 'xlsx', ...args), madeAll: made };
    }

    it('an as-of day: every output', async () => {
      const { workbooks, made } = fromFirst();
      expect(await made('--as-of', '2023-07-01')).toEqual(workbooks);
      expect(await made('--as-of', '2023-07-01')).toEqual([]);
      expect(await made()).toEqual(workbooks);
    });

    it('a unit list: the same units as the default one give the same documents; one more unit, other documents', async () => {
      const { dir, workbooks, made, madeAll } = fromFirst();
      const units = join(dir, 'units.json');
      writeFileSync(units, JSON.stringify(defaultUnits));
      // Every output, of both formats, is up to date.
      expect(await madeAll('--units', units)).toEqual([]);
      writeFileSync(units, JSON.stringify({ ...defaultUnits, units: [...defaultUnits.units, { name: '高新区', code: '410899' }] }));
      expect(await made('--units', units)).toEqual(workbooks);
      expect(await made('--units', units)).toEqual([]);
      expect(await made()).toEqual(workbooks);
    });

    it('a paper: the PDFs alone', async () => {
      const { all, madeAll } = fromFirst();
      const [, pdf0, , pdf1] = all;
      expect(await madeAll('--paper', 'A3')).toEqual([pdf0, pdf1]);
      expect(await madeAll('--paper', 'A3')).toEqual([]);
      // Made again on A4 too, as a PDF's digest takes its paper: apps/cli/test/output-digest.test.ts.
    });

    it('one item changed: its outputs alone', async () => {
      const { data, workbooks, made } = fromFirst();
      const items = JSON.parse(readFileSync(data, 'utf8'));
      items[1].filler = '中站区人民政府办公室';
      writeFileSync(data, JSON.stringify(items));
      expect(await made()).toEqual([workbooks[1]]);
    });
  });
  // Checklists and their summary sheet, byte-identical for the same data and as-of day: generate-jobs.test.ts.
});
