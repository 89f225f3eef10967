import { describe, expect, it } from 'vitest';
import { displayWidth, padColumns } from '../src/display-width.ts';

describe('display width', () => {
  it('counts CJK and full-width characters two columns, others one', () => {
    expect(displayWidth('温县')).toBe(4);
    expect(displayWidth('XX县（市、区）')).toBe(14);
    expect(displayWidth('2023年6月26日')).toBe(13);
    expect(displayWidth('𠀀a')).toBe(3);
  });

  it('pads columns to line up by display width, numbers on the right, the last column as it is', () => {
    const rows = padColumns(
      [
        ['单位', '错误', '文件'],
        ['焦作市城乡一体化示范区', '12', 'a.xlsx'],
        ['温县', '3', 'b.xlsx'],
      ],
      [1],
    );
    expect(rows.map((r) => r.join('|'))).toEqual([
      '单位                  |错误|文件',
      '焦作市城乡一体化示范区|  12|a.xlsx',
      '温县                  |   3|b.xlsx',
    ]);
  });
});
