/**
 * The validation taxonomy. `error` is 强制性 (blocks acceptance); `warning` is
 * 核实性/提示性 (the submitter confirms or explains).
 */
export type Severity = 'error' | 'warning';

/** A finding with its place in the workbook; `cell` is null for whole-file findings. */
export interface Issue {
  severity: Severity;
  /** Stable English id, such as `ledger.deadline.unparsable`. */
  rule: string;
  sheet: string | null;
  cell: string | null;
  row: number | null;
  column: string | null;
  /** Chinese: what is wrong and what to write instead. */
  message: string;
  /** A warning the clerk has answered, in a comment on its cell or in its row's 备注. Errors never are. */
  explained: boolean;
  /** What the clerk wrote in answer to a warning beside the workbook (the portal's 上报说明). */
  explanation?: string;
  /** What the clerk wrote in answer to a warning in a comment on its cell. */
  reply?: string;
  /** How a reply answers the warning, where not any reply does (see `replyAnswering`). */
  answer?: Answering;
}

/**
 * What of a reply answers a warning: none of it when it is `stale`, the text the cell's comment had last
 * month (a copy of the file keeps it); the `nth` (from 0) of its numbered items or lines when the warning is one
 * of `of` on its cell that the one reply answers in turn.
 */
export interface Answering {
  stale?: string;
  nth?: number;
  of?: number;
}

/** A data path, as zod reports it: `['rows', 'acceptance', 'deadlines']`. */
export type DataPath = readonly (string | number)[];

/** A finding about the data, before the engine knows where it stands. */
export interface Finding {
  severity: Severity;
  rule: string;
  message: string;
  /** The data it is about; absent for the form as a whole. */
  path?: DataPath;
  answer?: Answering;
}
