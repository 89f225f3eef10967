export { checkFile, MAX_ISSUES, TIME_LIMIT_SECONDS, type CheckOptions, type FileReport, type Clue } from './check.ts';
export { summarize, formatJson, formatText, type Report, type Summary, type Paint } from './report.ts';
export { annotate, copyNames, resolvedPath } from './annotate.ts';
export { checkFiles, annotateFiles, type BatchOptions, type TaskOptions, type CopyOutcome } from './batch.ts';
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
