export { checkFile, TIME_LIMIT_SECONDS, type CheckOptions, type FileReport, type Clue } from './check.ts';
export { earlierReturn, type EarlierReturn } from './earlier.ts';
export { ENGINE_RULES } from './check-rules.ts';
export { summarize, issueCounts, listedIssues, formatJson, formatText, MAX_ISSUES, type IssueCounts, type Report, type Summary, type Paint } from './report.ts';
export { annotate, copyNames, resolvedPath } from './annotate.ts';
export { explanationKey, withExplanations, type Explanation } from './explained.ts';
export type { SheetCells, MergedRange } from './sheet-cells.ts';
export { checkFiles, checkAndAnnotateFiles, sheetCells, type BatchOptions } from './batch.ts';
export { FormsNotBuilt, type TaskOptions, type CopyOutcome } from './child-tasks.ts';
export { compilation, compiledTitle } from './compile.ts';
export {
  unitStatus,
  statusTable,
  filesTable,
  fileNote,
  STATE_TEXT,
  TIMING_TEXT,
  VERDICT_TEXT,
  RECEIVED_NOTE,
  type StatusReport,
  type UnitStatus,
  type UnitFile,
  type UnassignedFile,
  type ReceivedFile,
  type ReceivedTimes,
  type UnreadFile,
  type UnitState,
  type Verdict,
} from './status.ts';
