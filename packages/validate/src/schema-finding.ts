import { formRule, placeOf, type Finding, type FormDefinition } from '@tianbao/form';
import type { EngineRuleId } from './check-rules.ts';

/** The rule of a field every form has above its table, when the form's schema refuses it. */
const HEAD_RULES = new Map<PropertyKey, (prefix: string) => string>(Object.entries({
  // A template narrowing who reports the form (`武陟县不报此表`) narrows its unit list.
  unit: (prefix) => formRule(prefix, '<form>.unit.unknown'),
  filler: () => 'filler.invalid' satisfies EngineRuleId,
  reportDate: () => 'report-date.invalid' satisfies EngineRuleId,
  period: () => 'period.invalid' satisfies EngineRuleId,
}));

/**
 * A value the form's schema refuses (its zod path: `['members', 2, 'phone']`), as every
 * other finding about a cell: the rule of its column or field (`roster.phone.invalid`,
 * `roster.phone.missing` when the cell was left empty) and the message after the column's
 * header (`联系电话不是有效的电话号码…`); the engine adds the cell. A field above the table
 * has its own rule (`filler.invalid`); what lies in no column (the list as a whole:
 * `名单中没有人员`) is the form's `<form>.table.invalid`. The message is zod's, in the
 * words schemaMessage gives it. `empty`: nothing was written there (see `emptyAt`).
 */
export function schemaFinding(def: FormDefinition<any>, path: readonly PropertyKey[], message: string, empty: boolean): Finding {
  const place = placeOf(def, path);
  if (place?.rule) {
    return { severity: 'error', rule: `${def.rulePrefix}.${place.rule}.${empty ? 'missing' : 'invalid'}`, message: named(place.name, message) };
  }
  const head = path[0] !== def.layout.dataKey ? place : undefined;
  const rule = path.length === 1 ? HEAD_RULES.get(path[0]!) : undefined;
  if (head && rule) return { severity: 'error', rule: rule(def.rulePrefix), message: named(head.name, message) };
  return { severity: 'error', rule: formRule(def.rulePrefix, '<form>.table.invalid'), message: head ? named(head.name, message) : `表格：${message}` };
}

/** The message after the place's name, unless a template's message already begins with it (`带班领导不能是…`). */
const named = (name: string, message: string) => (message.trim().startsWith(name) ? message.trim() : `${name}${message}`);

/** Nothing was written where `path` leads in `data`. */
export function emptyAt(data: unknown, path: readonly PropertyKey[]): boolean {
  let value = data;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | null | undefined)?.[key];
  return value === undefined || value === null || value === '';
}
