import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultUnits, defineForm, defineRules, formSchema, text, type Layout } from '@tianbao/form';
import censusRoster from '@tianbao/template-census-roster';
import { writeWorkbook } from '@tianbao/xlsx';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../src/index.ts';
import { schemaFinding } from '../src/schema-finding.ts';

const dir = mkdtempSync(join(tmpdir(), 'tianbao-schema-'));

/** A list whose schema refines a column beyond what its cell reads: the cell takes any text, the schema a mobile number. */
const layout = {
  sheet: '联系人',
  title: '{unit}联系人名单',
  placeholder: 'XX县（市、区）',
  infoLine: false,
  orientation: 'portrait',
  dataKey: 'people',
  columns: [
    { key: 'no', header: '序号', width: 5, serial: true },
    { key: 'name', header: '姓名', width: 10, cell: text({ required: true }) },
    { key: 'phone', header: '联系电话', width: 14, cell: text({ required: true }) },
  ],
  notes: [],
} as const satisfies Layout;
const schema = formSchema(layout).superRefine((data, ctx) =>
  data.people.forEach((p, i) => /^1\d{10}$/.test(p.phone) || ctx.addIssue({ code: 'custom', path: ['people', i, 'phone'], message: '应为1开头的11位手机号' })),
);
const contacts = defineForm({
  id: 'contacts',
  name: '联系人名单',
  version: '1',
  source: '',
  rulePrefix: 'contacts',
  monthly: false,
  cityReports: true,
  schema,
  layout,
  rules: () => [],
  catalogue: defineRules({}),
  print: { orientation: 'portrait', limits: { rows: 10, chars: 1000 } },
  samples: () => [],
});

async function checked(def: typeof contacts | typeof censusRoster, data: Record<string, any>) {
  const file = join(dir, `${def.id}.xlsx`);
  writeFileSync(file, await writeWorkbook(def, data));
  return checkFile(file, { forms: [def], units: defaultUnits });
}

/** What a clerk reads: no English data key, no 0-based index, no zod wording. */
const ENGLISH = /[A-Za-z]{3,}|\d\.|\.\d/;

describe('a value the schema refuses', () => {
  it('is its column’s rule, at its cell, named by its header', async () => {
    const people = [
      { name: '靳莲', phone: '13912345678' },
      { name: '刘文忠', phone: '13812345678' },
      { name: '景国红', phone: '3568123' },
    ];
    const r = await checked(contacts, { unit: '修武县', people });
    expect(r.issues.map(({ rule, cell, message }) => ({ rule, cell, message }))).toEqual([
      { rule: 'contacts.phone.invalid', cell: 'C5', message: '联系电话应为1开头的11位手机号' },
    ]);
    expect(r.issues[0]!.message).not.toMatch(ENGLISH);
  });

  it('names its column or field once when the template’s message already begins with the name', () => {
    expect(schemaFinding(contacts, ['people', 0, 'phone'], ' 联系电话应为手机号', false).message).toBe('联系电话应为手机号');
    expect(schemaFinding(contacts, ['reportDate'], '填报日期不能早于7月', false).message).toBe('填报日期不能早于7月');
    expect(schemaFinding(contacts, ['people', 0, 'phone'], '应为手机号', false).message).toBe('联系电话应为手机号');
  });

  it('is the form’s table rule when it is about the list as a whole (a roster with nobody on it)', async () => {
    const r = await checked(censusRoster, { unit: '修武县', members: [], officeUnit: '县统计局', officeDirector: '谭建国' });
    const refused = r.issues.filter((i) => i.severity === 'error');
    expect(refused.map(({ rule, message }) => ({ rule, message }))).toEqual([{ rule: 'roster.table.invalid', message: '表格：名单中没有人员' }]);
  });
});
