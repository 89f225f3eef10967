import { describe, expect, it } from 'vitest';
import { choice, code, creditCheckChar, creditCode, creditCodeProblem, decimal, normaliseName, personName, printedName, text } from '../src/index.ts';

// The cells that hold no date, in China's zone only; the date cell, in every zone: dates.test.ts.
const PROGRESS = ['未启动', '整治中', '已完成'] as const;
const progress = choice(PROGRESS, { aliases: { 完成: '已完成', 进行中: '整治中' } });
const role = choice(['组长', '副组长', '成员'], { required: true, aliases: { '组长：': '组长' } });
const lng = decimal({ min: 112.5, max: 113.7, example: '113.2418', required: true });

const at = (header: string) => ({ header });

describe('choice', () => {
  it.each([
    ['整治中', '整治中'],
    ['整 治中', '整治中'],
    ['已\u3000完成', '已完成'],
    [' 未启动\u00a0', '未启动'],
    ['完成', '已完成'],
    ['进 行 中', '整治中'],
  ])('reads %j as %s', (raw, want) => {
    expect(progress.read(raw, at('整治进度'))).toEqual({ value: want, problems: [] });
  });

  it('matches an alias whatever colon or width was typed', () => {
    // textKey makes `:` and `：` the same, and full-width letters half-width.
    expect(role.read('组长:', at('领导小组职务')).value).toBe('组长');
    expect(role.read('组长：', at('领导小组职务')).value).toBe('组长');
  });

  it('refuses other words, naming the options in Chinese', () => {
    const r = progress.read('差不多了', at('整治进度'));
    expect(r.value).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.kind).toBe('invalid');
    expect(r.problems[0]!.severity).toBeUndefined();
    expect(r.problems[0]!.message).toBe('整治进度「差不多了」不是规定的选项，请从下拉列表中选择：未启动、整治中、已完成');
  });

  it('treats an empty cell as missing only when required', () => {
    expect(progress.read(null, at('整治进度'))).toEqual({ value: undefined, problems: [] });
    expect(progress.read('  ', at('整治进度'))).toEqual({ value: undefined, problems: [] });
    const r = role.read('\u3000', at('领导小组职务'));
    expect(r.value).toBeUndefined();
    expect(r.problems).toEqual([{ kind: 'missing', message: '领导小组职务不能为空，请填写' }]);
  });

  it('offers its values as a dropdown and writes them as they are', () => {
    expect(progress.entry).toEqual({ type: 'list', values: PROGRESS });
    expect(progress.write('已完成')).toBe('已完成');
    expect(progress.write(undefined)).toBeNull();
  });
});

describe('text', () => {
  it('gives kind missing for an empty required cell', () => {
    expect(text({ required: true }).read(null, at('单位及职务')).problems).toEqual([{ kind: 'missing', message: '单位及职务不能为空，请填写' }]);
    expect(text().read(null, at('备注'))).toEqual({ value: undefined, problems: [] });
    expect(text({ required: true }).read('  市统计局局长 ', at('单位及职务'))).toEqual({ value: '市统计局局长', problems: [] });
  });
});

describe('decimal', () => {
  it.each([
    [113.25, 113.25],
    ['113.25', 113.25],
    ['１１３．２５', 113.25],
    [' 113.25 ', 113.25],
    ['113.25°', 113.25],
    ['-0.5', -0.5],
  ])('reads %j', (raw, want) => {
    expect(lng.read(raw, at('经度'))).toEqual({ value: want, problems: [] });
  });

  it.each([
    ['113,4308', '经度「113,4308」不是数字；小数点应写作“.”，不用逗号'],
    [' 0x71 ', '经度「0x71」不是数字，'],
  ])('quotes %j as written, a decimal comma named', (raw, said) => {
    expect(lng.read(raw, at('经度')).problems[0]!.message).toContain(said);
  });

  it.each(['东经113度', '113.25E', '约113', '113.2.5', '1e2'])('refuses %j as unparsable', (raw) => {
    const r = lng.read(raw, at('经度'));
    expect(r.value).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.kind).toBe('unparsable');
    expect(r.problems[0]!.message).toContain('经度「');
    expect(r.problems[0]!.message).toContain('113.2418');
  });

  it('gives missing for an empty required cell and checks the range on entry', () => {
    expect(lng.read(null, at('经度')).problems.map((p) => p.kind)).toEqual(['missing']);
    expect(lng.read('', at('经度')).problems.map((p) => p.kind)).toEqual(['missing']);
    expect(lng.entry).toEqual({ type: 'decimal', min: 112.5, max: 113.7 });
  });
});

