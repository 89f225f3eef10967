export { buildServer, type ServerOptions } from './app.ts';
export { SUBMISSION_RULES } from './submission-rules.ts';
export { checkerPool, type Checker } from './upload-check.ts';
export { startJobs, type JobQueue, type JobOptions } from './jobs/queue.ts';
