// A template's refinement of the whole form (`.superRefine`), and what it refuses: each at its cell, under its own rule.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultUnits, defineForm, defineRules, formSchema, text, type EntryRules, type FormDefinition, type Layout } from '@tianbao/form';
import { writeWorkbook } from '@tianbao/xlsx';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'tianbao-refine-'));

const layout = {
  sheet: '值班',
  title: '{unit}值班表',
  placeholder: 'XX县（市、区）',
  infoLine: true,
  orientation: 'portrait',
  dataKey: 'duties',
  columns: [
    { key: 'no', header: '序号', width: 5, serial: true },
    { key: 'leader', header: '带班领导', width: 10, cell: text({ required: true }) },
    { key: 'phone', header: '值班电话', width: 14, cell: text({ required: true }) },
    { key: 'remark', header: '备注', width: 14, cell: text() },
  ],
  notes: [],
} as const satisfies Layout;
const base = formSchema(layout);
type Duty = { leader: string; phone: string; remark?: string };

/** A list judged entry by entry (as the outfall checklist is), or whole (as the roster is). */
const JUDGES = { 'entry by entry': { entry: () => [], across: () => ({ add() {}, end: () => [] }) } satisfies EntryRules<Duty>, whole: () => [] };

function duty(schema: typeof base, judge: keyof typeof JUDGES): FormDefinition<any> {
  return defineForm<any, any>({
    id: 'duty',
    name: '值班表',
    version: '1',
    source: '',
    rulePrefix: 'duty',
    monthly: false,
    cityReports: true,
    schema,
    layout,
    rules: JUDGES[judge],
    catalogue: defineRules({}),
    print: { orientation: 'portrait', limits: { rows: 10, chars: 1000 } },
    samples: () => [],
  });
}

const duties: Duty[] = [
  { leader: '张志强', phone: '13912345678' },
  { leader: '刘文忠', phone: '13812345678' },
];
const filled = { unit: '修武县', filler: '修武县应急管理局', reportDate: '2023-07-01', duties };

async function checked(def: FormDefinition<any>, data: Record<string, any>) {
  const file = join(dir, `${def.id}-${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(file, await writeWorkbook(def, data));
  return checkFile(file, { forms: [def], units: defaultUnits });
}
const found = (r: Awaited<ReturnType<typeof checkFile>>) => r.issues.map(({ rule, cell, message }) => ({ rule, cell, message }));

describe.each(Object.keys(JUDGES) as (keyof typeof JUDGES)[])('a list judged %s', (judge) => {
  const hasLeader = (ds: readonly Duty[]) => ds.some((x) => x.leader === '张志强');
  /** The same refinement, of the whole form and of its list. */
  const WITH_LEADER = {
    'the whole form': base.superRefine((d, ctx) => {
      if (!hasLeader(d.duties)) ctx.addIssue({ code: 'custom', message: '须有张志强带班', path: ['duties'] });
    }),
    'its list': base.extend({ duties: base.shape.duties.refine(hasLeader, '须有张志强带班') }),
  };

  it.each(Object.entries(WITH_LEADER))('gives a refinement of %s its entries as read', async (_, withLeader) => {
    const r = await checked(duty(withLeader, judge), filled);
    expect(found(r)).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.data).toMatchObject({ duties });
    const without = await checked(duty(withLeader, judge), { ...filled, duties: duties.slice(1) });
    expect(found(without)).toEqual([{ rule: 'duty.table.invalid', cell: null, message: '表格：须有张志强带班' }]);
  });

  it.each(Object.entries(WITH_LEADER))('does not run a refinement of %s on a list with an entry set aside (it would judge an incomplete list)', async (_, withLeader) => {
    const r = await checked(duty(withLeader, judge), { ...filled, duties: [{ leader: '刘文忠', phone: '' }] });
    expect(found(r).map((i) => `${i.rule}@${i.cell}`)).toEqual(['duty.phone.missing@C4']);
  });

  it('reports what it refuses in an entry at that entry’s cell, under the column’s rule', async () => {
    const schema = base.superRefine((_d, ctx) => ctx.addIssue({ code: 'custom', message: '自定义错误', path: ['duties', 1, 'phone'] }));
    const r = await checked(duty(schema, judge), filled);
    expect(found(r)).toEqual([{ rule: 'duty.phone.invalid', cell: 'C5', message: '值班电话自定义错误' }]);
  });

  it('reports a cell it requires, left empty, as missing', async () => {
    const schema = base.superRefine((d, ctx) =>
      d.duties.forEach((x, i) => x.remark || ctx.addIssue({ code: 'custom', message: '应写明值班地点', path: ['duties', i, 'remark'] })),
    );
    const r = await checked(duty(schema, judge), { ...filled, duties: [{ ...duties[0], remark: '应急局' }, duties[1]] });
    expect(found(r)).toEqual([{ rule: 'duty.remark.missing', cell: 'D5', message: '备注应写明值班地点' }]);
  });

  it('reports the unit it refuses at the title', async () => {
    const schema = base.extend({ unit: base.shape.unit.refine((u) => u !== '武陟县', '不报此表') });
    const r = await checked(duty(schema, judge), { ...filled, unit: '武陟县' });
    expect(found(r)).toEqual([{ rule: 'duty.unit.unknown', cell: 'A1', message: '单位不报此表' }]);
    expect(r.valid).toBe(false);
  });

  // One error a cell: the two share the info line, and are refused one at a time.
  it.each([
    ['filler', '应为应急管理局', { rule: 'filler.invalid', cell: 'A2', message: '填报单位应为应急管理局' }],
    ['reportDate', '不能早于7月', { rule: 'report-date.invalid', cell: 'A2', message: '填报日期不能早于7月' }],
  ])('reports the %s it refuses at the info line, under its own rule', async (key, message, issue) => {
    const schema = base.superRefine((_d, ctx) => ctx.addIssue({ code: 'custom', message, path: [key] }));
    expect(found(await checked(duty(schema, judge), filled))).toEqual([issue]);
  });
});

describe('a schema requiring a cell its layout leaves optional (no longer loaded by defineForm)', () => {
  it('reports the cell left empty as missing', async () => {
    const form = duty(base, 'whole');
    const r = await checked({ ...form, schema: base.extend({ duties: base.shape.duties.element.extend({ remark: text({ required: true }).schema }).array() }) }, filled);
    expect(found(r).map((i) => `${i.rule}@${i.cell}`)).toEqual(['duty.remark.missing@D4', 'duty.remark.missing@D5']);
  });
});
