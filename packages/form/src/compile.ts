import type { Finding, Issue } from './issues.ts';
import type { SheetSpec, Table } from './output.ts';
import type { UnitList } from './units.ts';

/** One unit's submission taken into a compilation: its valid data, and the file it came from. */
export interface CompiledPart<T = Record<string, any>> {
  unit: string;
  file: string;
  data: T;
  /** What the check found in it (warnings only, as it is valid), with the clerk's answers. */
  issues: readonly Issue[];
}

/** What a form's compile is given besides the parts: the month, the day judged against, the units. */
export interface CompileContext<T = Record<string, any>> {
  period: string;
  asOf: string;
  units: UnitList;
  /** Last month's parts, when the compile is asked to compare (`--previous`). */
  previous?: readonly CompiledPart<T>[];
}

/**
 * What a form adds when the city compiles its units' returns: the city-wide
 * sheets that come first in the compiled workbook. The rest (who sent what,
 * each unit's form) is the same for every form.
 */
export interface CompileSpec<T = Record<string, any>> {
  sheets(parts: readonly CompiledPart<T>[], ctx: CompileContext<T>): SheetSpec[];
  /** The city-wide form made of the parts (a list of every unit's rows), written and printed in place of one form a unit. */
  whole?(parts: readonly CompiledPart<T>[], ctx: CompileContext<T>): T;
  /** Why a unit's valid return is not taken in after all (the city's own, where the city's list is made of its units'), or null: 未纳入 on the cover. */
  notTaken?(unit: string, ctx: CompileContext<T>): string | null;
  /** What is wrong across the parts (a code two units use), each with the units it is about: listed on the cover, counted in their errors. */
  faults?(parts: readonly CompiledPart<T>[], ctx: CompileContext<T>): (Finding & { units: readonly string[] })[];
}

/** A compilation, ready to be written: what the workbook and the PDF show. */
export interface Compiled {
  /** `焦作市2023年6月行政复议工作问题台账汇总`: the title, and the files' name. */
  title: string;
  /** The day it is as of: its documents are dated by it. */
  asOf: string;
  /** The counts, one line: units taken in and left out. */
  counts: string;
  /** 报送情况: every unit of the list, its state, the file used, why it was left out. */
  submissions: Table;
  /** The form's own city-wide sheets. */
  sheets: SheetSpec[];
  /** The units taken in, in the list's order. */
  parts: CompiledPart[];
  /** The city-wide form, for a form that compiles into one (`CompileSpec.whole`). */
  whole?: Record<string, any>;
  /** What is wrong across the parts, each with its rule id, listed on the cover. */
  faults: string[];
  /** The files received used for no unit, as they could not be read or put to a unit, each with why: listed on the cover. */
  others: string[];
  units: UnitList;
}
