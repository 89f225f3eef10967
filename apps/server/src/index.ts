export { buildServer, type ServerOptions } from './app.ts';
export { SUBMISSION_RULES } from './submission-rules.ts';
export type { Checker } from './upload-check.ts';
