import type { DataPath, Finding, FORM_RULES, Rule } from '@tianbao/form';
import { defineRules } from '@tianbao/form/light';
import { FILE_RULES } from '@tianbao/xlsx/file-rules';

/** The rules `validate` raises about a file, a sheet or a table, whatever its form (README, "Rules"). */
const CHECK_RULES = defineRules({
  'file.timeout': { severity: 'error', title: '检查超时', fix: '确认文件没有异常，必要时另存为新的 .xlsx 再提交' },
  'file.too-much-memory': { severity: 'error', title: '检查占用的内存超过上限', fix: '另存为新的 .xlsx，或按单位拆分后提交' },
  'file.crashed': { severity: 'error', title: '检查进程意外退出', fix: '另存为新的 .xlsx 再提交；仍然如此的，把文件发给维护人员' },
  'file.internal': { severity: 'error', title: '检查程序内部出错', fix: '把此文件发给维护人员' },
  'file.too-many-issues': { severity: 'error or warning', title: '问题超过 1,000 处，其余未列出', fix: '先按列出的改正，再重新检查' },
  'file.form.unknown': { severity: 'error', title: '无法识别是哪一种表格', fix: '使用标准表样填报' },
  'table.header.missing': { severity: 'error', title: '找不到指定表样的表头', fix: '保留表样的表头行' },
  'sheet.hidden': { severity: 'warning', title: '检查的是隐藏的工作表', fix: '取消隐藏该工作表，或把填报内容移到可见的工作表中' },
  'period.unknown': { severity: 'warning', title: '无法确定报送月份', fix: '填写“填报日期”，或在文件名中写明月份，或用 --period 指定' },
  'period.name-differs': { severity: 'warning', title: '表中的报送月份与文件名中的月份不一致', fix: '按表中的月份计；是文件名所写月份的报表的，用该月的表重新填报，否则改正文件名' },
  // A date that is none is a warning (date rules go by today); one the form's schema refuses, an error.
  'report-date.invalid': { severity: 'error or warning', title: '填报日期不是有效的日期，或不符合此表的要求', fix: '写成“2023年6月26日”这样的年月日，并按此表的要求填写' },
  'filler.invalid': { severity: 'error', title: '填报单位不符合此表的要求', fix: '按此表的要求填写填报单位' },
  'period.invalid': { severity: 'error', title: '报送月份不符合此表的要求', fix: '按此表的要求填写报送月份（填报日期或文件名中的月份）' },
  'table.rows.order': { severity: 'error', title: '表格各行顺序与表样不一致', fix: '按表样顺序填写' },
  'table.row.missing': { severity: 'error', title: '缺少表样中的一行', fix: '按表样补上该行' },
  'table.field.missing': { severity: 'error', title: '表格下方缺少一行署名（办公室设在、办公室主任）', fix: '在表格下空一行后填写' },
  'cell.too-long': { severity: 'error', title: '单元格超过 Excel 的 32,767 个字符', fix: '精简，或把说明另附材料' },
  'cell.formula.uncached': { severity: 'error', title: '公式没有保存计算结果', fix: '在 Excel/WPS 中打开并保存' },
  'cell.formula.error': { severity: 'error', title: '单元格显示错误值（如 #N/A、#DIV/0!）', fix: '改正公式，或直接填写正确的值' },
});

/** Every rule that is no form's own: the reader's refusals and these. */
export const ENGINE_RULES: readonly Rule[] = [...FILE_RULES.rules, ...CHECK_RULES.rules];

/** The id of a rule of the engine: the reader's refusals and this catalogue's. */
export type EngineRuleId = Parameters<typeof CHECK_RULES.error>[0] | Parameters<typeof FILE_RULES.error>[0];
/** A form rule as raised for a form: `ledger.title.missing` for `<form>.title.missing`. */
type FormRule = keyof typeof FORM_RULES.specs extends infer K ? (K extends `<form>.${infer Rest}` ? `${string}.${Rest}` : never) : never;

/** Raise a rule of this catalogue, or one of every form's (`formRule` makes its id). */
export const error = (rule: EngineRuleId | FormRule, message: string, path?: DataPath): Finding => ({ severity: 'error', rule, message, path });
export const warning = (rule: Parameters<typeof CHECK_RULES.warning>[0] | FormRule, message: string, path?: DataPath): Finding => ({
  severity: 'warning',
  rule,
  message,
  path,
});
