import { basename } from 'node:path';
import {
  error,
  findUnit,
  inputColumns,
  isoOf,
  periodFromFileName,
  periodFromText,
  readDate,
  textKey,
  warning,
  type DataPath,
  type Finding,
  type FormDefinition,
  type Issue,
  type UnitList,
} from '@tianbao/form';
import { locateForm, readWorkbook, type Located, type LoadedWorkbook } from '@tianbao/xlsx';
import { issueAt, type Place } from './issue.ts';

export interface CheckOptions {
  forms: readonly FormDefinition<any>[];
  /** Check as this form instead of recognising it. */
  template?: string;
  units: UnitList;
  /** Period from the command line: the last source tried. */
  period?: string;
  /** Judge time limits against this day; default: the 填报日期, else today. */
  asOf?: string;
}

export interface FileReport {
  file: string;
  template: string | null;
  unit: string | null;
  period: string | null;
  valid: boolean;
  issues: Issue[];
  /** The submission's data, when it has no error. */
  data?: Record<string, unknown>;
}

/** Check one submitted workbook. Never throws: an unreadable file is one error. */
export async function checkFile(file: string, opts: CheckOptions): Promise<FileReport> {
  let wb: LoadedWorkbook;
  try {
    wb = await readWorkbook(file);
  } catch (e) {
    return report(file, null, null, null, [
      issueAt(error('file.unreadable', `无法读取文件：${(e as Error).message}。请确认是 Excel（.xlsx）文件且未损坏、未加密`)),
    ]);
  }
  try {
    return checkWorkbook(file, wb, opts);
  } catch (e) {
    // A workbook exceljs opens but cannot walk: one error for this file, the batch goes on.
    return report(file, null, null, null, [issueAt(error('file.unreadable', `文件内容无法解析：${(e as Error).message}。请在 Excel/WPS 中打开后另存为 .xlsx 再提交`))]);
  }
}

function checkWorkbook(file: string, wb: LoadedWorkbook, opts: CheckOptions): FileReport {
  const match = pickForm(wb, opts);
  if (!match) {
    const names = opts.forms.map((f) => `${f.name}（${f.id}）`).join('、');
    const rule = opts.template ? 'table.header.missing' : 'file.form.unknown';
    const message = opts.template
      ? `前20行中找不到表头，请保留表头行「${opts.forms.find((f) => f.id === opts.template)?.layout.columns.map((c) => c.header).join(' | ')}」`
      : `无法识别表格：前20行中找不到任何已知表样的表头（${names}），请使用标准表样填报`;
    return report(file, opts.template ?? null, null, null, [issueAt(error(rule, message))]);
  }
  return checkLocated(file, match.def, match.located, opts);
}

function pickForm(wb: LoadedWorkbook, opts: CheckOptions): { def: FormDefinition<any>; located: Located } | null {
  const candidates = opts.template ? opts.forms.filter((f) => f.id === opts.template) : opts.forms;
  for (const def of candidates) {
    const located = locateForm(wb, def);
    if (located) return { def, located };
  }
  return null;
}

function report(file: string, template: string | null, unit: string | null, period: string | null, issues: Issue[], data?: Record<string, unknown>): FileReport {
  const valid = !issues.some((i) => i.severity === 'error');
  return { file, template, unit, period, valid, issues, ...(valid && data ? { data } : {}) };
}

