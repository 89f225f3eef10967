/**
 * The portal under a steady stream of uploads: a built `tianbao serve` (on SQLite in a new data folder, then
 * on a new database of the PostgreSQL server the tests use), a clerk account for each unit made with
 * `tianbao users add`, a task, and ledgers made with `tianbao generate` (each unit's valid one and a faulty
 * one) uploaded by the clerks at a fixed rate, open-loop, from a load process of its own (portal-load.ts).
 * For each run: uploads a second achieved, latency (from when each upload was due) at the median, 95th
 * percentile and worst, errors, and the peak memory of the server's whole process tree (the server and its
 * checking children, their resident memory summed, read from /proc every 100 ms).
 *
 * `npx tsx test/bench/portal-uploads.ts [--only sqlite|postgres] [--json]`
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import reviewLedger from '@tianbao/template-review-ledger';
import type { Load, LoadResult } from './portal-load.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'apps', 'cli', 'bin', 'tianbao.js');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const POSTGRES = process.env.TIANBAO_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
const PERIOD = '2023-06';

/** Uploads a second and how many: 500 at 10/s and at 20/s, and a minute at 20/s. */
const RUNS = [
  { rate: 10, count: 500 },
  { rate: 20, count: 500 },
  { rate: 20, count: 1200 },
];

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const say = (line: string) => process.stderr.write(`${line}\n`);
const dir = mkdtempSync(join(tmpdir(), 'tianbao-portal-bench-'));

/** Each unit's ledger as `tianbao generate` makes it from the sample data: valid, and faulty (problems without measures). */
function ledgers(): Map<string, { path: string; valid: boolean }[]> {
  const valid = reviewLedger.samples.filter((s) => s.period === PERIOD);
  const faulty = valid.map((s) => {
    const data = structuredClone(s) as any;
    data.rows.acceptance.measures = [];
    return data;
  });
  const byUnit = new Map<string, { path: string; valid: boolean }[]>();
  for (const [name, data, extra] of [['valid', valid, []], ['faulty', faulty, ['--allow-errors']]] as const) {
    const out = join(dir, name);
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(data));
    // With --allow-errors, generate makes the faulty drafts and says so with exit status 1.
    spawnSync(BIN, ['generate', 'review-ledger', '--data', join(dir, `${name}.json`), '-o', out, '--format', 'xlsx', ...extra], { stdio: 'ignore' });
    for (const file of readdirSync(out)) {
      const unit = defaultUnits.units.find((u) => file.startsWith(u.name))?.name;
      if (!unit) throw new Error(`generate made ${file}, of no unit`);
      byUnit.set(unit, [...(byUnit.get(unit) ?? []), { path: join(out, file), valid: name === 'valid' }]);
    }
  }
  return byUnit;
}

/** A store for the portal: a data folder, or a new database on the PostgreSQL server (dropped by `drop`). */
function store(kind: 'sqlite' | 'postgres'): { args: string[]; drop(): void } {
  if (kind === 'sqlite') {
    const data = join(dir, 'data');
    mkdirSync(data);
    return { args: ['--data', data], drop: () => {} };
  }
  const name = `tianbao_bench_${process.pid}`;
  const psql = (statement: string) =>
    execFileSync('psql', [POSTGRES, '-v', 'ON_ERROR_STOP=1', '-qAtc', statement], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' },
    });
  psql(`drop database if exists ${name} with (force)`);
  psql(`create database ${name}`);
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  return { args: ['--database', url.toString()], drop: () => void psql(`drop database if exists ${name} with (force)`) };
}

function addUser(storeArgs: string[], name: string, role: string, unit?: string): string {
  const password = `${name} 的口令`;
  execFileSync(BIN, ['users', 'add', '--name', name, '--role', role, ...(unit ? ['--unit', unit] : []), '--password-stdin', ...storeArgs], { input: password, stdio: ['pipe', 'ignore', 'inherit'] });
  return password;
}

/** `tianbao serve --port 0`, once it says where it listens. */
async function serve(storeArgs: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(BIN, ['serve', '--port', '0', ...storeArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const found = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      if (found && out.includes('Ctrl+C')) resolve(found);
    });
    child.once('exit', () => reject(new Error(`serve stopped: ${out}`)));
  });
  return { url, child };
}

