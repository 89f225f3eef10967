import type { FormDefinition } from '@tianbao/form';
import { annotate, loadWriter } from './annotate.ts';
import type { AnnotateTask, CheckTask, CopyOutcome } from './batch.ts';
import { checkFile, type FileReport } from './check.ts';

/**
 * The methods a child program serves for `checkFiles` and `annotateFiles`
 * (with `serve` from `@tianbao/isolate/serve`): checking with `forms`, and
 * marking up a copy (the workbook writer loaded before the first, untimed).
 * Why a copy could not be made is `failure`'s Chinese account of the exception.
 */
export function childMethods(forms: readonly FormDefinition<any>[], failure: (e: unknown, file: string) => string) {
  return {
    check: (task: CheckTask): Promise<FileReport> => checkFile(task.file, { ...task.options, forms }),
    annotate: {
      load: loadWriter,
      run: async (task: AnnotateTask): Promise<CopyOutcome> => {
        try {
          const written = await annotate(task.report, task.path);
          return written === null ? null : { written };
        } catch (e) {
          return { failed: failure(e, task.report.file) };
        }
      },
    },
  };
}
