// Kept submissions read again for their data: in the child program, as every upload is read.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@tianbao/store';
import { checkFiles, type FileReport, type TaskOptions } from '@tianbao/validate';
import type { Kysely } from 'kysely';
import { childFileName, type Checker } from './upload-check.ts';

/**
 * The submissions of `ids` checked again with `options`, keeping their data (valid ones only): each written
 * to a folder of this process's own under a name of its making, and read in the child, as many at once as
 * the machine has processors. The reports by submission id.
 */
export async function readAgain(db: Kysely<Database>, ids: readonly string[], options: TaskOptions, checker: Checker): Promise<Map<string, FileReport>> {
  if (!ids.length) return new Map();
  const dir = await mkdtemp(join(tmpdir(), 'tianbao-read-'));
  try {
    const paths: string[] = [];
    // One upload in memory at a time: each may be 50 MB.
    for (const [i, id] of ids.entries()) {
      const row = await db.selectFrom('submissions').select(['file_name', 'bytes']).where('id', '=', id).executeTakeFirstOrThrow();
      await mkdir(join(dir, String(i)));
      paths.push(join(dir, String(i), childFileName(row.file_name)));
      await writeFile(paths[i]!, row.bytes);
    }
    const reports = await checkFiles(paths, { ...options, keepData: true }, { ...checker, jobs: Math.min(ids.length, availableParallelism()) });
    return new Map(ids.map((id, i) => [id, reports[i]!]));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
