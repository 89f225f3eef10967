export { checkFile, type CheckOptions, type FileReport } from './check.ts';
export { summarize, formatJson, formatText, type Report, type Summary, type Paint } from './report.ts';
