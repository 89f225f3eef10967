export { ChildPool, type ChildPoolOptions, type Failure, type Outcome } from './child-pool.ts';
export { runBatches, runTasks, type Batching, type PoolOptions } from './pool.ts';
export { CHILD_LIMITS, defaultJobs, memoryLimits, type ChildLimits } from './defaults.ts';
