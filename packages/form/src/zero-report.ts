import type { Finding } from './issues.ts';
import type { Catalogue } from './rule-catalogue.ts';

/**
 * A submission that lists nothing at all. A zero report is allowed, but the
 * reviewer confirms it with the unit: one warning for the whole file, so it
 * passes and is still seen. `where` the form (`本期台账`), `what` it lists
 * (`问题`), `fill` what to add if there was something after all. The rule is
 * the template's, declared as `ZERO_REPORT`.
 */
export function zeroReport<C extends Catalogue<any>>(
  catalogue: C,
  rule: Parameters<C['warning']>[0],
  { where, what, fill }: { where: string; what: string; fill: string },
): Finding {
  return catalogue.warning(rule, `${where}未填报任何${what}。如确无${what}，请与报送单位核实并确认为零报告；否则请补填${fill}`);
}
