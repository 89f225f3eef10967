import { CELL_KINDS, type CellKind } from './cells.ts';
import { defineRules, type Rule, type RuleSpec } from './rule-catalogue.ts';
import type { FormDefinition } from './model.ts';

/**
 * The rules every form has, raised by the engine under the form's rule prefix:
 * `<form>` in their ids, as README.md writes them (`<form>.title.missing` is
 * `ledger.title.missing` for the review ledger). Grouped by the forms they
 * apply to: every form, a form of fixed rows (fixed texts), a list (judged as
 * a whole, by its length), a form that asks for a zero report to be confirmed.
 */
const FORM_RULE_GROUPS = {
  every: {
    '<form>.title.missing': { severity: 'error', title: '找不到写明单位的标题', fix: '在表头上方填写写明本单位名称的标题' },
    '<form>.unit.placeholder': { severity: 'error', title: '标题仍是表样中的“XX县（市、区）”', fix: '把标题中的“XX县（市、区）”改为本单位名称' },
    '<form>.unit.unknown': { severity: 'error', title: '标题中的单位不在报送单位名单中', fix: '按名单填写本单位的规范名称' },
  },
  rows: { '<form>.content.changed': { severity: 'warning', title: '表样的固定文字被改动', fix: '恢复表样原文' } },
  list: { '<form>.table.invalid': { severity: 'error', title: '表格整体不符合表样的要求（如名单中没有人员）', fix: '按表样补全表格' } },
  zeroReport: { '<form>.zero-report': { severity: 'warning', title: '未填报任何内容', fix: '与报送单位核实并确认为零报告，否则补填' } },
} as const satisfies Record<string, Record<string, RuleSpec>>;

export const FORM_RULES = defineRules({ ...FORM_RULE_GROUPS.every, ...FORM_RULE_GROUPS.rows, ...FORM_RULE_GROUPS.list, ...FORM_RULE_GROUPS.zeroReport });

/** A form rule's id for a form: `ledger.title.missing`. */
export const formRule = (prefix: string, id: keyof typeof FORM_RULES.specs): string => id.replace('<form>', prefix);

/** The rules of one column or field: `<prefix>.<rule>.<kind>` for each kind of problem its cell reports, and `invalid`. */
function columnRules(prefix: string, item: { key: string; rule?: string; cell?: { problems: Partial<Record<CellKind, RuleSpec['severity']>> } }, header: string): Rule[] {
  if (!item.cell) return [];
  // A value the form's schema refuses is the column's `invalid` (an error), whatever its cell reports.
  const kinds: Partial<Record<CellKind, RuleSpec['severity']>> = { invalid: 'error', ...item.cell.problems };
  return Object.entries(kinds).map(([kind, severity]) => {
    const { title, fix } = CELL_KINDS[kind as CellKind];
    return { id: `${prefix}.${item.rule ?? item.key}.${kind}`, severity: severity!, title: `${header}：${title}`, fix };
  });
}

/**
 * Every rule a form can raise under its prefix, with its id as raised: the
 * engine's form rules (the groups that apply to it), its columns' and
 * fields' rules, and its template's own catalogue.
 */
export function formRules(def: Pick<FormDefinition<any>, 'rulePrefix' | 'layout' | 'catalogue' | 'zeroReport'>): Rule[] {
  const { rulePrefix: p, layout } = def;
  const groups = [FORM_RULE_GROUPS.every, layout.rows ? FORM_RULE_GROUPS.rows : FORM_RULE_GROUPS.list, ...(def.zeroReport ? [FORM_RULE_GROUPS.zeroReport] : [])];
  const engine = groups.flatMap((group) => Object.entries(group).map(([id, spec]): Rule => ({ id: formRule(p, id as keyof typeof FORM_RULES.specs), ...spec })));
  const cells = [
    ...layout.columns.flatMap((c) => columnRules(p, c, c.header)),
    ...(layout.fields?.items ?? []).flatMap((f) => columnRules(p, f, f.label)),
  ];
  return [...engine, ...cells, ...def.catalogue.rules];
}
