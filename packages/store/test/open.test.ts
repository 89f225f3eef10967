import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/index.ts';

describe('opening the SQLite database', () => {
  it('makes it in the data folder, but not where it is asked not to: a mistyped folder is refused, nothing made', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tianbao-open-')), '数据');
    await expect(openStore({ data: dir, create: false })).rejects.toMatchObject({ rule: 'database.missing', message: expect.stringContaining(`数据文件夹「${dir}」中没有数据库 tianbao.sqlite`) });
    expect(existsSync(dir)).toBe(false);
    const made = await openStore({ data: dir });
    await made.db.destroy();
    const again = await openStore({ data: dir, create: false });
    await again.db.destroy();
    expect(existsSync(join(dir, 'tianbao.sqlite'))).toBe(true);
  });
});
