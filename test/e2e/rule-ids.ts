/**
 * The rules README.md documents, against the catalogue every package and template declares
 * (`defineRules`; a form's whole catalogue is `formRules`): for the contract test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { creditCheckChar, type CellValue, type FormDefinition, type Rule } from '@tianbao/form';
import { ROOT } from './run.ts';

/** A row of a table of README.md's "Rules" section: its ids as written (`<form>.<column>.missing` too), and its severity. */
export interface DocumentedRule {
  id: string;
  severity: string;
}

export function documentedRules(): DocumentedRule[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n### Rules\n');
  const section = readme.slice(start, readme.indexOf('\n### ', start + 1));
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  return rows.flatMap((row) => {
    const [ids, severity] = row.split('|').slice(1, 3).map((c) => c.trim()) as [string, string];
    return [...ids.matchAll(/`([a-z<][a-z0-9<>-]*(?:\.[a-z0-9<>-]+)+)`/g)].map((m) => ({ id: m[1]!, severity }));
  });
}

/** The documented row of a rule of the form: by name, or by the every-form pattern (`<form>.title.missing`, `<form>.<column>.missing`). */
export function documentedAs(id: string, prefix: string, documented: readonly DocumentedRule[]): DocumentedRule | undefined {
  const rest = id.slice(prefix.length + 1);
  const parts = rest.split('.');
  const names = [id, `<form>.${rest}`, ...(parts.length === 2 ? [`<form>.<column>.${parts[1]}`] : [])];
  return names.map((n) => documented.find((d) => d.id === n)).find((d) => d);
}

/** What one cell can be given: what clerks type, right and wrong, and what Excel makes of a long code. */
function probes(): CellValue[] {
  const first17 = '91410800MA44ABCD0';
  const wrongCheck = creditCheckChar(first17) === '1' ? '2' : '1';
  return [null, '', ' ', 'zzz', 'Tom', '王建国（兼）', '尽快', '7月31日', '2023年13月5日', '2023-07-31', 0, 123, 113.25, 914108001234567890, `${first17}${wrongCheck}`, 'I14108001234567890', '9141'];
}

/** The rules the form's cells report on the probes, each with the severity it was reported at. */
export function probedCellRules(form: FormDefinition<any>): { id: string; severity: string }[] {
  const { layout, rulePrefix } = form;
  const cells = [...layout.columns, ...(layout.fields?.items ?? [])].flatMap((c) => (c.cell ? [{ rule: c.rule ?? c.key, cell: c.cell }] : []));
  return cells.flatMap(({ rule, cell }) =>
    probes().flatMap((v) => cell.read(v, { header: rule }).problems.map((p) => ({ id: `${rulePrefix}.${rule}.${p.kind}`, severity: p.severity ?? 'error' }))),
  );
}

/** Whether a rule declared at `declared` may be raised at `severity`. */
export const raisableAt = (declared: Rule['severity'], severity: string) => declared === severity || declared === 'error or warning';

