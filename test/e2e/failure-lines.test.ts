import { writeFileSync } from 'node:fs';
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
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`出错：「${file}」已被同名的文件占用`);
  });

  it('says, output by output, that generate could not write it, and why', async () => {
    const dir = tempDir();
    const data = join(dir, 'ledger.json');
    writeFileSync(data, JSON.stringify(reviewLedger.samples[0]));
    const file = join(dir, '不是文件夹');
    writeFileSync(file, '');
    const r = await tianbao(['generate', 'review-ledger', '--data', data, '-o', join(file, 'out'), '--format', 'xlsx', '--jobs', '1']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`\\.xlsx：「${join(file, 'out')}」路径中有一段不是文件夹$`));
    expect(r.stderr).not.toMatch(SYSTEM_TEXT);
  });
});
