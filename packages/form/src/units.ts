import { readFileSync } from 'node:fs';
import * as z from 'zod';
import jiaozuo from '../data/jiaozuo-units.json' with { type: 'json' };
import { Refusal } from './refusal.ts';
import { textKey } from './text.ts';

/** A reporting unit (县（市、区）) with its division code. */
export const Unit = z.object({
  name: z.string().min(1),
  code: z.string().regex(/^\d{6}$/, '区划代码应为6位数字'),
  aliases: z.array(z.string()).default([]),
});
export type Unit = z.infer<typeof Unit>;

/** A city and the units that report to it. Data, so another city can bring its own. */
export const UnitList = z.object({
  city: Unit.omit({ aliases: true }),
  units: z.array(Unit).min(1),
});
export type UnitList = z.infer<typeof UnitList>;

/** The default list, when neither `--units` nor tianbao.config.json names one: Jiaozuo's, the gazette's city. */
export const defaultUnits: UnitList = UnitList.parse(jiaozuo);

/** Read a unit list from a JSON file; a file that cannot be read or is malformed is a `Refusal` (`units.invalid`) saying why. */
export function loadUnits(file: string): UnitList {
  const refuse = (why: string) => new Refusal('units.invalid', `单位名单 ${file} ${why}，请检查 --units 或 tianbao.config.json 所指的文件`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw refuse((e as NodeJS.ErrnoException).code === 'ENOENT' ? '不存在' : '无法读取');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw refuse('不是有效的 JSON');
  }
  const parsed = UnitList.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw refuse(`格式不对：${first?.path.join('.') ?? ''} ${first?.message ?? ''}`);
  }
  return parsed.data;
}

/** Each list's units by the keys of their names and aliases, the first unit a key stands for; made on first use. */
const byKey = new WeakMap<readonly Unit[], Map<string, Unit>>();

/** The unit a name stands for, by its name or an alias, spaces and width ignored. */
export function findUnit(list: UnitList, name: string): Unit | undefined {
  // A list's rows name a unit each: looked up, not searched for (the first unit whose name or an alias matches).
  let units = byKey.get(list.units);
  if (!units) {
    units = new Map();
    for (const u of list.units) for (const n of [u.name, ...u.aliases]) if (!units.has(textKey(n))) units.set(textKey(n), u);
    byKey.set(list.units, units);
  }
  return units.get(textKey(name));
}

/** Who may report a form: a unit, or also the city itself when the form allows it. */
export function findReporter(list: UnitList, name: string, cityReports: boolean): { name: string; code: string } | undefined {
  if (cityReports && textKey(name) === textKey(list.city.name)) return list.city;
  return findUnit(list, name);
}

/** The names that may stand in a title, for messages: the units, and the city first when it reports too. */
export function reporterNames(list: UnitList, cityReports: boolean): string {
  return [...(cityReports ? [list.city] : []), ...list.units].map((u) => u.name).join('、');
}
