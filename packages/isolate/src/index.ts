export { runTasks, defaultJobs, type PoolOptions } from './pool.ts';
export { serve, workerSetup } from './serve.ts';