/** Read the data out of a located table, then run schema and rules on it. */
function checkLocated(file: string, def: FormDefinition<any>, loc: Located, opts: CheckOptions): FileReport {
  const { layout, rulePrefix: p } = def;
  const issues: Issue[] = [];
  const at = (cell: string | null): Place => ({ sheet: loc.sheet, cell });
  const add = (f: Finding, cell: string | null = null) => issues.push(issueAt(f, at(cell)));

  // The title names the unit.
  const titleCell = loc.title?.cell ?? null;
  const { unit, named } = unitFromTitle(def, loc, opts.units, (f) => add(f, titleCell));

  // The period, from the sources in order.
  const info = loc.info?.text ?? '';
  const period =
    loc.meta.period ?? periodFromText(info) ?? periodFromFileName(basename(file)) ?? opts.period ?? undefined;
  if (!period)
    add(
      warning(
        'period.unknown',
        `无法确定报送月份：表中没有“填报日期”或“报送月份”，文件名中也没有月份。请在标题下填写“填报日期：2023年6月26日”，或在文件名中写明月份（如 ${unit ?? opts.units.units[0]!.name}2023年6月${def.name}.xlsx），或用 --period 指定`,
      ),
    );
  const year = period ? Number(period.slice(0, 4)) : undefined;

  // The table's body rows: all there, in order, fixed text untouched.
  // An unknown unit is reported once, above; the rest is still checked under the name written.
  const data: Record<string, any> = { unit: unit ?? named ?? layout.placeholder };
  if (period) data.period = period;
  Object.assign(data, infoFields(info));
  const rows: Record<string, Record<string, unknown>> = {};
  data[layout.dataKey] = rows;
  const positions = new Map<string, string>();
  if (loc.outOfOrder)
    add(error('table.rows.order', `表格各行顺序与表样不一致，应依次为：${layout.rows.map((r) => r.label).join('、')}，请按表样顺序填写`));
  const fixedCol = layout.columns.filter((c) => !c.cell).at(-1)!;
  for (const found of loc.rows) {
    const spec = layout.rows.find((r) => r.key === found.key)!;
    if (found.row === null) {
      add(error('table.row.missing', `缺少“${spec.label}”一行，请按表样补上该行（${fixedCol.header}：${spec.fixed[fixedCol.key]}）`));
      continue;
    }
    if (!found.fixedMatches)
      add(
        warning(`${p}.content.changed`, `“${spec.label}”一行的${fixedCol.header}与表样不一致，请恢复表样原文：${spec.fixed[fixedCol.key]}`),
        `${loc.columns[fixedCol.key]}${found.row}`,
      );
    const values: Record<string, unknown> = {};
    for (const col of inputColumns(layout)) {
      const cell = `${loc.columns[col.key]}${found.row}`;
      positions.set(`${layout.dataKey}.${found.key}.${col.key}`, cell);
      const read = col.cell!.read(found.values[col.key] ?? null, { header: col.header, year });
      values[col.key] = read.value;
      for (const problem of read.problems) add({ severity: 'error', rule: `${p}.${col.rule ?? col.key}.${problem.kind}`, message: problem.message }, cell);
    }
    rows[found.key] = values;
  }

  const where = (path: DataPath | undefined): string | null => {
    if (!path || path.length === 0) return null;
    if (path[0] === 'unit') return titleCell;
    if (path[0] === 'filler' || path[0] === 'reportDate' || path[0] === 'period') return loc.info?.cell ?? titleCell;
    return positions.get(path.slice(0, 3).join('.')) ?? null;
  };

  const parsed = def.schema.safeParse(data);
  if (!parsed.success) {
    for (const z of parsed.error.issues) {
      if (z.path[0] === 'unit') continue; // already said by the title check
      add(error(`${p}.schema`, `${z.message}（${z.path.join('.')}）`), where(z.path as DataPath));
    }
  } else {
    const asOf = opts.asOf ?? (data.reportDate as string | undefined) ?? localToday();
    // One error a cell: a cell whose text could not be read is not judged again by the rules.
    const unreadable = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.cell));
    for (const f of def.rules(parsed.data, { units: opts.units, period, asOf })) {
      const cell = where(f.path);
      if (!(f.severity === 'error' && cell && unreadable.has(cell))) add(f, cell);
    }
  }
  issues.sort(byPlace);
  return report(file, def.id, unit, period ?? null, issues, parsed.success ? (parsed.data as Record<string, unknown>) : undefined);
}

/** Today in the machine's time zone, `YYYY-MM-DD` (the clerk's day, not UTC's). */
function localToday(): string {
  const d = new Date();
  return isoOf(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** Whole-file findings first, then in reading order: row by row, left to right. */
function byPlace(a: Issue, b: Issue): number {
  return (a.row ?? 0) - (b.row ?? 0) || (a.column ?? '').length - (b.column ?? '').length || (a.column ?? '').localeCompare(b.column ?? '');
}

/** The unit named in the title, checked against the unit list. */
function unitFromTitle(
  def: FormDefinition<any>,
  loc: Located,
  units: UnitList,
  add: (f: Finding) => void,
): { unit: string | null; named: string | null } {
  const { layout, rulePrefix: p } = def;
  const suffix = textKey(layout.title.replace('{unit}', ''));
  const example = layout.title.replace('{unit}', units.units[0]!.name);
  const title = loc.title ? textKey(loc.title.text) : '';
  if (!title.endsWith(suffix) || title === suffix) {
    add(error(`${p}.title.missing`, `找不到写明单位的标题，请在表头上方填写标题，如「${example}」`));
    return { unit: null, named: null };
  }
  const named = title.slice(0, -suffix.length);
  if (named === textKey(layout.placeholder) || /XX|ＸＸ|××/i.test(named)) {
    add(error(`${p}.unit.placeholder`, `标题仍是表样中的「${layout.placeholder}」，请改为本单位名称，如「${example}」`));
    return { unit: null, named: null };
  }
  const unit = findUnit(units, named);
  if (!unit) {
    add(
      error(
        `${p}.unit.unknown`,
        `标题中的单位「${named}」不在${units.city.name}的报送单位名单中，请填写规范名称：${units.units.map((u) => u.name).join('、')}`,
      ),
    );
    return { unit: null, named };
  }
  return { unit: unit.name, named };
}

/** 填报单位 and 填报日期 from the line under the title. */
function infoFields(info: string): { filler?: string; reportDate?: string } {
  const out: { filler?: string; reportDate?: string } = {};
  const filler = /填报单位[：:]\s*(.*?)\s*(?:填报日期|报送日期|报送月份|$)/.exec(info);
  if (filler?.[1]) out.filler = filler[1];
  const date = /(?:填报日期|报送日期)[：:]\s*([0-9０-９年月日./\-\s]+?)(?:\s{2,}|　|$)/.exec(info);
  if (date) {
    const d = readDate(date[1]!.trim());
    if (d.ok) out.reportDate = d.iso;
  }
  return out;
}
