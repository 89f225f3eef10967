import { execFile } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir, type Run } from './run.ts';

/** README.md's tour: from `## A short tour` to the next `## ` heading. */
export function tourOf(readme: string): string {
  const start = readme.indexOf('\n## A short tour');
  if (start < 0) throw new Error('README.md has no "## A short tour"');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** A command of the tour, what the README shows it print, and the exit status it shows (`$ echo $?`), else 0. */
export interface Step {
  command: string;
  args: string[];
  output: string[];
  exit: number;
}

/**
 * Each `$ npx tianbao …` line of the tour's ```console blocks, with the lines
 * under it. A block right under `<!-- not run: why -->` is an illustration
 * that cannot be run as written (files received on given days), and is left out.
 */
export function stepsOf(tour: string): Step[] {
  const steps: Step[] = [];
  for (const [, note, body] of tour.matchAll(/^(<!-- not run: [^\n]+ -->\n)?```console\n([\s\S]*?)^```$/gm)) {
    if (note) continue;
    let step: Step | undefined;
    let echo = false;
    for (const line of body!.replace(/\n$/, '').split('\n')) {
      if (line.startsWith('$ ')) {
        const command = line.slice(2);
        echo = command === 'echo $?';
        if (echo) continue;
        if (!command.startsWith('npx tianbao ')) throw new Error(`the tour runs tianbao as "npx tianbao …", one command a line: ${line}`);
        if (/["'`|<>&;$\\]/.test(command)) throw new Error(`a tour command is run without a shell: ${line}`);
        steps.push((step = { command, args: command.split(/\s+/).slice(2), output: [], exit: 0 }));
      } else if (!step) throw new Error(`output before any command in the tour: ${line}`);
      else if (echo) {
        step.exit = Number(line);
        echo = false;
      } else step.output.push(line);
    }
  }
  for (const s of steps) while (s.output.at(-1) === '') s.output.pop();
  return steps;
}

/** The lines a command printed match the README's, a line `…` standing for any number of lines. */
export function shownAs(expected: readonly string[]): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${expected.map((l) => (l.trim() === '…' ? '(?:[^\\n]*\\n)*?' : `${escape(l)}\\n`)).join('')}$`);
}

const CLI = join(ROOT, 'apps', 'cli', 'bin', 'tianbao.js');

/**
 * The built CLI, as `npx tianbao` runs it from the repo root, without a terminal; stdout
 * and stderr on one pipe, so that their lines come in the order a terminal shows them.
 */
function run(args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    // The arguments reach the CLI as they are: the shell only joins the two streams.
    execFile('sh', ['-c', 'exec "$0" "$@" 2>&1', process.execPath, CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '' }, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('the README tour, as written, right after npm run setup', () => {
  const steps = stepsOf(tourOf(readFileSync(join(ROOT, 'README.md'), 'utf8')));
  // A copy of the repo root as the tour uses it: its example inputs, the test workbooks it checks, and out/ for what it writes.
  const root = tempDir();
  cpSync(join(ROOT, 'examples'), join(root, 'examples'), { recursive: true });
  symlinkSync(join(ROOT, 'test'), join(root, 'test'));
  // npm run setup ends with the demo: its files are there before the tour starts. Its one run, begun with the
  // tour (no step reads out/demo before it is done), serves as the tour's own `npx tianbao demo` too.
  let demo: Promise<Run>;
  beforeAll(() => {
    demo = run(['demo'], root);
  });

  it('is there, and runs tianbao as npx tianbao', () => {
    expect(steps.length).toBeGreaterThan(5);
    expect(tourOf(readFileSync(join(ROOT, 'README.md'), 'utf8'))).not.toMatch(/\bpnpm tianbao\b/);
  });

  it.each(steps.map((s) => [s.command, s] as const))('%s', async (_, step) => {
    if (step.args.some((a) => a.startsWith('out/demo'))) expect((await demo).code).toBe(0);
    const r = step.command === 'npx tianbao demo' ? await demo : await run(step.args, root);
    expect(r.stdout).toMatch(shownAs(step.output));
    expect(r.code).toBe(step.exit);
  }, 180_000);
});

describe('reading the tour', () => {
  it('takes each command with the lines it prints and the status `echo $?` shows', () => {
    const tour = ['## A short tour', '```console', '$ npx tianbao a b', 'x', '…', '', '$ npx tianbao c', '$ echo $?', '1', '```', '## Next'].join('\n');
    expect(stepsOf(tour)).toEqual([
      { command: 'npx tianbao a b', args: ['a', 'b'], output: ['x', '…'], exit: 0 },
      { command: 'npx tianbao c', args: ['c'], output: [], exit: 1 },
    ]);
    expect(() => stepsOf('```console\n$ pnpm tianbao templates\n```')).toThrow(/npx tianbao/);
    expect(stepsOf('<!-- not run: files received on given days -->\n```console\n$ npx tianbao status 收件箱/\n```')).toEqual([]);
    expect('x\ny\nz\n').toMatch(shownAs(['x', '…']));
    expect('x\n').toMatch(shownAs(['x', '…']));
    expect('x\ny\n').not.toMatch(shownAs(['x']));
  });
});
