import type { DataPath, Finding, Severity } from './issues.ts';

/**
 * One rule, declared once where it is raised (in the spirit of Frictionless's
 * error catalogue): how grave it is, what it is about and what to do, in Chinese.
 */
export interface RuleSpec {
  /** `error or warning`: a rule whose severity follows what it stands for (`file.too-many-issues`). */
  readonly severity: Severity | 'error or warning';
  /** What the rule is about (`有问题没有改进措施`). */
  readonly title: string;
  /** What the clerk does about it. */
  readonly fix: string;
}

/** A rule with its id, as a form's whole catalogue lists it. */
export interface Rule extends RuleSpec {
  readonly id: string;
}

type Specs = Readonly<Record<string, RuleSpec>>;
/** The ids of the rules that may be raised at `severity`. */
type IdsAt<C extends Specs, S extends Severity> = { [K in keyof C]: C[K]['severity'] extends S | 'error or warning' ? K : never }[keyof C] & string;

/**
 * A package's or a template's rules: `error` and `warning` take only ids it
 * declares, each at a severity it declares, so that a rule raised under any
 * other id is a type error.
 */
export interface Catalogue<C extends Specs = Specs> {
  readonly specs: C;
  /** Every rule, with its id. */
  readonly rules: readonly Rule[];
  error(rule: IdsAt<C, 'error'>, message: string, path?: DataPath): Finding;
  warning(rule: IdsAt<C, 'warning'>, message: string, path?: DataPath): Finding;
}

/** The ids a catalogue declares. */
export type RuleId<K extends Catalogue<any>> = K extends Catalogue<infer C> ? keyof C & string : never;

export function defineRules<const C extends Specs>(specs: C): Catalogue<C> {
  return {
    specs,
    rules: Object.entries(specs).map(([id, spec]) => ({ id, ...spec })),
    error: (rule, message, path) => ({ severity: 'error', rule, message, path }),
    warning: (rule, message, path) => ({ severity: 'warning', rule, message, path }),
  };
}
