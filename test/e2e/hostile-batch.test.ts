import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempDir, tianbao } from './run.ts';

const HOSTILE = join(FIXTURES, 'hostile');
/** English that an exception would carry; no message to a user may hold it. */
const ENGLISH = /Cannot |undefined|Invalid |ENOENT|ENXIO|EISDIR|Error:|code point/;

/** What each hostile file must be told, by rule; `verdict` where any Chinese verdict in time is right. */
const WANT: Record<string, string> = {
  'merge-A1-ZZZZZZ1.xlsx': 'file.corrupt',
  'wide-row-200000.xlsx': 'verdict',
  'size-lie-bomb.xlsx': 'file.zip-bomb',
  'xxe-after-4k.xlsx': 'file.xml-entities',
  'roster-rows-out-of-order.xlsx': 'verdict',
  'zero.xlsx': 'file.not-regular',
  'fifo.xlsx': 'file.not-regular',
};

/**
 * The hostile fixtures, a link to /dev/zero, a FIFO and two valid ledgers (other programs' fixtures, first and
 * last by name), in one folder.
 */
function mixedFolder(): { dir: string; inputs: Map<string, Buffer> } {
  const dir = tempDir();
  for (const name of readdirSync(HOSTILE).filter((n) => n.endsWith('.xlsx'))) copyFileSync(join(HOSTILE, name), join(dir, name));
  symlinkSync('/dev/zero', join(dir, 'zero.xlsx'));
  mkfifoSync(join(dir, 'fifo.xlsx'));
  copyFileSync(join(FIXTURES, 'sheetjs', '修武县2023年6月问题台账.xlsx'), join(dir, 'a-修武县2023年6月.xlsx'));
  copyFileSync(join(FIXTURES, 'libreoffice', '温县2023年6月行政复议工作问题台账.xlsx'), join(dir, 'z-温县2023年6月.xlsx'));
  const inputs = new Map(readdirSync(dir).filter((n) => !['zero.xlsx', 'fifo.xlsx'].includes(n)).map((n) => [n, readFileSync(join(dir, n))]));
  return { dir, inputs };
}

/** Node has no mkfifo; the coreutils command makes one. */
const mkfifoSync = (path: string) => execFileSync('mkfifo', [path]);

describe('a folder of hostile files beside valid ones', () => {
  // Two children at once, so that one file's fault meets another's check; that the outcomes are the same with any
  // number of jobs is the pool's own test (packages/isolate).
  it('gives every file its verdict, and the valid ones stay valid', async () => {
    const { dir, inputs } = mixedFolder();
    const r = await tianbao(['validate', dir, '--format', 'json', '--time-limit', '10', '--jobs', '2'], undefined, 180_000);
    expect(r.code).toBe(1);
    const files: { file: string; valid: boolean; issues: { rule: string; message: string }[] }[] = JSON.parse(r.stdout).files;
    const by = new Map(files.map((f) => [f.file.slice(dir.length + 1), f]));
    expect([...by.keys()].sort()).toEqual(readdirSync(dir).sort());
    expect(by.get('a-修武县2023年6月.xlsx')).toMatchObject({ valid: true, issues: [] });
    expect(by.get('z-温县2023年6月.xlsx')).toMatchObject({ valid: true, issues: [] });
    for (const [name, rule] of Object.entries(WANT)) {
      const f = by.get(name)!;
      const rules = f.issues.map((i) => i.rule);
      if (rule === 'verdict') expect(rules, name).not.toContain('file.timeout');
      else expect(rules, name).toEqual([rule]);
      if (name !== 'roster-rows-out-of-order.xlsx') expect(f.valid, name).toBe(false);
    }
    for (const f of files) for (const i of f.issues) expect(i.message, `${f.file} ${i.rule}`).not.toMatch(ENGLISH);
    // Never modified, whatever they are.
    for (const [name, bytes] of inputs) expect(Buffer.compare(readFileSync(join(dir, name)), bytes), name).toBe(0);
  }, 400_000);
});
