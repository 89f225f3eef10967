// The child program uploads are checked in during the tests: the CLI's, as `tianbao serve` runs it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Checker } from '../src/index.ts';

export const CHECKER: Checker = { script: fileURLToPath(new URL('../../cli/dist/child.js', import.meta.url)), nodeOptions: ['--max-semi-space-size=4'] };

/** The checker, for tests that upload: refused plainly when the CLI is not built. */
export function builtChecker(): Checker {
  if (!existsSync(CHECKER.script)) throw new Error(`tianbao 尚未构建：没有 ${CHECKER.script}，请先运行 npm run build`);
  return CHECKER;
}