/** The resident memory of process `pid` and all its descendants, bytes, read from /proc. */
function treeRss(pid: number): number {
  try {
    const rss = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ').filter(Boolean).map(Number);
    return rss + children.reduce((sum, child) => sum + treeRss(child), 0);
  } catch {
    // Gone since its parent listed it.
    return 0;
  }
}

async function createTask(url: string, city: { name: string; password: string }): Promise<string> {
  const login = await fetch(new URL('api/login', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(city) });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const created = await fetch(new URL('api/tasks', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ form: 'review-ledger', period: PERIOD, due: '2023-06-28' }),
  });
  if (created.status !== 201) throw new Error(`task: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { id: string }).id;
}

const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;

interface PortalRun {
  database: 'sqlite' | 'postgres';
  rate: number;
  count: number;
  achieved: number;
  p50: number;
  p95: number;
  max: number;
  errors: Record<string, number>;
  wrongVerdicts: number;
  peakTreeMB: number;
  load: string;
}

async function bench(): Promise<PortalRun[]> {
  const files = ledgers();
  const results: PortalRun[] = [];
  for (const database of ['sqlite', 'postgres'] as const) {
    if (only && only !== database) continue;
    const place = store(database);
    try {
      const city = { name: 'city', password: addUser(place.args, 'city', 'city') };
      const clerks = [...files].map(([unit, its], i) => ({ name: `clerk${i}`, password: addUser(place.args, `clerk${i}`, 'unit', unit), files: its }));
      // One task for every run on this store (a second for the same form and month would be refused).
      let task: string | undefined;
      for (const { rate, count } of RUNS) {
        const server = await serve(place.args);
        try {
          task ??= await createTask(server.url, city);
          const loadFile = join(dir, 'load.json');
          writeFileSync(loadFile, JSON.stringify({ url: server.url, task, rate, count, clerks } satisfies Load));
          // Both settle before the load starts: the children start with the server.
          await new Promise((resolve) => setTimeout(resolve, 2000));
          let peak = treeRss(server.child.pid!);
          const sampler = setInterval(() => (peak = Math.max(peak, treeRss(server.child.pid!))), 100);
          const uptime = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
          const load = spawn(TSX, [join(import.meta.dirname, 'portal-load.ts'), loadFile], { stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          load.stdout!.on('data', (d) => (out += d));
          const [code] = await once(load, 'exit');
          clearInterval(sampler);
          if (code !== 0) throw new Error(`load process failed: ${code}`);
          const r = JSON.parse(out) as LoadResult;
          const sorted = r.latencies.sort((a, b) => a - b);
          const run: PortalRun = {
            database,
            rate,
            count,
            achieved: (r.latencies.length / r.elapsedMs) * 1000,
            p50: percentile(sorted, 0.5),
            p95: percentile(sorted, 0.95),
            max: sorted.at(-1) ?? NaN,
            errors: r.errors,
            wrongVerdicts: r.wrongVerdicts,
            peakTreeMB: Math.round(peak / 1048576),
            load: uptime,
          };
          say(`${database} ${rate}/s × ${count}: ${JSON.stringify(run)}`);
          results.push(run);
        } finally {
          server.child.kill('SIGTERM');
          await once(server.child, 'exit');
        }
      }
    } finally {
      place.drop();
    }
  }
  return results;
}

/** One line of the bench's table for a run. */
const row = (r: PortalRun): [string, string] => {
  const errors = Object.entries(r.errors).map(([k, n]) => `${n} × ${k}`).join(', ') || '0';
  return [
    `portal on ${r.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: ${r.count} ledger uploads at ${r.rate}/s (open loop)`,
    `${r.achieved.toFixed(1)} uploads/s, latency p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms, max ${r.max.toFixed(0)} ms, errors ${errors}` +
      `${r.wrongVerdicts ? `, ${r.wrongVerdicts} wrong verdicts` : ''}, peak ${r.peakTreeMB} MB (server + checkers), load average ${r.load}`,
  ];
};

// The table's lines; with --json, for `pnpm bench` (run.ts) to print among its own.
const rows = (await bench()).map(row);
rmSync(dir, { recursive: true });
if (args.includes('--json')) process.stdout.write(JSON.stringify(rows));
else for (const [k, v] of rows) console.log(`${k}  ${v}`);
