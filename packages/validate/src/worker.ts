import type { FormDefinition } from '@tianbao/form';
import { serve, workerSetup } from '@tianbao/isolate';
import { checkFile, type CheckOptions } from './check.ts';

/** What a worker is started with: where the forms come from, and the options of the run without them. */
export interface WorkerSetup {
  formsModule: string;
  options: Omit<CheckOptions, 'forms'>;
}

const setup = workerSetup<WorkerSetup>();
// The forms hold functions, which cannot cross threads: each worker imports them itself.
const { forms } = (await import(setup.formsModule)) as { forms: readonly FormDefinition<any>[] };
const options: CheckOptions = { ...setup.options, forms };

serve((file: string) => checkFile(file, options));
