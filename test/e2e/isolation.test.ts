import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import { describe, expect, it } from 'vitest';
import { bigChecklist } from '../bench/big-checklist.ts';
import { tempDir, tianbao } from './run.ts';

// Every file is checked in a child process under a time limit and a memory bound. A real workbook trips each:
// a checklist of 80,000 outfalls takes some 0.7 s of a processor and over 100 MB to check (one of 20,000, then
// one of 40,000, came to within the limits below as the reader and the checks were made faster), a ledger a few hundredths
// of a second (a few tenths on a machine loaded nine deep) and under 60 MB. (A child that dies some other way is
// the pool's own test: no honest workbook kills one.) One checklist serves every test: making it is most of
// what this file costs in its own process.
const MEMORY = ['--memory-limit', '80'];
const TIME = ['--time-limit', '0.5'];

const [big, ...ledgers] = await Promise.all([
  writeWorkbook(outfallChecklist, bigChecklist(80_000)),
  ...reviewLedger.samples.map((s) => writeWorkbook(reviewLedger, s)),
]);
const ledgerName = (i: number) => `${reviewLedger.samples[i]!.unit}2023年6月问题台账.xlsx`;

/** A folder of the first `n` units' ledgers, and the big checklist among them. */
function inbox(n = 3): string {
  const dir = tempDir();
  for (let i = 0; i < n; i++) writeFileSync(join(dir, ledgerName(i)), ledgers[i]!);
  writeFileSync(join(dir, '全市排污口台账.xlsx'), big!);
  return dir;
}

type Checked = { file: string; valid: boolean; issues: { rule: string; message: string }[] };
const byName = (dir: string, stdout: string) => new Map((JSON.parse(stdout).files as Checked[]).map((f) => [f.file.slice(dir.length + 1), f]));
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('a file past the limits, among good ones', () => {
  // Over memory with one job, over time with two: whatever the fault, the pool replaces the child, with one job or more (its own test).
  it.each([
    ['1', MEMORY, 'file.too-much-memory', '（80 MB）'],
    ['2', TIME, 'file.timeout', '0.5 秒'],
  ])('with --jobs %s: its own error, over memory or over time, and the others valid', async (jobs, limit, rule, words) => {
    const dir = inbox();
    const r = await tianbao(['validate', dir, '--format', 'json', '--jobs', jobs, ...limit]);
    expect(r.code).toBe(1);
    const files = byName(dir, r.stdout);
    expect([...files.keys()]).toEqual(readdirSync(dir).sort((a, b) => a.localeCompare(b)));
    expect(files.get('全市排污口台账.xlsx')).toMatchObject({ valid: false, issues: [{ rule, message: expect.stringContaining(words) }] });
    for (let i = 0; i < 3; i++) expect(files.get(ledgerName(i)), ledgerName(i)).toMatchObject({ valid: true, issues: [] });
  });

  it('status says where every unit stands', async () => {
    const dir = inbox(reviewLedger.samples.length);
    // As of today: the files were received today, and a file received after the as-of day is not judged.
    const r = await tianbao(['status', dir, '--template', 'review-ledger', '--period', '2023-06', '--format', 'json', ...MEMORY]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ valid: reviewLedger.samples.length, invalid: 0, missing: 0 });
  });

  it('extract says why it has no data, in Chinese', async () => {
    const dir = inbox(1);
    const memory = await tianbao(['extract', join(dir, '全市排污口台账.xlsx'), ...MEMORY]);
    expect(memory).toMatchObject({ code: 1, stdout: '' });
    expect(memory.stderr).toMatch(/内存超过上限（80 MB）.*\[file\.too-much-memory\]/);
    const time = await tianbao(['extract', join(dir, '全市排污口台账.xlsx'), ...TIME]);
    expect(time).toMatchObject({ code: 1, stdout: '' });
    expect(time.stderr).toMatch(/检查超过 0\.5 秒.*\[file\.timeout\]/);
    const good = await tianbao(['extract', join(dir, ledgerName(0)), ...MEMORY, ...TIME]);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ unit: reviewLedger.samples[0]!.unit });
  });
});

describe('validate --annotate', () => {
  it('writes into the inputs’ own folder over none of them, and a copy for each of two files of one name', async () => {
    const dir = tempDir();
    for (const i of [0, 1]) writeFileSync(join(dir, ledgerName(i)), ledgers[i]!);
    // An earlier copy sent in again, and two files of one name in two folders.
    writeFileSync(join(dir, '修武县-批注.xlsx'), ledgers[2]!);
    writeFileSync(join(dir, '修武县.xlsx'), ledgers[3]!);
    for (const [sub, i] of [['a', 4], ['b', 5]] as const) {
      mkdirSync(join(dir, sub));
      writeFileSync(join(dir, sub, '同名.xlsx'), ledgers[i]!);
    }
    const inputs = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.xlsx'));
    const before = new Map(inputs.map((f) => [f, sha(join(dir, f))]));

    const r = await tianbao(['validate', dir, '--annotate', dir, '--format', 'json']);
    expect(r.code).toBe(0);
    for (const [f, hash] of before) expect(sha(join(dir, f)), f).toBe(hash);
    const copies = ['修武县-批注-2.xlsx', '修武县-批注-批注.xlsx', 'a-同名-批注.xlsx', 'b-同名-批注.xlsx', ...[0, 1].map((i) => ledgerName(i).replace('.xlsx', '-批注.xlsx'))];
    for (const copy of copies) expect(r.stderr).toContain(`批注副本：${join(dir, copy)}\n`);
    expect(readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort()).toEqual([...inputs.filter((f) => !f.includes('/')), ...copies].sort());
  });

  it('obeys the memory bound in making a copy, and makes none of a file not checked', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, ledgerName(0)), ledgers[0]!);
    // The checklist: checked as it streams by in some 118 MB; its copy holds the sheet's XML, edited in memory, in far more.
    writeFileSync(join(dir, '排污口台账.xlsx'), big!);
    const back = tempDir();
    const ledgerCopy = `批注副本：${join(back, ledgerName(0).replace('.xlsx', '-批注.xlsx'))}`;
    const notMade = `（未生成）${join(dir, '排污口台账.xlsx')}：`;
    const r = await tianbao(['validate', dir, '--annotate', back, '--memory-limit', '140']);
    expect(r.stderr).toContain(ledgerCopy);
    expect(r.stderr).toContain(`${notMade}生成批注副本占用的内存超过上限（140 MB）`);
    expect(r.stdout).toMatch(/排污口台账\.xlsx .* 通过/);

    // The same checklist, which its check takes past 80 MB.
    const over = await tianbao(['validate', dir, '--annotate', back, ...MEMORY]);
    expect(over.stdout).toContain('[file.too-much-memory]');
    expect(over.stderr).toContain(`${notMade}此文件未能检查完，不生成批注副本`);
  }, 120_000);
});
