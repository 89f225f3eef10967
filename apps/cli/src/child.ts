// The program of every child process the CLI starts (built to dist/child.js): each checks files, marks up
// copies or makes documents, one at a time, as the pool in the parent hands them over. The forms are
// imported here, since they hold functions that cannot be sent; the engines know no form.
import { formById, forms } from '@tianbao/forms';
import { serve } from '@tianbao/isolate/serve';
import { childMethods } from '@tianbao/validate/child';
import { failureText } from './failure.ts';
import type { OutputSetup, OutputTask } from './make-output.ts';

/** What the `generate` method is given: the run's setup and one file to make. */
export interface GenerateTask {
  setup: OutputSetup;
  task: OutputTask;
}

serve({
  ...childMethods(forms, failureText),
  // The document engines load before the first document: a child that only checks never needs them.
  generate: {
    load: () => import('./make-output.ts'),
    run: async ({ setup, task }: GenerateTask) => (await import('./make-output.ts')).makeOutput(formById(setup.template), setup, task),
  },
});
