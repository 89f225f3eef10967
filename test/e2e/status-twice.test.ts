import { copyFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { day, inbox, status } from './status-inbox.ts';
import { tianbao } from './run.ts';

type Unit = { unit: string; files: { file: string; use: string }[] };
const xiuwu = (out: string): Unit => JSON.parse(out).units.find((u: Unit) => u.unit === '修武县');

describe('the same files given twice', () => {
  it('takes each file once, in status and in compile', async () => {
    const dir = await inbox();
    const file = join(dir, '修武县2023年6月问题台账.xlsx');
    const r = await status(dir, `${dir}/`, file, '--format', 'json');
    expect(JSON.parse(r.stdout).units.map((u: Unit) => u.files.length)).toEqual(JSON.parse(r.stdout).units.map(() => 1));
    const made = await tianbao(['compile', 'review-ledger', dir, `${dir}/`, file, '--period', '2023-06', '--as-of', '2023-07-05', '-o', join(dir, '..', `${dir.split('/').at(-1)}-out`), '--format', 'xlsx']);
    expect(made.stderr).toContain('共 11 个单位：纳入 11，未纳入 0');
    expect(made.stderr).not.toContain('未能读取');
  });

  it('does not call a file received at the same time as the one used a later one', async () => {
    const dir = await inbox();
    const again = join(dir, '修武县2023年6月问题台账-重报.xlsx');
    copyFileSync(join(dir, '修武县2023年6月问题台账.xlsx'), again);
    utimesSync(again, day('2023-06-26'), day('2023-06-26'));
    const r = await status(dir);
    expect(r.stdout).not.toContain('另有较晚收到的文件');
    expect(r.stdout).toContain('与所用的文件同时收到');
    expect(xiuwu((await status(dir, '--format', 'json')).stdout).files.map((f) => f.use)).toEqual(['judged', 'same-time']);
  });
});
