import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import reviewLedger from '@tianbao/template-review-ledger';
import { describe, expect, it } from 'vitest';
import { outputProblems } from '../src/output-check.ts';

const dir = mkdtempSync(join(tmpdir(), 'tianbao-cli-'));
const ledger = { unit: 'Ward A', period: '2023-06', rows: {} };
const plan = (data: Record<string, any>[], more: { formats?: string[]; inputs?: string[] } = {}) => ({
  dataFile: 'data.json',
  data,
  at: data.map((_, i) => `$[${i}]`),
  formats: more.formats ?? ['xlsx', 'pdf'],
  out: dir,
  inputs: more.inputs ?? [],
});

describe('outputProblems', () => {
  it('finds two items for one file once each pair, whatever the formats', () => {
    const problems = outputProblems(reviewLedger, plan([ledger, { ...ledger, period: '2023-07' }, ledger, ledger]));
    expect(problems).toEqual([
      expect.stringMatching(/^data\.json \$\[0\] 与 \$\[2\]：都将写入 .*Ward A2023年6月行政复议工作问题台账\.xlsx，后者会覆盖前者（同一单位同一月份只能有一份数据）/),
      expect.stringMatching(/^data\.json \$\[0\] 与 \$\[3\]：/),
    ]);
  });

  it('takes names that differ only in case for one file, as Windows and macOS do', () => {
    const problems = outputProblems(reviewLedger, plan([ledger, { ...ledger, unit: 'WARD a' }], { formats: ['pdf'] }));
    expect(problems).toEqual([expect.stringContaining('单位「Ward A」与「WARD a」用作文件名时相同')]);
  });

  it('refuses an output that is the data file itself', () => {
    const data = join(dir, 'Ward A2023年6月行政复议工作问题台账.pdf');
    writeFileSync(data, '[]');
    expect(outputProblems(reviewLedger, plan([ledger], { inputs: [data] }))).toEqual([`data.json $[0]：输出文件 ${data} 就是输入文件 ${data}，不能覆盖；请换一个输出文件夹`]);
  });
});
