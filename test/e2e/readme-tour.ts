import { execFile } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
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

/** The steps of the tour with the `### ` section each stands in ('' for those above the first). */
export function sectionsOf(tour: string): { section: string; step: Step }[] {
  return tour.split(/^(?=### )/m).flatMap((part) => {
    const section = part.startsWith('### ') ? part.slice(4, part.indexOf('\n')) : '';
    return stepsOf(part).map((step) => ({ section, step }));
  });
}

/**
 * The test files that run the tour, each its sections: vitest runs files, not tests, side by side, and the
 * whole tour in one file (the demo alone about a third of it) was the run's longest. A step that reads what
 * another wrote must run in the same file, after it (June's ledger feeds July's); the demo, and each step
 * that reads its files, run in the demo's file, whatever their sections.
 */
export const TOUR_FILES: Readonly<Record<string, readonly string[]>> = {
  'readme-tour.test.ts': ['', 'Before the deadline', 'The ledger from month to month (对账销号)'],
  'readme-tour-forms.test.ts': ['The census roster', 'The outfall checklist', 'The fire-safety contacts'],
  'readme-tour-demo.test.ts': ["Compiling the month's returns"],
};
const DEMO_FILE = 'readme-tour-demo.test.ts';

const DEMO = 'npx tianbao demo';
const readsDemo = (step: Step) => step.args.some((a) => a.startsWith('out/demo'));

/** The file that runs a step: the demo, and each step that reads its files, in the demo's; any other by its section. */
export function fileOf({ section, step }: { section: string; step: Step }): string {
  if (step.command === DEMO || readsDemo(step)) return DEMO_FILE;
  const file = Object.keys(TOUR_FILES).find((f) => TOUR_FILES[f]!.includes(section));
  if (!file) throw new Error(`the tour's section "${section}" (${step.command}) is run by no file: add it to TOUR_FILES in test/e2e/readme-tour.ts`);
  return file;
}

export const tourSteps = () => sectionsOf(tourOf(readFileSync(join(ROOT, 'README.md'), 'utf8')));

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

/** Runs, in the order the README gives them, the tour's steps that the test file `file` (its path) holds. */
export function runTour(file: string): void {
  const name = basename(file);
  if (!TOUR_FILES[name]) throw new Error(`${name} is not in TOUR_FILES`);
  const steps = tourSteps().filter((s) => fileOf(s) === name).map((s) => s.step);
  describe(`the README tour, as written, right after npm run setup (${name})`, () => {
    // A copy of the repo root as the tour uses it: its example inputs, the test workbooks it checks, and out/ for what it writes.
    const root = tempDir();
    cpSync(join(ROOT, 'examples'), join(root, 'examples'), { recursive: true });
    symlinkSync(join(ROOT, 'test'), join(root, 'test'));
    // npm run setup ends with the demo: its files are there before the tour starts. Its one run, begun with the
    // tour (no step reads out/demo before it is done), serves as the tour's own `npx tianbao demo` too.
    let demo: Promise<Run>;
    if (steps.some((s) => s.command === DEMO)) {
      beforeAll(() => {
        demo = run(['demo'], root);
      });
    }

    it.each(steps.map((s) => [s.command, s] as const))('%s', async (_, step) => {
      if (readsDemo(step)) expect((await demo).code).toBe(0);
      const r = step.command === DEMO ? await demo : await run(step.args, root);
      expect(r.stdout).toMatch(shownAs(step.output));
      expect(r.code).toBe(step.exit);
    }, 180_000);
  });
}
