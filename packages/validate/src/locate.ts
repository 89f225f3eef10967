import { basename } from 'node:path';
import {
  findReporter,
  formatPeriodCn,
  periodFromFileName,
  readInfoLine,
  reporterNames,
  textKey,
  today,
  type Finding,
  type FormDefinition,
  type FormHeader,
  type UnitList,
} from '@tianbao/form';
import { findTable, tableHead, titleFound, type Located, type OpenWorkbook, type TableStart } from '@tianbao/xlsx/read';
import type { CheckOptions, Clue, FileReport } from './check.ts';
import { error, warning } from './check-rules.ts';
import { earlierReturn } from './earlier.ts';
import { Found } from './found.ts';
import { issueAt } from './issue.ts';
import { fileReport, UNKNOWN, unchecked } from './report.ts';
import type { Placed, Submission } from './submission.ts';

/**
 * The second stage: which form the workbook is and where its table starts,
 * and what stands above it (the unit in the title, the period, the info
 * line). A file whose form or table is not found ends here, with its report.
 * The sheets not chosen are let go of (unless all are kept).
 */
export function locate(s: Submission): Placed | FileReport {
  const { file, opts, wb } = s;
  const match = pickForm(wb, opts);
  if (!match) {
    const names = opts.forms.map((f) => `${f.name}（${f.id}）`).join('、');
    const message = `无法识别表格：元数据、标题和前20行的表头都不符合已比对的表样（${names}），请使用标准表样填报`;
    return unchecked(file, 'file.form.unknown', message);
  }
  const { def, clue, start } = match;
  if (!start) {
    const message = `${CLUE_TEXT[clue]}为「${def.name}」，但前20行中找不到它的表头，请保留表头行「${def.layout.columns.map((c) => c.header).join(' | ')}」`;
    return fileReport(file, { ...UNKNOWN, template: def.id, detectedBy: clue }, [issueAt(error('table.header.missing', message))]);
  }
  if (!s.keepAll) for (const sheet of wb.book.sheets) if (sheet !== start.sheet) wb.book.drop(sheet);
  const head = tableHead(def, start);
  const period = periodOf(def, wb.meta, head.info?.text ?? '', file, opts);
  const found = new Found(start.sheet.name);
  if (start.sheet.hidden)
    found.add(
      warning('sheet.hidden', `检查的是隐藏工作表「${start.sheet.name}」：没有可见的工作表有此表格的表头。请在 Excel/WPS 中取消隐藏该工作表，或把填报内容移到可见的工作表中`),
    );

  // The title names the unit.
  const titleCell = head.title?.cell ?? null;
  const { unit, named } = unitFromTitle(def, head, opts.units, (f) => found.add(f, titleCell));
  if (!period && def.monthly)
    found.add(
      warning(
        'period.unknown',
        `无法确定报送月份：表中没有“填报日期”或“报送月份”，文件名中也没有月份。请在标题下填写“填报日期：2023年6月26日”，或在文件名中写明月份（如 ${unit ?? opts.units.units[0]!.name}2023年6月${def.name}.xlsx），或用 --period 指定`,
      ),
    );
  // A copy of last month's file renamed for this month is still last month's: said, as the name is not what counts.
  const nameMonth = def.monthly && period ? periodFromFileName(basename(file)) : undefined;
  if (nameMonth && nameMonth !== period) found.add(warning('period.name-differs', periodDiffers(period!, nameMonth, unit ?? def.layout.placeholder, def)));
  const { filler, reportDate, unreadDate } = readInfoLine(head.info?.text ?? '');
  if (unreadDate !== undefined)
    found.add(
      warning(
        'report-date.invalid',
        `“填报日期”写的是「${unreadDate}」，不是有效的日期。请写成“2023年6月26日”这样的年月日；按日期判断的规则（如完成时限是否逾期）暂按${opts.asOf ? ' --as-of 指定的日期' : '今天'}计算`,
      ),
      head.info?.cell ?? titleCell,
    );
  const formHead: FormHeader = {
    unit: unit ?? named ?? def.layout.placeholder,
    ...(filler ? { filler } : {}),
    ...(reportDate ? { reportDate } : {}),
    ...(period ? { period } : {}),
  };
  const previous = unit ? previousOf(def, opts, unit, period) : undefined;
  const ctx = { units: opts.units, period, asOf: opts.asOf ?? formHead.reportDate ?? today(), ...(previous && { previous }) };
  const headCell = (key: string): string | null | undefined =>
    key === 'unit' ? titleCell : key === 'filler' || key === 'reportDate' || key === 'period' ? (head.info?.cell ?? titleCell) : undefined;
  return { ...s, def, clue, start, columns: head.columns, unit, period, formHead, ctx, headCell, found };
}

