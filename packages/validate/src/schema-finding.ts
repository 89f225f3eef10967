import { formRule, inputColumns, type Finding, type FormDefinition } from '@tianbao/form';

/** What the clerk calls the values above the table. */
const HEAD_NAMES: Record<string, string> = { unit: '单位', period: '报送月份', filler: '填报单位', reportDate: '填报日期' };

/**
 * A value the form's schema refuses (its zod path: `['members', 2, 'phone']`), as every
 * other finding about a cell: the rule of its column or field (`roster.phone.invalid`)
 * and the message after the column's header (`联系电话不是有效的电话号码…`); the engine
 * adds the cell. What lies in no column (the list as a whole: `名单中没有人员`) is the
 * form's `<form>.table.invalid`. The message is zod's, in the words schemaMessage gives it.
 */
export function schemaFinding(def: FormDefinition<any>, path: readonly PropertyKey[], message: string): Finding {
  const { layout, rulePrefix } = def;
  const [head, , key] = path;
  const column = head === layout.dataKey && path.length > 2 ? inputColumns(layout).find((c) => c.key === key) : undefined;
  const field = layout.fields?.items.find((f) => f.key === head);
  const at = column ? { rule: column.rule ?? column.key, name: column.header } : field ? { rule: field.rule ?? field.key, name: field.label } : undefined;
  if (at) return { severity: 'error', rule: `${rulePrefix}.${at.rule}.invalid`, message: `${at.name}${message}` };
  const name = typeof head === 'string' ? HEAD_NAMES[head] : undefined;
  return { severity: 'error', rule: formRule(rulePrefix, '<form>.table.invalid'), message: name ? `${name}${message}` : `表格：${message}` };
}
