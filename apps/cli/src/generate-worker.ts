// A generation worker thread. The PDF engine keeps each parsed font for the
// life of the thread, so a worker parses the fonts once for all its documents.
import { serve, workerSetup } from '@tianbao/isolate';
import { formById } from './forms.ts';
import { makeOutput, type OutputSetup, type OutputTask } from './make-output.ts';

const setup = workerSetup<OutputSetup>();
const def = formById(setup.template);

serve((task: OutputTask) => makeOutput(def, setup, task));
