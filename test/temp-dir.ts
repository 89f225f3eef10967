import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set to the run's folder by the first `setup`: vitest calls it once for each project, and it makes one folder. */
const RUN_DIR = 'TIANBAO_TEST_TMPDIR';

/**
 * Vitest's global setup: the run's temporary files in one folder of its own, removed when the run ends.
 * Tests make their files in folders of `mkdtemp(tmpdir())`, many without removing them (some 200 a run); the
 * test workers, the CLI and the servers they start inherit `TMPDIR`, so a run leaves nothing behind in /tmp.
 * The folder sits right under the system's: Chromium's socket path within it must stay under 108 bytes.
 */
export function setup(): (() => void) | undefined {
  if (process.env[RUN_DIR]) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'tianbao-test-run-'));
  process.env[RUN_DIR] = process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
