import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Write via a temp file in the same directory and rename, so readers never see half a file.
 * The temp name is short whatever the name: a name of 255 bytes, the most a file system takes, is written too.
 */
export async function writeFileAtomic(path: string, buf: Buffer | Uint8Array | string): Promise<void> {
  const tmp = join(dirname(path), `.tianbao-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, buf);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
}
