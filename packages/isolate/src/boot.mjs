// A worker thread starts here: its sources are TypeScript run in place, so register tsx, then run the worker's module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
