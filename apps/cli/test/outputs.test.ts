import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Refusal } from '@tianbao/form';
import { describe, expect, it } from 'vitest';
import { nameTooLong, safeName, writeOutput } from '../src/outputs.ts';

describe('safeName', () => {
  it('keeps a name inside its folder, whatever the data says', () => {
    expect(safeName('../../etc/passwd.xlsx')).toBe('__.._etc_passwd.xlsx');
    expect(safeName('..\\\\windows\\\\x.pdf')).not.toMatch(/[\\\\/]/);
    expect(safeName('a:b*c?"d<e>f|g.xlsx')).toBe('a_b_c__d_e_f_g.xlsx');
    expect(safeName('.hidden.xlsx')).toBe('_hidden.xlsx');
    expect(safeName('修武县2023年6月行政复议工作问题台账.xlsx')).toBe('修武县2023年6月行政复议工作问题台账.xlsx');
  });
});

describe('nameTooLong', () => {
  it('counts bytes, not characters, and never lets a name be cut', () => {
    // 89 characters, 255 bytes: the most ext4 and APFS take.
    expect(nameTooLong('a' + '长'.repeat(83) + '.xlsx')).toBeNull();
    expect(nameTooLong('ab' + '长'.repeat(83) + '.xlsx')).toMatch(/有 256 字节，超过文件名的上限 255 字节/);
    expect(safeName('长'.repeat(300))).toHaveLength(300);
  });

  it('lets writeOutput write a name of 255 bytes, and refuse one longer in Chinese', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tianbao-cli-'));
    const most = 'a' + '长'.repeat(83) + '.xlsx';
    expect(await writeOutput(dir, most, new Uint8Array([1]))).toBe(join(dir, most));
    await expect(writeOutput(dir, 'ab' + '长'.repeat(83) + '.xlsx', new Uint8Array([1]))).rejects.toThrow(Refusal);
    expect(readdirSync(dir)).toEqual([most]);
  });
});
