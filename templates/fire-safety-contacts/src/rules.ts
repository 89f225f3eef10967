import { defineRules, printedName, textKey, type EntryRules, type Finding, type Size } from '@tianbao/form';
import type { Contact } from './schema.ts';
import { CATEGORIES, required, size, type Category } from './staffing.ts';

/** The report's own rules (its cells' and every form's come from its layout). */
export const catalogue = defineRules({
  'fire.category.missing': { severity: 'error', title: '单位没有填写单位类别', fix: '在该单位的第一行从下拉列表选择单位类别' },
  'fire.size.missing': { severity: 'error', title: '单位没有填写规模', fix: '按单位类别填写总建筑面积、医院等级、师生人数、服务对象人数或职工人数' },
  'fire.size.kind': { severity: 'error', title: '规模与单位类别不符（如学校填了医院等级）', fix: '按单位类别填写规模' },
  'fire.size.range': { severity: 'warning', title: '规模超出该类单位的常见范围', fix: '核实是否多写或少写了位数，核实无误可在备注中说明' },
  'fire.org.inconsistent': { severity: 'error', title: '同一单位的各行填写的统一社会信用代码、单位类别或规模不一致', fix: '改为一致，或在下面各行留空' },
  'fire.persons.too-few': { severity: 'error', title: '报备的明白人少于第七条按规模要求的人数', fix: '补报明白人' },
  'fire.person.duplicate': { severity: 'error', title: '同一单位的同一人（姓名和联系电话相同）报备了两次', fix: '删去重复的一行' },
});
const { error, warning } = catalogue;

const HEADERS = { credit: '统一社会信用代码', category: '单位类别', size: '规模' } as const;
type OrgKey = keyof typeof HEADERS;

/** An organisation's rows: the first gives its 统一社会信用代码, 单位类别 and 规模; a row under it may repeat them or leave them empty. */
interface Org {
  name: string;
  first: number;
  people: number;
  /** Each value with the entry it was first given in. */
  given: Partial<Record<OrgKey, { value: string | Size; at: number }>>;
  /** Name and phone of each person, with their entry. */
  persons: Map<string, number>;
}

const shown = (v: string | Size) => (typeof v === 'number' ? String(v) : `「${v}」`);

/**
 * 焦政办〔2023〕18号 第七条, organisation by organisation: rows of one
 * organisation (the same 单位名称, however spaced) are gathered as the sheet
 * is read, and judged at the end by its category and size.
 */
export const rules: EntryRules<Contact> = {
  entry: () => [],
  across() {
    const orgs = new Map<string, Org>();
    const out: Finding[] = [];
    return {
      add(p, i) {
        const key = textKey(p.org);
        let org = orgs.get(key);
        if (!org) orgs.set(key, (org = { name: p.org, first: i, people: 0, given: {}, persons: new Map() }));
        org.people++;
        for (const k of Object.keys(HEADERS) as OrgKey[]) {
          const value = p[k];
          if (value === undefined) continue;
          const had = org.given[k];
          if (!had) org.given[k] = { value, at: i };
          else if (had.value !== value)
            out.push(
              error(
                'fire.org.inconsistent',
                `${org.name}的${HEADERS[k]}前面填为${shown(had.value)}，此处又填为${shown(value)}。同一单位应填写一致，或在下面各行留空`,
                [i, k],
              ),
            );
        }
        const person = `${p.name}\n${p.phone}`;
        const before = org.persons.get(person);
        if (before === undefined) org.persons.set(person, i);
        else
          out.push(
            error('fire.person.duplicate', `${org.name}的${printedName(p.name)}（联系电话 ${p.phone}）报备了两次，每人只报一次，请删去重复的一行`, [i, 'name']),
          );
      },
      end(ctx) {
        for (const org of orgs.values()) out.push(...orgRules(org, !ctx.partial));
        return out;
      },
    };
  },
};

/**
 * An organisation's category and size, and whether it named as many persons
 * as they ask for. What it lacks is judged only on a whole list: the row set
 * aside for an error may be the one that gives its category, or a person.
 */
function orgRules(org: Org, whole: boolean): Finding[] {
  const category = org.given.category?.value as Category | undefined;
  if (!category)
    return whole ? [error('fire.category.missing', `${org.name}没有填写单位类别，请在该单位的第一行从下拉列表选择：${CATEGORIES.join('、')}`, [org.first, 'category'])] : [];
  const given = org.given.size;
  if (!given) return whole ? [error('fire.size.missing', `${org.name}是${category}，没有填写规模，请填写${size.describe(category)}`, [org.first, 'size'])] : [];
  const problem = size.judge(category, given.value, '规模');
  if (problem?.kind === 'kind') return [error('fire.size.kind', `${org.name}：${problem.message}`, [given.at, 'size'])];
  const out = problem ? [warning('fire.size.range', `${org.name}：${problem.message}`, [given.at, 'size'])] : [];
  const need = required(category, given.value);
  if (whole && org.people < need.count)
    out.push(
      error(
        'fire.persons.too-few',
        `${org.name}只报备了${org.people}名消防安全明白人。按焦政办〔2023〕18号第七条，${need.because}应至少配备${need.count}名，请补报${need.count - org.people}名`,
        [org.first, 'org'],
      ),
    );
  return out;
}
