import censusRoster from '@tianbao/template-census-roster';
import { describe, expect, it } from 'vitest';
import { found, submitEdited } from './clerk.ts';

// The city's roster as the gazette prints it: title in row 1, header in row 2,
// members in rows 3–14, an empty row, then 办公室设在 (row 16) and 办公室主任 (row 17).
const city = censusRoster.samples[0]!;
const submit = (typed: Record<string, string | null>, edit?: Parameters<typeof submitEdited>[3]) => submitEdited(censusRoster, city, typed, edit);

describe('census-roster, as clerks fill it', () => {
  it('accepts the gazette roster as it stands', async () => {
    const r = await submit({});
    expect(found(r)).toEqual([]);
    expect(r.data).toEqual(censusRoster.schema.parse(city));
  });

  it('reads a role written once for its group, and names typed with spaces', async () => {
    const r = await submit({ B5: null, B6: '', C5: '靳　莲', C8: '郭 利', B7: '成 员：' });
    expect(found(r)).toEqual([]);
    expect(r.data).toEqual(censusRoster.schema.parse(city));
  });

  it('wants a role on the first row, and only the three roles', async () => {
    expect(found(await submit({ B3: null }))).toEqual(['error roster.role.missing @B3']);
    expect(found(await submit({ B6: '顾问' }))).toEqual(['error roster.role.invalid @B6']);
  });

  it('wants exactly one 组长', async () => {
    expect(found(await submit({ B4: '组长' }))).toEqual(['error roster.leader.count @B4']);
    expect(found(await submit({ B3: '副组长' }))).toEqual(['error roster.leader.count @B3']);
  });

  it('wants at least one 副组长', async () => {
    expect(found(await submit({ B4: '成员', B5: '成员', B6: '成员' }))).toEqual(['error roster.deputy.missing @B3']);
  });

  it('asks to confirm a name that does not look like one', async () => {
    expect(found(await submit({ C4: '刘文忠（兼）' }))).toEqual(['warning roster.name.format @C4']);
    expect(found(await submit({ C4: '阿依古丽·买买提' }))).toEqual([]);
  });

  it('lists nobody twice, spaces ignored', async () => {
    expect(found(await submit({ C14: '刘 文忠' }))).toEqual(['error roster.name.duplicate @C14']);
  });

  it('wants the office director among the members', async () => {
    expect(found(await submit({ C17: '张三丰' }))).toEqual(['error roster.director.member @C17']);
  });

  it('asks to confirm an office outside the statistics bureau', async () => {
    expect(found(await submit({ C16: '市政府办公室' }))).toEqual(['warning roster.office.bureau @C16']);
  });

  it('asks for each member unit the notice names, short forms accepted', async () => {
    expect(found(await submit({ D13: '市审计局副局长' }))).toEqual(['warning roster.unit.missing @-']);
    expect(found(await submit({ D9: '市发改委副主任', D12: '市市场监管局副局长' }))).toEqual([]);
  });

  it('wants the office rows under the table', async () => {
    const r = await submit({ B16: null, C16: null, B17: null, C17: null });
    expect(found(r)).toEqual(['error table.field.missing @-', 'error table.field.missing @-']);
  });

  it('wants every post', async () => {
    expect(found(await submit({ D7: '  ' }))).toEqual(['error roster.post.missing @D7']);
  });
});
