import type { FormDefinition, FormHeader, RuleContext } from '@tianbao/form';
import type { Located, OpenWorkbook, TableStart } from '@tianbao/xlsx/read';
import type { EntryJudge } from './by-entry.ts';
import type { CheckOptions, Clue } from './check.ts';
import type { Found } from './found.ts';
import type { CellReader, ReadData } from './read-data.ts';

/**
 * One submitted file as it passes through the stages of a check, each adding
 * what it found: open → locate → read → judge → report (see `check`).
 */
export interface Submission {
  file: string;
  opts: CheckOptions;
  /** Aborted at the time limit: reading stops between chunks. */
  stop: AbortSignal;
  /** The workbook opened: its parts inspected, the first rows of its sheets and its metadata read. */
  wb: OpenWorkbook;
  /** A marked-up copy is to be made from this reading: no sheet's text is let go of. */
  keepAll: boolean;
}

/** A submission whose form and table were found: what stands above the table is known. */
export interface Placed extends Submission {
  def: FormDefinition<any>;
  clue: Clue;
  start: TableStart;
  /** The table's column letters by column key. */
  columns: Record<string, string>;
  /** The unit named in the title, when it is on the unit list. */
  unit: string | null;
  period: string | undefined;
  formHead: FormHeader;
  ctx: RuleContext;
  /** The cell of a field above the table (`unit`, `reportDate`, …); undefined for any other. */
  headCell: (key: string) => string | null | undefined;
  /** The issues found so far, at their cells. */
  found: Found;
}

/** A submission whose table was read: its cells through their types, a list judged entry by entry as it was read. */
export interface Read extends Placed {
  loc: Located<void>;
  reader: CellReader;
  read: ReadData;
  byEntry: EntryJudge | null;
}

/** A submission judged: its data, when it is kept and has no error. */
export interface Judged extends Read {
  data: Record<string, unknown> | undefined;
}
