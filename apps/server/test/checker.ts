// The child program uploads are checked in during the tests: the CLI's, as `tianbao serve` runs it.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ChildPool } from '@tianbao/isolate';
import { afterAll, beforeAll } from 'vitest';
import type { Checker } from '../src/index.ts';

export const CHECKER: Checker = { script: fileURLToPath(new URL('../../cli/dist/child.js', import.meta.url)), nodeOptions: ['--max-semi-space-size=4'] };

/** The checker, for tests that upload: refused plainly when the CLI is not built. */
export function builtChecker(): Checker {
  if (!existsSync(CHECKER.script)) throw new Error(`tianbao 尚未构建：没有 ${CHECKER.script}，请先运行 npm run build`);
  return CHECKER;
}

/**
 * The checker for every server and job queue of a test file, with one pool of children kept for the file and
 * closed after its tests. A server given no pool keeps one of its own (`checkerPool`), a child a core started
 * at once, each a third of a second of processor time; and a job given none starts a child for each check.
 * These children start as the first checks come: a file that uploads nothing starts none. Call at a file's
 * top level, so that the servers of both engines share it.
 */
export function sharedChecker(): Checker {
  const pool = new ChildPool({ script: CHECKER.script, size: availableParallelism(), nodeOptions: CHECKER.nodeOptions! });
  beforeAll(() => void builtChecker());
  afterAll(() => pool.close());
  return { ...CHECKER, pool };
}
