// What the child program's methods are given and give back: shared by the parent's batches and the child,
// which imports nothing of the pool (see child-methods.ts).
import { Refusal } from '@tianbao/form/light';
import type { CheckOptions, FileReport } from './check.ts';
import type { Explanation } from './explained.ts';

/**
 * The options of a check as a child is sent them: all but the forms, which the child program imports itself;
 * without `units`, the child takes the Jiaozuo list it has with the forms, so that a parent that only hands
 * files over and prints reports never loads the form engine for it.
 */
export type TaskOptions = Omit<CheckOptions, 'forms' | 'units'> & { units?: CheckOptions['units'] };

/** What the child's `check` method is given: one file, and the options of the run. */
export interface CheckTask {
  file: string;
  options: TaskOptions;
}

/** What the child's `checkAndMarkUp` method is given: a file to check, where its marked-up copy goes, and the clerk's explanations beside it. */
export interface MarkUpTask extends CheckTask {
  copy: string;
  explanations?: readonly Explanation[];
}

/** What the child's `checkAndMarkUp` method gives back: the file's report, and its copy's outcome. */
export interface CheckedCopy {
  report: FileReport;
  copy: CopyOutcome;
}

/** The marked-up copy written, or why it could not be made (in Chinese); null for a file not opened, which has none. */
export type CopyOutcome = { written: string } | { failed: string } | null;

/** The outcome of the copy of a file that could not be checked. */
export const NOT_CHECKED_COPY: CopyOutcome = { failed: '此文件未能检查完，不生成批注副本' };

/** What a child gives back, instead of a task's result, when the forms the task needs could not be built: why. */
export interface NotBuilt {
  notBuilt: string;
}

/**
 * The forms a run needs could not be built: a template its maintainers got wrong, not a file a clerk sent.
 * The run stops with this rather than judge any file.
 */
export class FormsNotBuilt extends Refusal {
  constructor(message: string) {
    super('form.not-built', message);
  }
}
