/** A unit's valid return of an earlier month, as a later month's file of the same form and unit is compared with it (`--previous`). */
export interface EarlierReturn {
  /** Its form's id: a return of another form is never compared with. */
  form: string;
  unit: string;
  /** Its month, `YYYY-MM`. */
  period: string;
  /** Its data as the next month is compared with it (see `FormDefinition.compared`). */
  data: Record<string, unknown>;
}

/**
 * What a file of `form`, `unit` and `period` is compared with: of `returns`, the latest of its form and
 * unit before its month (a later month, or its own, is never "last month"); none when there is none or
 * its month is not known.
 */
export function earlierReturn<R extends EarlierReturn>(returns: readonly R[], form: string, unit: string, period: string | null | undefined): R | undefined {
  if (!period) return undefined;
  let latest: R | undefined;
  for (const r of returns) if (r.form === form && r.unit === unit && r.period < period && (!latest || r.period > latest.period)) latest = r;
  return latest;
}
