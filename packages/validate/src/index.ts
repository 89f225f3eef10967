export { checkFile, TIME_LIMIT_SECONDS, type CheckOptions, type FileReport, type Clue } from './check.ts';
export { summarize, formatJson, formatText, type Report, type Summary, type Paint } from './report.ts';
export { annotate, annotatedName } from './annotate.ts';
export { checkFiles, type BatchOptions } from './pool.ts';
export { unitStatus, statusTable, STATE_TEXT, type StatusReport, type UnitStatus, type UnitState } from './status.ts';