describe('personName', () => {
  it.each(['靳　莲', '靳 莲', '靳\u00a0莲', ' 靳莲 ', '靳\t莲'])('removes every space from %j', (raw) => {
    expect(personName.read(raw, at('姓名'))).toEqual({ value: '靳莲', problems: [] });
    expect(normaliseName(raw)).toBe('靳莲');
  });

  it.each(['冯刚', '路红卫', '欧阳文博', '阿依古丽·买买提'])('accepts %s without a problem', (name) => {
    expect(personName.read(name, at('姓名'))).toEqual({ value: name, problems: [] });
  });

  it('joins a transliterated name with one kind of dot', () => {
    expect(personName.read('阿依古丽.买买提', at('姓名'))).toEqual({ value: '阿依古丽·买买提', problems: [] });
  });

  it.each(['Tom', '张三（兼）', '张', '欧阳文博士生'])('warns about %j, keeping the value', (raw) => {
    const r = personName.read(raw, at('姓名'));
    expect(r.value).toBeTruthy();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ kind: 'format', severity: 'warning' });
    expect(r.problems[0]!.message).toContain('姓名「');
  });

  it('gives missing for an empty cell', () => {
    expect(personName.read(null, at('办公室主任')).problems).toEqual([{ kind: 'missing', message: '办公室主任不能为空，请填写' }]);
  });

  it('prints a two-character name with a full-width space between', () => {
    expect(printedName('靳莲')).toBe('靳\u3000莲');
    expect(printedName('路红卫')).toBe('路红卫');
    // A rare character outside the BMP still counts as one.
    expect(printedName('王𠀋')).toBe('王\u3000𠀋');
  });
});

