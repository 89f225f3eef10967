import { openWorkbook } from '@tianbao/xlsx/read';
import type { CheckOptions } from './check.ts';
import type { Submission } from './submission.ts';

/**
 * The first stage: the file's bytes inspected (each part inflated once, its
 * chunks kept for the stages after), the first rows of every sheet and the
 * metadata read. Throws `FileRefused` for a file that may not be opened.
 * `keepAll`: a marked-up copy is to be made from this reading.
 */
export async function open(file: string, opts: CheckOptions, stop: AbortSignal, keepAll: boolean): Promise<Submission> {
  return { file, opts, stop, keepAll, wb: await openWorkbook(file, stop) };
}