/**
 * What the file is compared with: its unit's latest return of its form before its month, only if its data
 * is the form's (what a caller got wrong is not compared with, rather than failing the form's rules).
 */
function previousOf(def: FormDefinition<any>, opts: CheckOptions, unit: string, period: string | undefined): Record<string, unknown> | undefined {
  const earlier = earlierReturn(opts.previous ?? [], def.id, unit, period);
  return earlier && def.schema.safeParse(earlier.data).success ? earlier.data : undefined;
}

/** `period.name-differs`: which month is taken, and what to do for the other. */
function periodDiffers(period: string, named: string, unit: string, def: FormDefinition<any>): string {
  const [taken, other] = [formatPeriodCn(period), formatPeriodCn(named)];
  return (
    `表中记录的报送月份是${taken}，文件名中写的是${other}，按${taken}计。如果这是${other}的报表（如把上月的文件改名再用），` +
    `请用 tianbao blank ${def.id} --unit ${unit} --period ${named} --previous <上月报表> 生成${other}的表重新填报；如果是${taken}的报表，请改正文件名`
  );
}

/** The period, from the sources in order; only a monthly form looks for its month, another keeps the one it was generated with. */
function periodOf(def: FormDefinition<any>, meta: Record<string, string>, info: string, file: string, opts: CheckOptions): string | undefined {
  if (!def.monthly) return meta.period;
  return meta.period ?? readInfoLine(info).period ?? periodFromFileName(basename(file)) ?? opts.period ?? undefined;
}

// `template`: the form the command was given (`--template`, or compile's and status's first argument).
const CLUE_TEXT: Record<Clue, string> = { template: '按指定的表样', metadata: '按文件中的表样标识', title: '按标题', header: '按表头' };

/**
 * Which form a workbook is, by the strongest clue it has: `--template`, the
 * metadata tianbao writes, a form's title, then a form's header row.
 */
function pickForm(wb: OpenWorkbook, opts: CheckOptions): { def: FormDefinition<any>; clue: Clue; start: TableStart | null } | null {
  const pick = (def: FormDefinition<any> | undefined, clue: Clue) => (def ? { def, clue, start: findTable(wb, def) } : null);
  if (opts.template) return pick(opts.forms.find((f) => f.id === opts.template), 'template');
  return (
    pick(opts.forms.find((f) => f.id === wb.meta.template), 'metadata') ??
    pick(opts.forms.find((f) => titleFound(wb, f)), 'title') ??
    opts.forms.map((def) => ({ def, clue: 'header' as const, start: findTable(wb, def) })).find((m) => m.start) ??
    null
  );
}

/** The unit named in the title, checked against the unit list. */
function unitFromTitle(
  def: FormDefinition<any>,
  loc: Pick<Located, 'title'>,
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
  const unit = findReporter(units, named, def.cityReports);
  if (!unit) {
    add(
      error(
        `${p}.unit.unknown`,
        `标题中的单位「${named}」不在${units.city.name}的报送单位名单中，请填写规范名称：${reporterNames(units, def.cityReports)}`,
      ),
    );
    return { unit: null, named };
  }
  return { unit: unit.name, named };
}
