import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import reviewLedger from '@tianbao/template-review-ledger';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir, tianbao } from './run.ts';

const LEDGERS = 40;
/** Every sample unit's ledger, month after month: each its own two files. */
const ledgers = Array.from({ length: LEDGERS }, (_, i) => {
  const period = `2022-${String(Math.floor(i / reviewLedger.samples.length) + 1).padStart(2, '0')}`;
  return { ...reviewLedger.samples[i % reviewLedger.samples.length]!, period, reportDate: `${period}-26` };
});

describe('generate stopped with Ctrl-C', () => {
  it('says that what it wrote is whole and how to go on, ends as SIGINT ends a process, and a re-run makes the rest', async () => {
    const dir = tempDir();
    const data = join(dir, 'ledgers.json');
    const out = join(dir, 'out');
    writeFileSync(data, JSON.stringify(ledgers));
    const args = ['generate', 'review-ledger', '--data', data, '-o', out, '--jobs', '1'];

    // SIGINT as the first file is printed, to the command alone (a terminal sends it to its children too).
    const child = spawn(BIN, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (!stdout) child.kill('SIGINT');
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    expect(ended).toEqual({ code: null, signal: 'SIGINT' });
    expect(stderr.trim()).toBe('已中断：已生成的文件都是完整的，没有写了一半的文件；重新运行同一命令即可接着生成，已生成的文件会跳过');
    const printed = stdout.trim().split('\n');
    expect(printed.length).toBeLessThan(2 * LEDGERS);

    // The same command again: the rest written, what the first wrote skipped, the folder holding the outputs alone.
    const again = await tianbao(args);
    expect(again.code).toBe(0);
    const rest = again.stdout.trim().split('\n');
    const skipped = Number(/^已是最新，跳过 (\d+) 个文件/.exec(again.stderr)?.[1]);
    expect(skipped).toBeGreaterThanOrEqual(printed.length);
    expect(skipped + rest.length).toBe(2 * LEDGERS);
    for (const file of printed) expect(rest).not.toContain(file);
    const names = readdirSync(out);
    expect(names).toHaveLength(2 * LEDGERS);
    expect(names.filter((n) => !/\.(xlsx|pdf)$/.test(n))).toEqual([]);

    // Asked to write everything, it is told to go on without --force, which would write everything again.
    const forced = spawn(BIN, [...args, '--force'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '' } });
    let forcedErr = '';
    forced.stdout.once('data', () => forced.kill('SIGINT'));
    forced.stderr.on('data', (chunk: Buffer) => (forcedErr += chunk));
    await new Promise((resolve) => forced.on('close', resolve));
    expect(forcedErr).toContain('重新运行同一命令（去掉 --force）即可接着生成');
  });
});
