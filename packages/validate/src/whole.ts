import { ruleFindings, type DataPath, type FormDefinition, type FormHeader, type RuleContext } from '@tianbao/form';
import type { Found } from './found.ts';
import type { ReadData } from './read-data.ts';
import { emptyAt, schemaFinding } from './schema-finding.ts';

type Where = (path: DataPath | undefined) => string | null;
type Judged = { data: Record<string, any>; where: Where; partial: boolean };

/**
 * A form judged whole: its data through the schema, then its rules on what
 * the schema accepted. Returns the data when the schema accepted all of it.
 */
export function judgeWhole(
  def: FormDefinition<any>,
  read: ReadData,
  head: FormHeader,
  ctx: RuleContext,
  found: Found,
  fieldCell: (key: string) => string | null,
  told: (key: PropertyKey) => boolean,
): Record<string, unknown> | undefined {
  const where: Where = (path) => {
    if (!path || path.length === 0) return null;
    if (path[0] !== def.layout.dataKey) return fieldCell(String(path[0]));
    for (let n = Math.min(3, path.length); n > 0; n--) {
      const at = read.cellOf(path.slice(0, n));
      if (at) return at;
    }
    return null;
  };
  const taken = found.errorCells();
  const judged = parseData(def, () => ({ ...head, ...read.take() }), where, (z, cell, data) => {
    if (told(z.path[0]!) || (cell && taken.has(cell))) return;
    taken.add(cell);
    found.add(schemaFinding(def, z.path, z.message, emptyAt(data, z.path)), cell);
  });
  // Rules run on what the schema accepts: a list's faulty rows are set aside, the rest is still judged.
  if (!judged) return undefined;
  const judgedAt = found.errorCells();
  for (const f of ruleFindings(def, judged.data, { ...ctx, partial: judged.partial })) {
    const cell = judged.where(f.path);
    if (!(f.severity === 'error' && cell && judgedAt.has(cell))) found.add(f, cell);
  }
  return judged.partial ? undefined : judged.data;
}

/**
 * The data (made here, and not kept: a long list would be held twice) through
 * the form's schema, each failure reported at its cell. What the rules may
 * judge comes back: all of it, or a list without its faulty rows.
 */
function parseData(
  def: FormDefinition<any>,
  make: () => Record<string, any>,
  where: Where,
  fail: (z: { path: PropertyKey[]; message: string }, cell: string | null, data: Record<string, any>) => void,
): Judged | null {
  const data = make();
  const parsed = def.schema.safeParse(data);
  if (parsed.success) return { data: parsed.data, where, partial: false };
  for (const z of parsed.error.issues) fail(z, where(z.path as DataPath), data);
  return withoutFaultyEntries(def, data, parsed.error.issues, where);
}

/**
 * When every schema failure lies inside a list's rows, the data without those
 * rows, and a `where` that maps the remaining rows' paths back to their cells.
 */
function withoutFaultyEntries(
  def: FormDefinition<any>,
  data: Record<string, any>,
  failures: readonly { path: PropertyKey[] }[],
  where: Where,
): Judged | null {
  const key = def.layout.dataKey;
  if (def.layout.rows || !failures.every((f) => f.path[0] === key && typeof f.path[1] === 'number')) return null;
  const faulty = new Set(failures.map((f) => f.path[1] as number));
  const kept = (data[key] as unknown[]).map((_, i) => i).filter((i) => !faulty.has(i));
  const parsed = def.schema.safeParse({ ...data, [key]: kept.map((i) => data[key][i]) });
  if (!parsed.success) return null;
  const mapped: Where = (path) =>
    path && path[0] === key && typeof path[1] === 'number' ? where([key, kept[path[1]]!, ...path.slice(2)]) : where(path);
  return { data: parsed.data, where: mapped, partial: true };
}
