export { checkFile, MAX_ISSUES, TIME_LIMIT_SECONDS, type CheckOptions, type FileReport, type Clue } from './check.ts';
export { summarize, formatJson, formatText, type Report, type Summary, type Paint } from './report.ts';
export { annotate, copyNames, resolvedPath } from './annotate.ts';
export { checkFiles, annotateFiles, type BatchOptions, type TaskOptions, type CopyOutcome } from './batch.ts';
export { unitStatus, statusTable, STATE_TEXT, type StatusReport, type UnitStatus, type UnreadFile, type UnitState } from './status.ts';
