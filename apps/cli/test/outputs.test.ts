import { describe, expect, it } from 'vitest';
import { safeName } from '../src/outputs.ts';

describe('safeName', () => {
  it('keeps a name inside its folder, whatever the data says', () => {
    expect(safeName('../../etc/passwd.xlsx')).toBe('__.._etc_passwd.xlsx');
    expect(safeName('..\\\\windows\\\\x.pdf')).not.toMatch(/[\\\\/]/);
    expect(safeName('a:b*c?"d<e>f|g.xlsx')).toBe('a_b_c__d_e_f_g.xlsx');
    expect(safeName('.hidden.xlsx')).toBe('_hidden.xlsx');
    expect(safeName('修武县2023年6月行政复议工作问题台账.xlsx')).toBe('修武县2023年6月行政复议工作问题台账.xlsx');
  });
});
