// Loaded with `node --import` (through NODE_OPTIONS, so that the child processes load it too): records every
// file each process loads, one line each, in a file named after the process's id in $LOADED_MODULES_DIR.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

// Node runs the loader's hooks in a thread of their own: there this file is the hooks, not the registration.
if (isMainThread) register(import.meta.url);

export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(join(process.env.LOADED_MODULES_DIR, String(process.pid)), `${url}\n`);
  return next(url, context);
}
