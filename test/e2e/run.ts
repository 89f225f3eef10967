import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'node_modules', '.bin', 'tianbao');
export const FIXTURES = join(ROOT, 'test', 'fixtures');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the installed `tianbao` as a user would, without a terminal; killed after `timeout` ms. */
export function tianbao(args: string[], cwd = ROOT, timeout = 60_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(BIN, args, { cwd, env: { ...process.env, NO_COLOR: '' }, timeout }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export const tempDir = () => mkdtempSync(join(tmpdir(), 'tianbao-'));
