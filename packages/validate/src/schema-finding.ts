import { formRule, placeOf, type Finding, type FormDefinition } from '@tianbao/form';

/**
 * A value the form's schema refuses (its zod path: `['members', 2, 'phone']`), as every
 * other finding about a cell: the rule of its column or field (`roster.phone.invalid`)
 * and the message after the column's header (`联系电话不是有效的电话号码…`); the engine
 * adds the cell. What lies in no column (the list as a whole: `名单中没有人员`) is the
 * form's `<form>.table.invalid`. The message is zod's, in the words schemaMessage gives it.
 */
export function schemaFinding(def: FormDefinition<any>, path: readonly PropertyKey[], message: string): Finding {
  const place = placeOf(def, path);
  if (place?.rule) return { severity: 'error', rule: `${def.rulePrefix}.${place.rule}.invalid`, message: `${place.name}${message}` };
  // A field above the table by its name; anything else of the table is the table's.
  const head = path[0] !== def.layout.dataKey ? place : undefined;
  return { severity: 'error', rule: formRule(def.rulePrefix, '<form>.table.invalid'), message: head ? `${head.name}${message}` : `表格：${message}` };
}
