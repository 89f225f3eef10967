import { createRequire } from 'node:module';
import { requirePatchedVersion } from '@tianbao/form/light';
import type workerpool from 'workerpool';

/**
 * Every use of workerpool's unpublished internals, in one module, written for this version. Checked when
 * this module loads.
 */
export const WORKERPOOL_VERSION = '10.0.3';

/** Throws, saying what to do, unless workerpool `installed` is the version these patches are written for. */
export function checkWorkerpool(installed: string = createRequire(import.meta.url)('workerpool/package.json').version): void {
  requirePatchedVersion('workerpool', installed, WORKERPOOL_VERSION, 'packages/isolate/src/workerpool-internals.ts');
}
checkWorkerpool();

/** What workerpool keeps of one child. */
export interface Handler {
  worker: { pid?: number; kill(signal: NodeJS.Signals): boolean } | null;
  terminate(force: boolean, done: () => void): void;
}

/**
 * The parts of workerpool's pool that it does not publish, used to mend what it leaves undone: after a
 * child dies it starts a replacement but never hands the tasks waiting in its queue on (its removal of the
 * dead child waits for an exit that has already happened), and it has no way to retire one child.
 */
export interface PoolInternals {
  workers: Handler[];
  _next(): void;
  _ensureMinWorkers(): void;
  _removeWorkerFromList(handler: Handler): void;
}

export const internalsOf = (pool: workerpool.Pool) => pool as unknown as PoolInternals;
