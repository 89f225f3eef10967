import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir, tianbao } from './run.ts';
import { P, droppedIn, june } from '../fixtures/dropped-problem.ts';

// `--previous` takes, for each file checked, its own form's and unit's returns of the months before its month.
const UNIT = june.unit;
let root: string;
const at = (...parts: string[]) => join(root, ...parts);
const name = (m: number) => `${UNIT}2023年${m}月行政复议工作问题台账.xlsx`;
const month = (m: number) => at('all', name(m));

type FileIssues = { file: string; issues: { rule: string; cell: string; message: string }[] };
const validate = async (files: string[], ...previous: string[]) => {
  const r = await tianbao(['validate', ...files, ...previous.flatMap((p) => ['--previous', p]), '--format', 'json']);
  const reports: FileIssues[] = JSON.parse(r.stdout).files;
  const carried = (file: string) => reports.find((f) => f.file === file)!.issues.filter((i) => i.rule.startsWith('ledger.carry.') || i.rule.startsWith('file.'));
  return { code: r.code, stderr: r.stderr, carried };
};
const DROPPED = `上月台账案件审理方面列出的问题「${P}」本月未再列出`;
const SINCE_JUNE = `2023年6月台账案件审理方面列出的问题「${P}」此后未再列出`;

describe('--previous takes the right files', () => {
  beforeAll(async () => {
    root = tempDir();
    for (const dir of ['all', 'other']) mkdirSync(at(dir));
    for (const m of [6, 7, 8]) writeFileSync(month(m), await writeWorkbook(reviewLedger, m === 6 ? june : droppedIn(`2023-0${m}`)));
    writeFileSync(at('other', '修武县入河排污口排查整治台账.xlsx'), await writeWorkbook(outfallChecklist, outfallChecklist.samples.find((s) => s.unit === UNIT)!));
    writeFileSync(at('other', '温县2023年6月问题台账.xlsx'), await writeWorkbook(reviewLedger, { ...june, unit: '温县' }));
  });

  it('compares July with June only, in a folder of every month, and says which files are not earlier', async () => {
    const { code, stderr, carried } = await validate([month(7)], at('all'));
    expect(code).toBe(0);
    expect(carried(month(7)).map((i) => [i.rule, i.cell])).toEqual([['ledger.carry.dropped', 'C5']]);
    expect(carried(month(7))[0]!.message).toContain(DROPPED);
    expect(stderr).toContain(`上月报表「${month(8)}」报送月份是 2023-08，不在`);
    expect(stderr).toContain(`上月报表「${month(7)}」报送月份是 2023-07，不在`);
  });

  it('compares each month of a batch with its own months before', async () => {
    const { code, stderr, carried } = await validate([month(6), month(7), month(8)], at('all'));
    expect(code).toBe(0);
    expect(carried(month(6))).toEqual([]);
    expect(carried(month(7)).map((i) => i.message)).toEqual([expect.stringContaining(DROPPED)]);
    expect(carried(month(8)).map((i) => i.message)).toEqual([expect.stringContaining(SINCE_JUNE)]);
    // June has nothing before it; the folder's June and July serve the files after them, its August none.
    expect(stderr).toContain(`「${month(6)}」：--previous 中没有${UNIT}2023年6月之前的行政复议工作问题台账，未与之前的月份对比`);
    expect(stderr).toContain(`上月报表「${month(8)}」报送月份是 2023-08，不在`);
    expect(stderr).not.toContain(`上月报表「${month(7)}」报送月份`);
  });

  it('refuses a --previous of the same or a later month', async () => {
    const { stderr, carried } = await validate([month(7)], month(8));
    expect(carried(month(7))).toEqual([]);
    expect(stderr).toContain(`上月报表「${month(8)}」报送月份是 2023-08，不在`);
  });

  it('ignores another form’s return of the unit, with a word, and does not fail on it', async () => {
    const outfall = at('other', '修武县入河排污口排查整治台账.xlsx');
    const { code, stderr, carried } = await validate([month(7)], outfall);
    expect(code).toBe(0);
    expect(carried(month(7))).toEqual([]);
    expect(stderr).toContain(`上月报表「${outfall}」是入河排污口排查整治台账`);
    expect(stderr).toContain(`没有${UNIT}2023年7月之前的行政复议工作问题台账`);
  });

  it('says so when only another unit’s return is given', async () => {
    const { code, stderr, carried } = await validate([month(7)], at('other', '温县2023年6月问题台账.xlsx'));
    expect(code).toBe(0);
    expect(carried(month(7))).toEqual([]);
    expect(stderr).toContain(`「${month(7)}」：--previous 中没有${UNIT}2023年7月之前的行政复议工作问题台账，未与之前的月份对比`);
  });

  it('starts a blank from the unit’s latest month before it, in a folder of every month, and refuses one of no earlier month', async () => {
    const blank = ['blank', 'review-ledger', '--unit', UNIT, '--previous', at('all'), '-o', at('blank')];
    const july = await tianbao([...blank, '--period', '2023-07']);
    expect([july.code, july.stdout.trim()]).toEqual([0, join(at('blank'), name(7))]);
    // From June: P, dropped since, is on it.
    expect((await validate([join(at('blank'), name(7))], month(6))).carried(join(at('blank'), name(7)))).toEqual([]);
    const june = await tianbao([...blank, '--period', '2023-06']);
    expect([june.code, june.stderr.split('\n')[0]]).toEqual([2, `上月报表「${month(6)}」报送月份是 2023-06，不在 --period 2023-06 之前`]);
  });

  it('names the month compared with when it is not the month before', async () => {
    const { carried } = await validate([month(8)], month(6));
    expect(carried(month(8)).map((i) => i.message)).toEqual([expect.stringContaining(`2023年6月台账案件审理方面列出的问题「${P}」本月未再列出`)]);
  });
});
