import { readFileSync, statSync } from 'node:fs';
import { MAX_CELL_CHARS, Refusal, findReporter, overlongCells, reporterNames, type FormDefinition, type UnitList } from '@tianbao/form';
import { failureText } from './failure.ts';

/** `$[1].rows.acceptance.deadlines[0]`, as a person looks a place up in JSON. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return '$' + path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
}

/**
 * Read `--data`: one form's data or a list of them, each with its JSON path
 * (`$[1]`, or `$` for one form). Every problem is listed with its JSON path:
 * what the schema refuses, a unit not in the list, a cell longer than Excel
 * keeps. The data comes back only when there is none.
 */
export function readInput(
  file: string,
  def: FormDefinition<any>,
  units: UnitList,
): { data: Record<string, any>[]; at: string[]; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(readDataFile(file));
  } catch (e) {
    const why = e instanceof SyntaxError ? '不是有效的 JSON，请检查括号、引号和逗号' : failureText(e, file);
    return { data: [], at: [], problems: [`${file}：无法读取数据（${why}）`] };
  }
  const list = Array.isArray(raw) ? raw : [raw];
  const prefix = (i: number) => (Array.isArray(raw) ? [i] : []);
  const data: Record<string, any>[] = [];
  const at: string[] = [];
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
    else {
      const item = { ...value, unit: unit.name };
      for (const cell of overlongCells(def, item))
        problems.push(
          `${file} ${jsonPath([...prefix(i), ...cell.path])}：${cell.header}写入单元格后有 ${cell.chars} 个字符，超过 Excel 单元格的上限 ${MAX_CELL_CHARS} 个字符；请精简，或把说明另附材料`,
        );
      data.push(item);
      at.push(jsonPath(prefix(i)));
    }
  });
  return problems.length ? { data: [], at: [], problems } : { data, at, problems };
}

/** A data file of at most this many bytes is read: far more than a city's data, far less than a process can hold. */
const MAX_DATA_BYTES = 64 * 1024 * 1024;

/** The text of a data file: only a regular file (never a FIFO or a device, which could block or never end), of bounded size. */
function readDataFile(file: string): string {
  const stat = statSync(file);
  if (stat.isDirectory()) throw new Refusal('input.not-file', '这是文件夹，不是文件');
  if (!stat.isFile()) throw new Refusal('input.not-file', '不是普通文件（如管道或设备），未读取');
  if (stat.size > MAX_DATA_BYTES) throw new Refusal('input.too-large', `文件有 ${Math.round(stat.size / 1048576)} MB，超过 ${MAX_DATA_BYTES / 1048576} MB 的上限，请按单位拆分`);
  return readFileSync(file, 'utf8');
}
