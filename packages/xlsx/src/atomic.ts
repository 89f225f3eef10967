import { randomBytes } from 'node:crypto';
import { readdirSync, unlinkSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The temp files `writeFileAtomic` writes, by the id of the process writing them. */
const TEMP = /^\.tianbao-(\d+)-[0-9a-f]{8}\.tmp$/;

/**
 * Write via a temp file in the same directory and rename, so readers never see half a file.
 * The temp name is short whatever the name: a name of 255 bytes, the most a file system takes, is written too.
 * A failure names `path`, not the temp file.
 */
export async function writeFileAtomic(path: string, buf: Buffer | Uint8Array | string): Promise<void> {
  const tmp = join(dirname(path), `.tianbao-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, buf);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    const error = e as NodeJS.ErrnoException;
    if (error.path === tmp) error.path = path;
    throw e;
  }
}

/**
 * Remove from `dir` the temp files of `writeFileAtomic` left by processes no
 * longer running: a process killed while writing leaves its temp file. One
 * whose process id is in use again is left; nothing else is touched, and a
 * failure to look or remove is no one's concern.
 */
export function removeStaleTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = TEMP.exec(name)?.[1];
    if (pid === undefined || running(Number(pid))) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

/** Whether a process of this id is running (or exists for another user). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