describe('creditCode', () => {
  const first17 = '91410800MA44XKYB0';
  const valid = first17 + creditCheckChar(first17);
  const read = (v: string | null) => creditCode.read(v, at('统一社会信用代码'));

  it('accepts a code whose check character is right', () => {
    expect(valid).toBe('91410800MA44XKYB0H');
    expect(creditCodeProblem(valid)).toBeNull();
    expect(read(valid)).toEqual({ value: valid, problems: [] });
    // Worked by hand: Σ index × weight = 1640, 1640 mod 31 = 28, 31 − 28 = 3.
    expect(creditCheckChar('91350100M000100Y4')).toBe('3');
    expect(read('91350100M000100Y43')).toEqual({ value: '91350100M000100Y43', problems: [] });
  });

  it('maps a sum divisible by 31 to 0, not to a 32nd character', () => {
    // All zeros: sum 0, 31 − 0 = 31 → 0.
    expect(creditCheckChar('00000000000000000')).toBe('0');
  });

  it('warns about a wrong check character, naming the right one', () => {
    const wrong = '91350100M000100Y44';
    expect(creditCodeProblem(wrong)).toBe('check');
    const r = read(wrong);
    expect(r.value).toBe(wrong);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ kind: 'check', severity: 'warning' });
    expect(r.problems[0]!.message).toContain('应为 3');
  });

  it.each([
    ['91350100M000100Y4', 'length', '应为18位'],
    ['91350100M000100Y433', 'length', '应为18位'],
    ['91350100MI00100Y43', 'char', 'I、O'],
    ['91350100MO00100Y43', 'char', 'I、O'],
    ['91AB0100M000100Y43', 'division', '行政区划码'],
  ])('refuses %s as an error', (code, problem, words) => {
    expect(creditCodeProblem(code)).toBe(problem);
    const r = read(code);
    expect(r.value).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.kind).toBe('invalid');
    expect(r.problems[0]!.severity).toBeUndefined();
    expect(r.problems[0]!.message).toContain(words);
  });

  it('upper-cases and removes spaces and full width', () => {
    expect(read(' 9135 0100\u3000m000 100y 43 ')).toEqual({ value: '91350100M000100Y43', problems: [] });
    expect(read('９１３５０１００Ｍ０００１００Ｙ４３')).toEqual({ value: '91350100M000100Y43', problems: [] });
  });

  it('allows an empty cell', () => {
    expect(read(null)).toEqual({ value: undefined, problems: [] });
    expect(read('  ')).toEqual({ value: undefined, problems: [] });
  });

  it('is formatted as text in the workbooks we write', () => {
    expect(creditCode.textFormat).toBe(true);
  });

  it('says that Excel turned an all-digit code into a number that lost its last digits', () => {
    // 914108219256870014 typed into a General cell: Excel keeps 15 digits and shows 9.14108E+17.
    const r = creditCode.read(914108219256870000, at('统一社会信用代码'));
    expect(r.value).toBeUndefined();
    expect(r.problems).toEqual([
      {
        kind: 'number',
        message:
          "统一社会信用代码这一格是数字 9.14108E+17：Excel 把全是数字的编码变成了数字，只保留前15位，后面的数字已丢失。请把这一列设为文本格式（或在前面加英文单引号 '）后按原件重新输入完整的编码 914108219256870…",
      },
    ]);
    // A number short enough to hold every digit is judged by its digits: too short for a code.
    const short = creditCode.read(41082192568, at('统一社会信用代码'));
    expect(short.problems.map((p) => p.kind)).toEqual(['invalid']);
    expect(short.problems[0]!.message).toContain('「41082192568」应为18位');
  });
});

describe('code', () => {
  const outfallCode = code({ required: true });
  const read = (v: string | number | null) => outfallCode.read(v, at('排污口编码'));

  it('reads text as typed, all digits included, and is formatted as text', () => {
    expect(read(' 410821-0004 ')).toEqual({ value: '410821-0004', problems: [] });
    expect(read('0391001')).toEqual({ value: '0391001', problems: [] });
    expect(outfallCode.textFormat).toBe(true);
    expect(text().textFormat).toBeUndefined();
    expect(read(null).problems).toEqual([{ kind: 'missing', message: '排污口编码不能为空，请填写' }]);
    expect(code().read(null, at('联系电话'))).toEqual({ value: undefined, problems: [] });
  });

  it('keeps a number that holds every digit, asking for the column as text', () => {
    expect(read(410821004)).toEqual({
      value: '410821004',
      problems: [
        {
          kind: 'number',
          severity: 'warning',
          message: "排污口编码这一格是数字 410821004：Excel 把全是数字的编码变成了数字，读作 410821004（编码若以 0 开头，0 已丢失）。请把这一列设为文本格式（或在前面加英文单引号 '）后重新输入 410821004",
        },
      ],
    });
    // Twelve digits and more show as Excel shows them, still read whole.
    const long = read(410821000000004);
    expect(long.value).toBe('410821000000004');
    expect(long.problems[0]!.message).toContain('这一格是数字 4.10821E+14：');
    expect(long.problems[0]!.message).toContain('读作 410821000000004');
  });

  it('refuses a number that lost digits, saying they must be typed again', () => {
    const r = read(4108210000000040000);
    expect(r.value).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ kind: 'number' });
    expect(r.problems[0]!.severity).toBeUndefined();
    expect(r.problems[0]!.message).toContain('这一格是数字 4.10821E+18：');
    expect(r.problems[0]!.message).toContain('后面的数字已丢失');
    expect(r.problems[0]!.message).toContain('重新输入完整的编码 410821000000004…');
  });
});
