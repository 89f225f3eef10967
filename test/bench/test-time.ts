/**
 * npx tsx test/bench/test-time.ts: how long `npm test` takes, against its standing budget on a 2-core
 * machine: the build, the type check and every suite but the portal's within 120 s; the portal's suites
 * (`PORTAL_SUITES`: its server, database and browser) within 90 s more. Each step runs on its own, one after
 * the other, under TZ=Asia/Shanghai as `npm test` runs them; its wall time and the processor time (user +
 * system) of all its processes are measured. Prints one JSON line:
 * {"build","typecheck","rest","portal": {ms, cpuMs}, "restMs", "restBudgetMs", "portalBudgetMs"}.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PORTAL_SUITES } from '../vitest.config.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const CLOCK_TICKS = 100;

/** Processor time of this process's children waited for so far, in ms: cutime + cstime of /proc/self/stat (Linux). */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
}

/** `args` run to their end in the project's root; throws, with what it printed, unless it passes. */
function step(command: string, args: string[]): { ms: number; cpuMs: number } {
  const cpu = childrenCpuMs();
  const start = performance.now();
  const run = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, TZ: 'Asia/Shanghai' } });
  const ms = Math.round(performance.now() - start);
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')}: exit ${run.status}\n${run.stdout.slice(-4000)}\n${run.stderr.slice(-4000)}`);
  return { ms, cpuMs: Math.round(childrenCpuMs() - cpu) };
}

const vitest = ['run', '--config', 'test/vitest.config.ts'];
const build = step('npm', ['run', 'build']);
const typecheck = step(bin('tsc'), ['-p', '.']);
const rest = step(bin('vitest'), [...vitest, ...PORTAL_SUITES.flatMap((glob) => ['--exclude', glob])]);
// Shanghai's project alone: the portal's suites are in no other zone's. vitest filters files by the start of
// their paths: each glob up to its first wildcard.
const portal = step(bin('vitest'), [...vitest, '--project', 'Asia/Shanghai', ...PORTAL_SUITES.map((glob) => glob.slice(0, glob.indexOf('*')))]);
console.log(JSON.stringify({ build, typecheck, rest, portal, restMs: build.ms + typecheck.ms + rest.ms, restBudgetMs: 120_000, portalBudgetMs: 90_000 }));
