import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, tianbao } from './run.ts';

describe('tianbao compile with no unit’s return taken in', () => {
  it('writes the compilation, every unit 未纳入, and exits 1 as made with faults', async () => {
    const out = tempDir();
    const r = await tianbao(['compile', 'review-ledger', tempDir(), '--period', '2023-06', '--as-of', '2023-07-05', '-o', out, '--format', 'xlsx']);
    expect(r.code).toBe(1);
    expect(existsSync(join(out, '焦作市2023年6月行政复议工作问题台账汇总.xlsx'))).toBe(true);
    expect(r.stderr).toContain('共 11 个单位：纳入 0，未纳入 11');
    expect(r.stderr).toContain('没有纳入任何单位的报表');
  });

  it('says so in its help', async () => {
    expect((await tianbao(['compile', '--help'])).stdout).toContain('没有纳入任何单位的报表时也是 1');
  });
});
