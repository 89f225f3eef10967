import { openWorkbook, STREAMED_BYTES } from '@tianbao/xlsx/read';
import type { CheckOptions } from './check.ts';
import type { Submission } from './submission.ts';

/**
 * The first stage: the file's bytes inspected (each part inflated once, its
 * chunks kept for the stages after), the first rows of every sheet and the
 * metadata read. Throws `FileRefused` for a file that may not be opened.
 * `keepAll`: a marked-up copy is to be made from this reading. `stream`: a
 * large sheet is not inflated now but as it is read (see `settled`).
 */
export async function open(file: string, opts: CheckOptions, stop: AbortSignal, keepAll: boolean, stream: boolean): Promise<Submission> {
  return { file, opts, stop, keepAll, wb: await openWorkbook(file, stop, stream ? (opts.streamAbove ?? STREAMED_BYTES) : Infinity) };
}
