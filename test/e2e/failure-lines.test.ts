import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import reviewLedger from '@tianbao/template-review-ledger';
import { describe, expect, it } from 'vitest';
import { tempDir, tianbao } from './run.ts';

/** A system error's own text (`ENOTDIR: not a directory, mkdir '…'`). */
const SYSTEM_TEXT = /\bE[A-Z]{3,}\b|[a-z]+ '\//;

describe('a command that cannot finish says why in Chinese, never with an exception’s text', () => {
  // An output folder refused before anything is made (exit status 2): apps/cli/test/command-line.test.ts.
  it('says, output by output, that generate could not write it, and why', async () => {
    const dir = tempDir();
    const data = join(dir, 'ledger.json');
    const [sample, other] = reviewLedger.samples;
    writeFileSync(data, JSON.stringify([sample, other]));
    // A folder where the first workbook would go: that output cannot be written, the second can.
    const out = join(dir, 'out');
    const blocked = join(out, `${sample!.unit}2023年6月行政复议工作问题台账.xlsx`);
    mkdirSync(blocked, { recursive: true });
    const r = await tianbao(['generate', 'review-ledger', '--data', data, '-o', out, '--format', 'xlsx', '--jobs', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`${sample!.unit}2023年6月行政复议工作问题台账.xlsx：「${blocked}」已存在且不是普通文件（如文件夹、设备或管道），未写入；请换一个输出名称`);
    expect(r.stdout.trim()).toBe(join(out, `${other!.unit}2023年6月行政复议工作问题台账.xlsx`));
    expect(r.stderr).not.toMatch(SYSTEM_TEXT);
  });
});
