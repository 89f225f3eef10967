import { readFileSync } from 'node:fs';
import { findReporter, reporterNames, type FormDefinition, type UnitList } from '@tianbao/form';

/** `$[1].rows.acceptance.deadlines[0]`, as a person looks a place up in JSON. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return '$' + path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
}

/**
 * Read `--data`: one form's data or a list of them. Every problem is listed
 * with its JSON path; the data comes back only when there is none.
 */
export function readInput(file: string, def: FormDefinition<any>, units: UnitList): { data: Record<string, any>[]; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { data: [], problems: [`${file}：无法读取 JSON（${(e as Error).message}）`] };
  }
  const list = Array.isArray(raw) ? raw : [raw];
  const prefix = (i: number) => (Array.isArray(raw) ? [i] : []);
  const data: Record<string, any>[] = [];
  const problems: string[] = [];
  list.forEach((item, i) => {
    const parsed = def.schema.safeParse(item);
    if (!parsed.success) {
      for (const z of parsed.error.issues) problems.push(`${file} ${jsonPath([...prefix(i), ...z.path])}：${z.message}`);
      return;
    }
    const value = parsed.data as Record<string, any>;
    const unit = findReporter(units, value.unit, def.cityReports);
    if (!unit) problems.push(`${file} ${jsonPath([...prefix(i), 'unit'])}：单位「${value.unit}」不在${units.city.name}的报送单位名单中：${reporterNames(units, def.cityReports)}`);
    else data.push({ ...value, unit: unit.name });
  });
  return { data: problems.length ? [] : data, problems };
}
