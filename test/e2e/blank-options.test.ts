import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inbox } from './status-inbox.ts';
import { tempDir, tianbao } from './run.ts';

describe('blank’s --period and --previous', () => {
  it('asks for --unit when last month’s returns are several units’, naming them', async () => {
    const dir = await inbox();
    const r = await tianbao(['blank', 'review-ledger', '--period', '2023-07', '--previous', dir, '-o', join(tempDir(), 'out')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('中有 11 个单位的报表（');
    expect(r.stderr).toContain('修武县');
    expect(r.stderr).toContain('请用 --unit 指定本单位');
  });

  it('refuses --period for a form not sent monthly', async () => {
    const r = await tianbao(['blank', 'census-roster', '--period', '2023-07', '-o', join(tempDir(), 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('不按月报送，请去掉 --period');
  });
});
