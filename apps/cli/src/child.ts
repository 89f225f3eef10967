// The program of every child process the CLI starts (built to dist/child.js): each checks files, marks up
// copies or makes documents, one at a time, as the pool in the parent hands them over. The forms are
// imported here, since they hold functions that cannot be sent; the engines know no form. A child builds
// only the forms its tasks need: the one a task names, or all of them to recognise a file.
import { loadForm, loadForms } from './load-form.ts';
import { serve } from '@tianbao/isolate/serve';
import { childMethods } from '@tianbao/validate/child';
import { failureText } from './failure.ts';
import type { GenerateTask, OutputTask } from './make-output.ts';

/** What the `prepare` method is given: the form and the formats of a generate run about to start. */
export interface PrepareTask {
  template: string;
  formats: readonly OutputTask['format'][];
}

serve({
  ...childMethods(loadForms, failureText),
  // The document engines load before the first document: a child that only checks never needs them.
  generate: {
    load: () => import('./make-output.ts'),
    run: async (items: GenerateTask[]) => (await import('./make-output.ts')).makeItems(items),
  },
  // What a generate run's first documents wait for, loaded while the parent reads the data (see `generateChildren`).
  prepare: async ({ template, formats }: PrepareTask) => {
    await Promise.all([loadForm(template), import('./make-output.ts').then((m) => m.loadEngines(formats))]);
  },
});
