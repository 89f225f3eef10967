import { defaultUnits } from '@tianbao/form';
import { describe, expect, it } from 'vitest';
import { fireSafetyContacts, required, type Contact } from '../src/index.ts';

const ctx = { units: defaultUnits, asOf: '2023-06-20' };
const person = (name: string, phone: string, more: Partial<Contact> = {}): Contact => ({ org: '修武县第一高级中学', name, post: '安全员', phone, date: '2023-06-15', ...more });

/** `severity rule @index.key` for each finding across `people`. */
function judge(people: Contact[], partial = false) {
  const across = fireSafetyContacts.rules.across();
  people.forEach((p, i) => across.add(p, i));
  return across.end({ ...ctx, partial }).map((f) => `${f.severity} ${f.rule} @${f.path?.join('.') ?? '-'}`);
}

describe('第七条: how many persons an organisation names', () => {
  it.each([
    ['公众聚集场所', 3000, 1],
    ['公众聚集场所', 3001, 2],
    ['公众聚集场所', 5001, 3],
    ['公众聚集场所', 10001, 4],
    ['学校', 1000, 1],
    ['学校', 1001, 2],
    ['学校', 12000, 4],
    ['养老院', 100, 1],
    ['福利院', 301, 3],
    ['日间照料中心', 501, 4],
    ['劳动密集型企业', 501, 2],
    ['劳动密集型企业', 5001, 4],
    ['医院', '一级甲等', 2],
    ['医院', '二级甲等', 3],
    ['医院', '三级甲等', 4],
    ['医院', '二级乙等', 1],
  ] as const)('%s of %s: %i', (category, size, count) => {
    expect(required(category, size).count).toBe(count);
  });
});

describe('fire-safety-contacts rules across rows', () => {
  const school = { credit: '12410821MA0000001X', category: '学校', size: 3260 } as const;

  it('counts the persons of an organisation against its size', () => {
    expect(judge([person('王建国', '13912345678', school), person('李海燕', '0391-7100001')])).toEqual([]);
    const one = [person('王建国', '13912345678', school)];
    expect(judge(one)).toEqual(['error fire.persons.too-few @0.org']);
    const across = fireSafetyContacts.rules.across();
    across.add(one[0]!, 0);
    expect(across.end(ctx)[0]!.message).toBe(
      '修武县第一高级中学只报备了1名消防安全明白人。按焦政办〔2023〕18号第七条，师生人数超过1000人的学校应至少配备2名，请补报1名',
    );
    // Rows set aside for their own errors may be this organisation's: not counted short.
    expect(judge(one, true)).toEqual([]);
  });

  it('gathers an organisation by its name however spaced, wherever its rows stand', () => {
    const other = person('张志强', '13800000000', { org: '修武县社会福利院', category: '福利院', size: 86 });
    expect(judge([person('王建国', '13912345678', school), other, person('李海燕', '13712345678', { org: '修武县第一 高级中学' })])).toEqual([]);
  });

  it('wants a category and a size of the right kind for each organisation', () => {
    expect(judge([person('王建国', '13912345678')])).toEqual(['error fire.category.missing @0.category']);
    expect(judge([person('王建国', '13912345678', { category: '学校' })])).toEqual(['error fire.size.missing @0.size']);
    expect(judge([person('王建国', '13912345678', { category: '学校', size: '三级甲等' })])).toEqual(['error fire.size.kind @0.size']);
    expect(judge([person('王建国', '13912345678', { category: '医院', size: 300 })])).toEqual(['error fire.size.kind @0.size']);
    // The row set aside for its own error may be the one that gives them.
    expect(judge([person('王建国', '13912345678')], true)).toEqual([]);
    expect(judge([person('王建国', '13912345678', { category: '学校' })], true)).toEqual([]);
    // Given on a later row of the organisation, they count there.
    expect(judge([person('王建国', '13912345678'), person('李海燕', '0391-7100001', school)])).toEqual([]);
  });

  it('asks to confirm an implausible size', () => {
    expect(judge([person('王建国', '13912345678', { category: '养老院', size: 50000 })])).toEqual(['warning fire.size.range @0.size', 'error fire.persons.too-few @0.org']);
  });

  it('wants the rows of one organisation to agree', () => {
    expect(judge([person('王建国', '13912345678', school), person('李海燕', '0391-7100001', { ...school, size: 980 })])).toEqual([
      'error fire.org.inconsistent @1.size',
    ]);
    expect(judge([person('王建国', '13912345678', school), person('李海燕', '0391-7100001', { category: '学校', size: 3260 })])).toEqual([]);
  });

  it('lists a person once an organisation', () => {
    expect(judge([person('王建国', '13912345678', school), person('王建国', '13912345678')])).toEqual(['error fire.person.duplicate @1.name']);
    // The same name with another phone is another person; the same person may serve two organisations.
    expect(judge([person('王建国', '13912345678', school), person('王建国', '13912345679')])).toEqual([]);
  });

  it('asks to confirm a report with nobody as a zero report', () => {
    expect(judge([])).toEqual(['warning fire.zero-report @-']);
    expect(judge([], true)).toEqual([]);
  });

  it('finds nothing wrong with its samples', () => {
    for (const s of fireSafetyContacts.samples) expect(judge(fireSafetyContacts.schema.parse(s).people)).toEqual([]);
  });
});
