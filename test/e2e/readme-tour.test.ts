import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileOf, runTour, sectionsOf, shownAs, stepsOf, tourOf, tourSteps, TOUR_FILES } from './readme-tour.ts';
import { ROOT } from './run.ts';

// The tour's opening, the ledger's sections; the other files run the rest (TOUR_FILES).
runTour(import.meta.filename);

describe('the README tour', () => {
  it('is there, runs tianbao as npx tianbao, and each of its files runs some of it', () => {
    const tour = tourOf(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    const steps = tourSteps();
    expect(steps.length).toBeGreaterThan(5);
    expect(tour).not.toMatch(/\bpnpm tianbao\b/);
    // Split by section, the tour loses no step.
    expect(steps.map((s) => s.step)).toEqual(stepsOf(tour));
    for (const file of Object.keys(TOUR_FILES)) {
      expect(existsSync(join(import.meta.dirname, file)), file).toBe(true);
      expect(steps.filter((s) => fileOf(s) === file).length, file).toBeGreaterThan(0);
    }
  });
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

  it('gives each step to the file of its section, the demo and what reads its files to the demo’s', () => {
    const tour = ['```console', '$ npx tianbao a', '```', '### The census roster', '```console', '$ npx tianbao b', '$ npx tianbao compile x out/demo/x', '$ npx tianbao demo', '```', '### Elsewhere', '```console', '$ npx tianbao c', '```'].join('\n');
    const steps = sectionsOf(tour);
    expect(steps.map((s) => [s.section, s.step.command])).toEqual([
      ['', 'npx tianbao a'],
      ['The census roster', 'npx tianbao b'],
      ['The census roster', 'npx tianbao compile x out/demo/x'],
      ['The census roster', 'npx tianbao demo'],
      ['Elsewhere', 'npx tianbao c'],
    ]);
    expect(steps.slice(0, 4).map(fileOf)).toEqual(['readme-tour.test.ts', 'readme-tour-forms.test.ts', 'readme-tour-demo.test.ts', 'readme-tour-demo.test.ts']);
    expect(() => fileOf(steps[4]!)).toThrow(/"Elsewhere".*TOUR_FILES/);
  });
});
