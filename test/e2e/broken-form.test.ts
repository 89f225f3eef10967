// A form its template got wrong (refused as it is built) is its maintainers' to fix: a command that needs it
// stops with why, and no file is judged by it; a command that does not need it is not stopped.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, tempDir, type Run } from './run.ts';

const NOT_BUILT = /^出错：(有表样|表样「census-roster」)的定义有误，未能加载，因此没有检查或生成任何文件。这是表样的问题，不是所填文件的问题：请把以下说明发给维护人员。A form could not be built: census-roster: the schema and the layout disagree at the top level \(broken for a test\)\n$/;

/** The built CLI, with census-roster's definition throwing as it loads (broken-form.mjs), in the CLI and its children. */
function withBrokenRoster(args: string[]): Promise<Run> {
  const hook = join(import.meta.dirname, 'broken-form.mjs');
  const { TIANBAO_DEBUG: _shown, ...inherited } = process.env;
  const env = { ...inherited, NO_COLOR: '', BROKEN_FORM: 'census-roster', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${hook}` };
  return new Promise((resolve) =>
    execFile(BIN, args, { cwd: tempDir(), env, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    ),
  );
}

const ledger = join(FIXTURES, 'libreoffice', '温县2023年6月行政复议工作问题台账.xlsx');
const roster = join(FIXTURES, 'sheetjs', '温县第五次全国经济普查领导小组组成人员名单.xlsx');

describe('a form refused as it is built', () => {
  it('stops validate with why, judging no file (not one called crashed)', async () => {
    for (const args of [['validate', ledger, roster], ['validate', roster, '--annotate', tempDir()]]) {
      const r = await withBrokenRoster(args);
      expect(r, args.join(' ')).toMatchObject({ code: 1, stdout: '' });
      expect(r.stderr).toMatch(NOT_BUILT);
    }
  });

  it('stops blank, status and compile with why, with no TIANBAO_DEBUG, writing nothing', async () => {
    const out = tempDir();
    for (const args of [
      ['blank', 'census-roster', '-o', out],
      ['status', join(FIXTURES, 'sheetjs'), '-t', 'census-roster'],
      ['compile', 'census-roster', join(FIXTURES, 'sheetjs'), '-o', out],
    ]) {
      const r = await withBrokenRoster(args);
      expect(r, args.join(' ')).toMatchObject({ code: 1, stdout: '' });
      expect(r.stderr).toMatch(NOT_BUILT);
    }
    expect(readdirSync(out)).toEqual([]);
  });

  it('leaves the other forms’ commands alone, and the list of forms', async () => {
    expect(await withBrokenRoster(['validate', '-t', 'review-ledger', ledger])).toMatchObject({ code: 0 });
    const listed = await withBrokenRoster(['templates']);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout).toContain('census-roster');
  });
});
