export { runTasks, type Failure, type Outcome, type PoolOptions } from './pool.ts';
export { CHILD_LIMITS, defaultJobs, memoryLimits, type ChildLimits } from './defaults.ts';
