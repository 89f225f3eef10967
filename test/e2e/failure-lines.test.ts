import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import reviewLedger from '@tianbao/template-review-ledger';
import { describe, expect, it } from 'vitest';
import { tempDir, tianbao } from './run.ts';

/** A system error's own text (`ENOTDIR: not a directory, mkdir '…'`). */
const SYSTEM_TEXT = /\bE[A-Z]{3,}\b|[a-z]+ '\//;

describe('a command that cannot finish says why in Chinese, never with an exception’s text', () => {
  it('names the path the system refused when the output folder is a file', async () => {
    const dir = tempDir();
    const file = join(dir, '不是文件夹');
    writeFileSync(file, '');
    const r = await tianbao(['blank', 'review-ledger', '-o', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`-o 无法写入：「${file}」是文件，不是文件夹\n（tianbao blank --help 查看用法）`);
  });

  it('refuses an output folder under a file before generating anything', async () => {
    const dir = tempDir();
    const data = join(dir, 'ledger.json');
    writeFileSync(data, JSON.stringify(reviewLedger.samples[0]));
    const file = join(dir, '不是文件夹');
    writeFileSync(file, '');
    const r = await tianbao(['generate', 'review-ledger', '--data', data, '-o', join(file, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`-o 无法写入：「${file}」是文件，不是文件夹\n（tianbao generate --help 查看用法）`);
  });

  it('says, output by output, that generate could not write it, and why', async () => {
    const dir = tempDir();
    const data = join(dir, 'ledger.json');
    const sample = reviewLedger.samples[0]!;
    writeFileSync(data, JSON.stringify(sample));
    // A folder where the workbook would go: that output cannot be written, the PDF can.
    const out = join(dir, 'out');
    const blocked = join(out, `${sample.unit}2023年6月行政复议工作问题台账.xlsx`);
    mkdirSync(blocked, { recursive: true });
    const r = await tianbao(['generate', 'review-ledger', '--data', data, '-o', out, '--jobs', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`${sample.unit}2023年6月行政复议工作问题台账.xlsx：「${blocked}」已存在且不是普通文件（如文件夹、设备或管道），未写入；请换一个输出名称`);
    expect(r.stdout.trim()).toBe(join(out, `${sample.unit}2023年6月行政复议工作问题台账.pdf`));
    expect(r.stderr).not.toMatch(SYSTEM_TEXT);
  });
});
