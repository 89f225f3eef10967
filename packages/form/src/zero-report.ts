import { warning, type Finding } from './issues.ts';

/**
 * A submission that lists nothing at all. A zero report is allowed, but the
 * reviewer confirms it with the unit: one warning for the whole file, so it
 * passes and is still seen. `where` the form (`本期台账`), `what` it lists
 * (`问题`), `fill` what to add if there was something after all.
 */
export function zeroReport(rulePrefix: string, { where, what, fill }: { where: string; what: string; fill: string }): Finding {
  return warning(`${rulePrefix}.zero-report`, `${where}未填报任何${what}。如确无${what}，请与报送单位核实并确认为零报告；否则请补填${fill}`);
}
