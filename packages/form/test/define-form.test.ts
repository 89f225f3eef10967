import { describe, expect, it } from 'vitest';
import { defaultUnits, defineForm, entrySchemas, formRules, formSchema, text, type EntryRules, type Layout } from '../src/index.ts';
import { minimalForm } from './minimal-form.ts';

const layout: Pick<Layout, 'title' | 'placeholder' | 'orientation' | 'notes' | 'sheet' | 'infoLine'> = {
  title: '{unit}表',
  placeholder: 'XX县',
  orientation: 'portrait',
  notes: [],
  sheet: '表',
  infoLine: false,
};
/** A list, one row per entry. */
const listLayout: Layout = { ...layout, dataKey: 'entries', columns: [{ key: 'remark', header: '备注', width: 20, cell: text() }] };
/** One fixed row with one answer. */
const rowsLayout: Layout = {
  ...layout,
  dataKey: 'rows',
  columns: [
    { key: 'item', header: '项目', width: 10 },
    { key: 'remark', header: '备注', width: 20, cell: text() },
  ],
  rows: [{ key: 'first', label: '一', fixed: { item: '一' } }],
};
const list = { ...minimalForm, id: 'list', name: '清单', schema: formSchema(listLayout), layout: listLayout };
const zeroReport = { where: '本表', what: '事项', fill: '清单' };
const ctx = { units: defaultUnits, asOf: '2023-06-20' };
const rules = (def: { rules: unknown }, data: Record<string, unknown>, partial = false) =>
  (def.rules as (d: unknown, c: unknown) => { rule: string; message: string }[])(data, { ...ctx, partial });

describe('defineForm', () => {
  it('makes the samples on first use, once', () => {
    let made = 0;
    const form = defineForm({ ...list, samples: () => (made++, [{ unit: '某县', entries: [] }]) });
    expect(made).toBe(0);
    expect(form.samples).toHaveLength(1);
    expect(form.samples).toBe(form.samples);
    expect(made).toBe(1);
  });

  it('asks a list that lists nothing for a zero report, when the form switches it on', () => {
    const form = defineForm({ ...list, zeroReport });
    expect(rules(form, { unit: '某县', entries: [] })).toEqual([
      { severity: 'warning', rule: 't.zero-report', message: '本表未填报任何事项。如确无事项，请与报送单位核实并确认为零报告；否则请补填清单' },
    ]);
    expect(rules(form, { unit: '某县', entries: [{ remark: '有' }] })).toEqual([]);
    // Entries set aside for their own errors are not nothing.
    expect(rules(form, { unit: '某县', entries: [] }, true)).toEqual([]);
    expect(rules(defineForm(list), { unit: '某县', entries: [] })).toEqual([]);
  });

  it('takes a list judged entry by entry whose schema the template refines as a whole, and keeps the refinement', () => {
    const own: EntryRules<unknown> = { entry: () => [], across: () => ({ add() {}, end: () => [] }) };
    const schema = formSchema(listLayout).superRefine((d, c) => {
      if (d.unit === '某区') c.addIssue({ code: 'custom', message: '不收某区' });
    });
    const { whole } = entrySchemas(defineForm({ ...list, schema, rules: own }));
    expect(whole.safeParse({ unit: '某县', entries: [{ remark: 1 }] }).success).toBe(true);
    expect(whole.safeParse({ unit: '某区', entries: [] }).success).toBe(false);
  });

  it('asks a list judged entry by entry for it after the rules across entries', () => {
    const own: EntryRules<unknown> = { entry: () => [], across: () => ({ add() {}, end: () => [{ severity: 'error', rule: 't.own', message: '' }] }) };
    const form = defineForm({ ...list, rules: own, zeroReport });
    const across = form.rules.across();
    expect(across.end(ctx).map((f) => f.rule)).toEqual(['t.own', 't.zero-report']);
    const one = form.rules.across();
    one.add({ remark: '有' }, 0);
    expect(one.end(ctx).map((f) => f.rule)).toEqual(['t.own']);
  });

  it('asks a form of fixed rows for it when the form says it is empty, and needs it said', () => {
    const rowsForm = { ...minimalForm, id: 'rows', name: '固定行', schema: formSchema(rowsLayout), layout: rowsLayout };
    const form = defineForm({ ...rowsForm, zeroReport: { ...zeroReport, empty: (d: any) => !d.rows.first?.remark } });
    expect(rules(form, { unit: '某县', rows: {} }).map((f) => f.rule)).toEqual(['t.zero-report']);
    expect(rules(form, { unit: '某县', rows: { first: { remark: '有' } } })).toEqual([]);
    expect(() => defineForm({ ...rowsForm, zeroReport })).toThrow('a form of fixed rows says when it is empty');
  });

  it('lists the engine rules that apply to the form: by what the form is', () => {
    const engine = (def: Parameters<typeof formRules>[0]) => formRules(def).map((r) => r.id).filter((id) => !id.startsWith('t.remark.'));
    const every = ['t.title.missing', 't.unit.placeholder', 't.unit.unknown'];
    expect(engine(defineForm(list))).toEqual([...every, 't.table.invalid']);
    expect(engine(defineForm({ ...list, zeroReport }))).toEqual([...every, 't.table.invalid', 't.zero-report']);
    const rowsForm = defineForm({ ...minimalForm, id: 'rows', name: '固定行', schema: formSchema(rowsLayout), layout: rowsLayout });
    expect(engine(rowsForm)).toEqual([...every, 't.content.changed']);
  });
});
