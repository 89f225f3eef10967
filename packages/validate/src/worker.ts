import { parentPort, workerData } from 'node:worker_threads';
import type { FormDefinition } from '@tianbao/form';
import { checkFile, type CheckOptions } from './check.ts';

/** What a worker is started with: where the forms come from, and the options of the run without them. */
export interface WorkerSetup {
  formsModule: string;
  options: Omit<CheckOptions, 'forms'>;
}

export type Task = { id: number; file: string };

const setup = workerData as WorkerSetup;
// The forms hold functions, which cannot cross threads: each worker imports them itself.
const { forms } = (await import(setup.formsModule)) as { forms: readonly FormDefinition<any>[] };
const options: CheckOptions = { ...setup.options, forms };

parentPort!.on('message', async (task: Task) => {
  parentPort!.postMessage({ id: task.id, report: await checkFile(task.file, options) });
});
parentPort!.postMessage('ready');
