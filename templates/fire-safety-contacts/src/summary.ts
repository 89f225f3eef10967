import { textKey, type Table } from '@tianbao/form';
import type { Contact, FireSafetyContacts } from './schema.ts';
import { required, type Category } from './staffing.ts';

export const SUMMARY_TITLE = '各单位消防安全明白人配备情况';

export const COLUMNS: Table['columns'] = [
  { header: '单位名称', width: 30 },
  { header: '单位类别', width: 14 },
  { header: '规模', width: 12 },
  { header: '应至少配备', width: 11 },
  { header: '已报备', width: 9 },
];

/**
 * Per organisation, in the report's order: what 第七条 asks of it and how many
 * it named, those short of it marked. An organisation whose category or size
 * is missing shows them empty and is not judged (the check says why).
 */
export function staffingTable(data: FireSafetyContacts): Table {
  // One organisation however its name is spaced or its width typed, as the rules count it; shown as first written.
  const orgs = new Map<string, { name: string; people: Contact[] }>();
  for (const p of data.people) {
    const key = textKey(p.org);
    const org = orgs.get(key);
    if (org) org.people.push(p);
    else orgs.set(key, { name: p.org, people: [p] });
  }
  const marks: Table['marks'] = [];
  const rows = [...orgs.values()].map(({ name, people }, r) => {
    const category = people.find((p) => p.category)?.category as Category | undefined;
    const size = people.find((p) => p.size !== undefined)?.size;
    const need = category && size !== undefined ? required(category, size).count : null;
    if (need !== null && people.length < need) marks.push({ row: r, column: 4, severity: 'error' });
    return [name, category ?? null, size ?? null, need, people.length];
  });
  return { columns: COLUMNS, rows, marks };
}
