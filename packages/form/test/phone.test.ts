import { describe, expect, it } from 'vitest';
import { normalisePhone, phone } from '../src/index.ts';

const tel = phone({ required: true, example: '0391-3568123' });
const at = { header: '联系电话' };

describe('phone', () => {
  it.each([
    ['13912345678', '13912345678'],
    ['139 1234 5678', '13912345678'],
    ['139-1234-5678', '13912345678'],
    ['＋８６ １３９１２３４５６７８', '13912345678'],
    ['0391-3568123', '0391-3568123'],
    ['0391 3568123', '0391-3568123'],
    ['（0391）3568123', '0391-3568123'],
    ['03913568123', '0391-3568123'],
    ['0391—35681234', '0391-35681234'],
    ['010-12345678', '010-12345678'],
    ['0391-3568123转801', '0391-3568123转801'],
    ['0391-3568123-801', '0391-3568123转801'],
  ])('reads %j as %s', (typed, want) => {
    expect(tel.read(typed, at)).toEqual({ value: want, problems: [] });
    expect(tel.schema.parse(typed)).toBe(want);
  });

  it.each(['12345678901', '1391234567', '139123456789', '3568123', '0391-356812', '13912345678/0391-3568123', '无', '010-1234567'])('refuses %j', (typed) => {
    expect(normalisePhone(typed)).toBeUndefined();
    const r = tel.read(typed, at);
    expect(r.value).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ kind: 'invalid' });
    expect(r.problems[0]!.message).toContain(`联系电话「${typed}」`);
    expect(tel.schema.safeParse(typed).success).toBe(false);
  });

  it('asks for the area code of a local number', () => {
    expect(tel.read('3568123', at).problems[0]!.message).toBe(
      '联系电话「3568123」缺少区号：手机号为1开头的11位数字（如 13912345678），固定电话须带区号（如 0391-3568123），一格只填一个号码',
    );
  });

  it('reads a number Excel made of a mobile or a landline, putting back the 0, with a warning', () => {
    expect(tel.read(13912345678, at)).toMatchObject({ value: '13912345678', problems: [{ kind: 'number', severity: 'warning' }] });
    const landline = tel.read(3913568123, at);
    expect(landline.value).toBe('0391-3568123');
    expect(landline.problems[0]!.message).toContain('开头的 0 已丢失，读作 0391-3568123');
    expect(tel.read(123, at)).toMatchObject({ value: undefined, problems: [{ kind: 'number' }] });
    expect(tel.read(123, at).problems[0]!.severity).toBeUndefined();
  });

  it('is required only when asked, and written as text', () => {
    expect(tel.read(null, at).problems).toEqual([{ kind: 'missing', message: '联系电话不能为空，请填写' }]);
    expect(phone({ example: '0391-3568123' }).read(' ', at)).toEqual({ value: undefined, problems: [] });
    expect(tel.textFormat).toBe(true);
    expect(tel.write('0391-3568123')).toBe('0391-3568123');
  });
});
