import { defaultUnits, type FormDefinition } from '@tianbao/form';
import { annotate, loadWriter } from './annotate.ts';
import { NOT_CHECKED_COPY, type CheckedCopy, type CheckTask, type CopyOutcome, type MarkUpTask, type NotBuilt } from './child-tasks.ts';
import { checkFile, checkKeeping, type FileReport } from './check.ts';
import { readSheetCells } from './sheet-cells.ts';
import type { InspectedFile } from '@tianbao/xlsx/read';

/**
 * The methods a child program serves for `checkFiles` and `checkAndAnnotateFiles`
 * (with `serve` from `@tianbao/isolate/serve`): checking with the forms `formsFor` gives for a task's
 * `--template` (that form, or every form when none is named: built on demand); checking
 * and marking up a copy from the same reading (the workbook writer loaded
 * before the first copy, untimed). Why a copy could not be made is `failure`'s Chinese
 * account of the exception; so is why the forms could not be built, given back instead of
 * any report (`NotBuilt`: no file is judged then). `sheetCells`: a sheet's cells as text, for drawing it.
 */
export function childMethods(formsFor: (template?: string) => Promise<readonly FormDefinition<any>[]>, failure: (e: unknown, file: string) => string) {
  const copy = async (report: FileReport, path: string, source: InspectedFile, explanations?: MarkUpTask['explanations']): Promise<CopyOutcome> => {
    try {
      const written = await annotate(report, path, source, explanations);
      return written === null ? null : { written };
    } catch (e) {
      return { failed: failure(e, report.file) };
    }
  };
  const built = (task: CheckTask): Promise<{ forms: readonly FormDefinition<any>[] } | NotBuilt> =>
    formsFor(task.options.template).then(
      (forms) => ({ forms }),
      (e) => ({ notBuilt: failure(e, task.options.template ?? 'every form') }),
    );
  return {
    check: async (task: CheckTask): Promise<FileReport | NotBuilt> => {
      const forms = await built(task);
      return 'notBuilt' in forms ? forms : checkFile(task.file, { units: defaultUnits, ...task.options, ...forms });
    },
    checkAndMarkUp: {
      load: loadWriter,
      run: async (task: MarkUpTask): Promise<CheckedCopy | NotBuilt> => {
        const forms = await built(task);
        if ('notBuilt' in forms) return forms;
        const { report, source } = await checkKeeping(task.file, { units: defaultUnits, ...task.options, ...forms });
        // Not opened, there is nothing to copy; given up at the time limit, no copy either.
        if (!source) return { report, copy: report.issues[0]?.rule === 'file.timeout' ? NOT_CHECKED_COPY : null };
        return { report, copy: await copy(report, task.copy, source, task.explanations) };
      },
    },
    sheetCells: readSheetCells,
  };
}
