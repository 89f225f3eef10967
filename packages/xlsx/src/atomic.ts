import { randomBytes } from 'node:crypto';
import { readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The temp files `writeFileAtomic` writes, by the id of the process writing them. */
const TEMP = /^\.tianbao-(\d+)-[0-9a-f]{8}\.tmp$/;

/** The next temp file's number: from a random start, so that a process of a reused id does not meet the temp names of the last. */
let nextTemp = randomBytes(4).readUInt32BE();

/**
 * Write via a temp file in the same directory and rename, so readers never see half a file.
 * The temp name is short whatever the name: a name of 255 bytes, the most a file system takes, is written too.
 * A failure names `path`, not the temp file. The calls are synchronous: written from a child making
 * documents, a file's open, write, close and rename each handed to the thread pool and back cost its
 * main thread more than the calls themselves.
 */
export async function writeFileAtomic(path: string, buf: Buffer | Uint8Array | string): Promise<void> {
  const tmp = join(dirname(path), `.tianbao-${process.pid}-${(nextTemp++ >>> 0).toString(16).padStart(8, '0')}.tmp`);
  try {
    writeFileSync(tmp, buf);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // Never made, or gone.
    }
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
