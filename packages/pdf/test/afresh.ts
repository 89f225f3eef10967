import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The CommonJS module at `path` as installed, loaded afresh beside the one patched in this process. */
export function loadedAfresh<T>(path: string): T {
  const cached = require.cache[path];
  delete require.cache[path];
  try {
    return require(path) as T;
  } finally {
    require.cache[path] = cached;
  }
}
