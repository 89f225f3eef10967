import * as z from 'zod';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { FormHeader, code, defineForm, formSchema, personName, text, type CellType, type Layout } from '../src/index.ts';
import { minimalForm } from './minimal-form.ts';

/** A list of contacts, one row each, and who signs it under the list. */
const contacts = {
  sheet: '联系人',
  title: '{unit}联系人名单',
  placeholder: 'XX县',
  infoLine: false,
  orientation: 'portrait',
  dataKey: 'contacts',
  columns: [
    { key: 'no', header: '序号', width: 5, serial: true },
    { key: 'name', header: '姓名', width: 10, cell: personName },
    { key: 'phone', header: '联系电话', width: 14, cell: code({ required: true }) },
    { key: 'remark', header: '备注', width: 14, cell: text() },
  ],
  fields: { labelColumn: 'name', valueColumn: 'phone', items: [{ key: 'signer', label: '审核人', cell: personName }] },
  notes: [],
} as const satisfies Layout;

const contact = { name: '靳莲', phone: '03913566789' };

describe('formSchema', () => {
  it('makes the data schema of a list from its columns and fields, each as its cell type takes it', () => {
    const schema = formSchema(contacts);
    expect(Object.keys(schema.shape)).toEqual([...Object.keys(FormHeader.shape), 'contacts', 'signer']);
    expect(schema.parse({ unit: '某县', contacts: [{ ...contact, name: '靳 莲' }], signer: '李静' })).toEqual({
      unit: '某县',
      contacts: [contact],
      signer: '李静',
    });
    // What TypeScript infers from it, as from any zod schema (checked by tsc).
    type Contact = { name: string; phone: string; remark?: string | undefined };
    expectTypeOf<z.infer<typeof schema>>().toEqualTypeOf<{ unit: string; contacts: Contact[]; signer: string; period?: string | undefined; filler?: string | undefined; reportDate?: string | undefined }>();
    const refused = schema.safeParse({ unit: '某县', contacts: [{ name: '靳莲' }] });
    expect(refused.error?.issues.map((i) => i.path.join('.'))).toEqual(['contacts.0.phone', 'signer']);
  });

  it('takes a row of the template left out of the data as the row left blank', () => {
    const items: CellType<string[], z.ZodArray<z.ZodString>> = {
      schema: z.array(z.string()),
      read: (value) => ({ value: value === null ? [] : [String(value)], problems: [] }),
      write: (values) => values.join('\n'),
      problems: {},
    };
    const layout = {
      ...contacts,
      dataKey: 'rows',
      columns: [
        { key: 'item', header: '项目', width: 10 },
        { key: 'problems', header: '存在问题', width: 40, cell: items },
        { key: 'remark', header: '备注', width: 14, cell: text() },
      ],
      rows: [
        { key: 'first', label: '一', fixed: { item: '一' } },
        { key: 'second', label: '二', fixed: { item: '二' } },
      ],
      fields: undefined,
    } as const satisfies Layout;
    expect(formSchema(layout).parse({ unit: '某县', rows: { second: { problems: ['甲'], remark: '乙' } } }).rows).toEqual({
      first: { problems: [] },
      second: { problems: ['甲'], remark: '乙' },
    });
  });

  it('requires a person’s name, as the name cell does, and holds it without spaces', () => {
    expect(personName.schema.safeParse(undefined).success).toBe(false);
    expect(personName.schema.parse('靳　莲')).toBe('靳莲');
  });
});

