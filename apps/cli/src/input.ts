import { isUtf8 } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { MAX_CELL_CHARS, Refusal, findReporter, placeName, printable, reporterNames, unwritableCells, type FormDefinition, type UnitList, type UnwritableCell } from '@tianbao/form';
import { unknownFields } from './data-fields.ts';
import { systemText } from './failure.ts';
import { around } from './unprintable.ts';
import { UsageError } from './usage-error.ts';

/** `$[1].rows.acceptance.deadlines[0]`, as a person looks a place up in JSON. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return '$' + path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
}

/**
 * A place in one item of a data file, for a message: after the item's own
 * place (`ledger.json $[1]`), the path in it and what the form calls it there
 * (`ledger.json $[1].rows.acceptance.deadlines[0]（案件受理方面的完成时限）`).
 */
export function placeText(def: FormDefinition<any>, item: string, path: readonly PropertyKey[]): string {
  const name = placeName(def, path);
  return `${item}${jsonPath(path).slice(1)}${name ? `（${name}）` : ''}`;
}

/**
 * Read `--data`: one form's data or a list of them, each with its JSON path
 * (`$[1]`, or `$` for one form). Every problem is listed with its JSON path
 * and what the form calls that place: what the schema refuses, a field the
 * form does not have, a unit not in the list, a cell longer than Excel keeps.
 * The data comes back only when there is none. A data file that is not there
 * (or not a file) is a usage error.
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
    if (!(e instanceof SyntaxError || e instanceof Refusal)) throw e;
    const why = e instanceof Refusal ? e.message : '不是有效的 JSON，请检查括号、引号和逗号';
    return { data: [], at: [], problems: [`${file}：无法读取数据（${why}）`] };
  }
  const list = Array.isArray(raw) ? raw : [raw];
  const prefix = (i: number) => (Array.isArray(raw) ? [i] : []);
  const data: Record<string, any>[] = [];
  const at: string[] = [];
  const problems: string[] = [];
  const place = (i: number, path: readonly PropertyKey[]) => placeText(def, `${file} ${jsonPath(prefix(i))}`, path);
  list.forEach((item, i) => {
    const before = problems.length;
    for (const { path, known } of unknownFields(def.schema, item))
      problems.push(`${place(i, path)}：${def.name}的数据没有这一项，请检查拼写；此处可有：${known.join('、')}`);
    const parsed = def.schema.safeParse(item);
    if (!parsed.success) {
      // One message a place: a date that is no date is first not written as one, and says so once.
      const said = new Set<string>();
      for (const z of parsed.error.issues) {
        const where = place(i, z.path);
        if (said.has(where)) continue;
        said.add(where);
        problems.push(`${where}：${z.message}${receivedText(valueAt(item, z.path))}`);
      }
    }
    if (!parsed.success || problems.length > before) return;
    const value = parsed.data as Record<string, any>;
    const unit = findReporter(units, value.unit, def.cityReports);
    if (!unit) problems.push(`${place(i, ['unit'])}：单位「${value.unit}」不在${units.city.name}的报送单位名单中：${reporterNames(units, def.cityReports)}`);
    else {
      const item = { ...value, unit: unit.name };
      for (const cell of unwritableCells(def, item)) for (const why of unwritableTexts(cell)) problems.push(`${file} ${jsonPath([...prefix(i), ...cell.path])}：${why}`);
      data.push(item);
      at.push(jsonPath(prefix(i)));
    }
  });
  return problems.length ? { data: [], at: [], problems } : { data, at, problems };
}

/** Why a cell cannot hold what the data gives it, and what to do: a line each reason. */
function unwritableTexts({ header, chars, character }: UnwritableCell): string[] {
  return [
    ...(chars === undefined ? [] : [`${header}写入单元格后有 ${chars} 个字符，超过 Excel 单元格的上限 ${MAX_CELL_CHARS} 个字符；请精简，或把说明另附材料`]),
    ...(character
      ? [`${header}中有工作簿存不下的字符 ${character.code}（看不见的控制字符，或残缺的字），写入会丢失它或损坏文件；请从数据中删去，在「${around(character.text, character.char)}」中`]
      : []),
  ];
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** `，收到「尽快」`: what the data holds where it is refused, on one line; nothing when it holds nothing. */
function receivedText(value: unknown): string {
  if (typeof value === 'string') return value.trim() ? `，收到「${printable(value.length > 40 ? `${value.slice(0, 40)}…` : value)}」` : '';
  if (typeof value === 'number' || typeof value === 'boolean') return `，收到 ${value}`;
  if (Array.isArray(value)) return value.length ? '，收到列表 […]' : '';
  return value && typeof value === 'object' ? '，收到对象 {…}' : '';
}

/** A data file of at most this many bytes is read: far more than a city's data, far less than a process can hold. */
const MAX_DATA_BYTES = 64 * 1024 * 1024;

/**
 * The text of a data file: only a regular file (never a FIFO or a device, which could block or never end),
 * of bounded size. One that is not there, or is no file, is a usage error naming it.
 */
function readDataFile(file: string): string {
  const notRead = (why: string) => new UsageError(`--data 所给的数据文件${why}`);
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw notRead(`「${file}」是文件夹，请给出 JSON 文件`);
    if (!stat.isFile()) throw notRead(`「${file}」不是普通文件（如管道或设备），未读取`);
    if (stat.size > MAX_DATA_BYTES) throw new Refusal('input.too-large', `文件有 ${Math.round(stat.size / 1048576)} MB，超过 ${MAX_DATA_BYTES / 1048576} MB 的上限，请按单位拆分`);
    const bytes = readFileSync(file);
    // Saved by Notepad as UTF-8, it starts with a byte order mark, which JSON does not allow; saved as ANSI (GBK), it is no UTF-8.
    if (!isUtf8(bytes)) {
      // Notepad's “Unicode” is UTF-16, its byte order mark first.
      const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
      throw new Refusal('input.not-utf8', `文件不是 UTF-8 编码（${utf16 ? '是 UTF-16，即记事本的“Unicode”' : '可能是 GBK/ANSI'}），请用记事本等“另存为”UTF-8 编码后再试`);
    }
    return bytes.toString('utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    const system = systemText(e, file);
    throw system ? notRead(system) : e;
  }
}