describe('defineForm', () => {
  const form = (schema: z.ZodType) => () => defineForm({ ...minimalForm, id: 'contacts', name: '联系人名单', layout: contacts, schema: schema as typeof FormHeader });

  it('takes the schema made from the layout, narrowed as zod narrows it', () => {
    const made = formSchema(contacts);
    const narrowed = made.extend({ contacts: made.shape.contacts.min(1, '名单中没有人员') }).superRefine(() => {});
    expect(form(narrowed)).not.toThrow();
  });

  it('refuses a schema whose fields are not the columns of the layout, naming both keys', () => {
    const Contact = z.object({ name: z.string(), tel: z.string(), remark: z.string().optional() });
    expect(form(FormHeader.extend({ contacts: z.array(Contact), signer: z.string() }))).toThrow(
      `contacts: the schema and the layout disagree at contacts[]: the layout's column "phone" has no field in the schema; the schema's field "tel" is no column of the layout`,
    );
  });

  it('refuses a field a template adds that the layout lacks, in the table or beside it', () => {
    const made = formSchema(contacts);
    const entry = made.shape.contacts.element;
    expect(form(made.extend({ contacts: z.array(entry.extend({ tel: z.string() })) }))).toThrow(`the schema's field "tel" is no column of the layout`);
    expect(form(made.extend({ office: z.string() }))).toThrow(`contacts: the schema and the layout disagree at top level: the schema's field "office" is no field of the layout`);
    expect(form(made.omit({ signer: true }))).toThrow(`the layout's field "signer" has no field in the schema`);
    expect(form(made.extend({ contacts: entry }))).toThrow(`contacts: the schema's "contacts" is not a list, one entry a row`);
  });

  const entry = formSchema(contacts).shape.contacts.element;
  /** The form with the entry's field `key` as `field`. */
  const column = (key: string, field: z.ZodType) => form(formSchema(contacts).extend({ contacts: z.array(entry.extend({ [key]: field })) }));
  const DO = `refine the layout's field with .refine/.superRefine, or change the column's cell`;

  it('takes a column refined as zod refines, in a list rebuilt around it, and a whole-form refinement', () => {
    const mobile = entry.shape.phone.refine((p) => p.startsWith('1'), '应为手机号');
    expect(column('phone', mobile)).not.toThrow();
    expect(column('phone', mobile.superRefine(() => {}).describe('手机'))).not.toThrow();
    expect(column('phone', entry.shape.phone.length(11))).not.toThrow();
    expect(column('remark', entry.shape.remark.refine((r) => r !== '无'))).not.toThrow();
    const made = formSchema(contacts);
    expect(form(made.extend({ unit: made.shape.unit.refine((u) => u !== '某区'), signer: made.shape.signer.check(() => {}) }).superRefine(() => {}))).not.toThrow();
  });

  it('refuses a column whose field is not its cell’s, naming form, column and what to do', () => {
    expect(column('phone', z.number())).toThrow(`contacts: the schema's field contacts[].phone is not the layout's column "phone" (联系电话) as its cell takes it: ${DO}`);
    expect(column('phone', z.string().length(11))).toThrow(`the schema's field contacts[].phone is not the layout's column "phone"`);
    expect(column('name', z.string().trim().min(1))).toThrow(`the schema's field contacts[].name is not the layout's column "name" (姓名)`);
  });

  it('refuses a column made optional or required against its cell', () => {
    expect(column('name', entry.shape.name.optional())).toThrow(
      `contacts: the schema's field contacts[].name is not the layout's column "name" (姓名) as its cell takes it: it is optional, the cell requires it: ${DO}`,
    );
    expect(column('remark', entry.shape.remark.unwrap())).toThrow(`contacts[].remark is not the layout's column "remark" (备注) as its cell takes it: it is required, the cell leaves it optional`);
  });

  it('refuses a hand-written schema with the layout’s keys, a field beside the table, and a field every form has', () => {
    const Contact = z.object({ name: z.string(), phone: z.string(), remark: z.string().optional() });
    expect(form(FormHeader.extend({ contacts: z.array(Contact), signer: personName.schema }))).toThrow(`the schema's field contacts[].name is not the layout's column "name"`);
    const made = formSchema(contacts);
    expect(form(made.extend({ signer: z.string() }))).toThrow(`contacts: the schema's field signer is not the layout's field "signer" (审核人) as its cell takes it: ${DO}`);
    expect(form(made.extend({ unit: z.number() }))).toThrow(`contacts: the schema's field unit is not the field "unit" every form has (FormHeader): refine it with .refine/.superRefine`);
    expect(form(made.extend({ contacts: z.array(entry.nullable()) }))).toThrow(`contacts: the schema's "contacts[]" is not an object of the layout's columns`);
  });

  it('refuses a rewrite of the value (.overwrite) on a field, an entry or the whole form', () => {
    const made = formSchema(contacts);
    expect(column('phone', entry.shape.phone.overwrite((p) => p.slice(1)))).toThrow(`the schema's field contacts[].phone is not the layout's column "phone"`);
    expect(form(made.extend({ contacts: z.array(entry.overwrite((e) => e)) }))).toThrow(`the schema's "contacts[]" is not an object of the layout's columns`);
    expect(form(made.overwrite((d) => ({ ...d, contacts: [] })))).toThrow(`contacts: the schema is not the object formSchema(layout) makes, refined`);
  });

  it('refuses the whole form or an entry wrapped, rewritten or opened to other keys', () => {
    const made = formSchema(contacts);
    for (const whole of [made.transform((d) => ({ ...d, contacts: [] })), made.optional(), made.nullable(), made.default({ unit: '某县', contacts: [], signer: '李静' }), made.loose(), made.catchall(z.string())])
      expect(form(whole)).toThrow(`contacts: the schema is not the object formSchema(layout) makes, refined`);
    for (const e of [entry.transform((x) => x), entry.optional(), entry.loose(), entry.catchall(z.string())])
      expect(form(made.extend({ contacts: z.array(e) }))).toThrow(`the schema's "contacts[]" is not an object of the layout's columns`);
    expect(form(made.extend({ contacts: made.shape.contacts.transform((x) => x) }))).toThrow(`the schema's "contacts" is not a list, one entry a row`);
    expect(form(made.superRefine(() => {}).refine(() => true).check(() => {}))).not.toThrow();
  });

  it('refuses a schema that leaves out a field every form has', () => {
    const made = formSchema(contacts);
    expect(form(made.omit({ reportDate: true }))).toThrow(`contacts: the schema has no field "reportDate" every form has (FormHeader)`);
    expect(form(made.omit({ unit: true }))).toThrow(`contacts: the schema has no field "unit" every form has (FormHeader)`);
  });

  it('refuses a column of a fixed row whose field is not its cell’s', () => {
    const layout = {
      ...contacts,
      dataKey: 'rows',
      columns: [
        { key: 'item', header: '项目', width: 10 },
        { key: 'remark', header: '备注', width: 14, cell: text() },
      ],
      rows: [{ key: 'first', label: '一', fixed: { item: '一' } }],
      fields: undefined,
    } as const satisfies Layout;
    const made = formSchema(layout);
    const row = made.shape.rows.shape.first;
    const rows = (remark: z.ZodType) => () =>
      defineForm({ ...minimalForm, id: 'rows', name: '固定行', layout, schema: made.extend({ rows: z.object({ first: row.unwrap().extend({ remark }).prefault(() => ({ remark: undefined })) }) }) as typeof FormHeader });
    expect(rows(row.unwrap().shape.remark.refine((r) => r !== '无'))).not.toThrow();
    expect(rows(z.string().optional())).toThrow(`rows: the schema's field rows.first.remark is not the layout's column "remark" (备注) as its cell takes it: ${DO}`);
  });
});
