// The load of the portal bench, in a process of its own (see portal-uploads.ts): uploads sent open-loop,
// the i-th at i/rate seconds whatever the earlier ones do, so that a slow server meets the same arrivals a
// fast one does. Prints one JSON object: each upload's latency, from when it was due, and what went wrong.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface Load {
  url: string;
  task: string;
  /** Uploads a second. */
  rate: number;
  count: number;
  /** Each clerk and the files it uploads in turn (its unit's valid and faulty ledgers), and whether each is valid. */
  clerks: { name: string; password: string; files: { path: string; valid: boolean }[] }[];
}

export interface LoadResult {
  /** Latency of each upload answered 201, ms, from when it was due. */
  latencies: number[];
  /** Uploads not answered 201, by status (or the network error). */
  errors: Record<string, number>;
  /** Uploads whose report did not judge the file as it was made (a valid ledger found invalid or the reverse). */
  wrongVerdicts: number;
  /** From the first upload's due time to the last answer, ms. */
  elapsedMs: number;
}

async function login(url: string, name: string, password: string): Promise<string> {
  const r = await fetch(new URL('api/login', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  if (r.status !== 200) throw new Error(`login ${name}: ${r.status}`);
  return r.headers.getSetCookie()[0]!.split(';')[0]!;
}

async function run(load: Load): Promise<LoadResult> {
  const clerks = await Promise.all(
    load.clerks.map(async (c) => ({
      cookie: await login(load.url, c.name, c.password),
      files: c.files.map((f) => ({ name: basename(f.path), bytes: new Blob([readFileSync(f.path)]), valid: f.valid })),
    })),
  );
  const endpoint = new URL(`api/tasks/${load.task}/submissions`, load.url);
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let wrongVerdicts = 0;
  const upload = async (i: number, due: number) => {
    const clerk = clerks[i % clerks.length]!;
    const file = clerk.files[Math.floor(i / clerks.length) % clerk.files.length]!;
    const form = new FormData();
    form.append('file', file.bytes, file.name);
    try {
      const r = await fetch(endpoint, { method: 'POST', headers: { cookie: clerk.cookie }, body: form });
      const body = (await r.json()) as { report?: { valid: boolean } };
      if (r.status !== 201) return void (errors[r.status] = (errors[r.status] ?? 0) + 1);
      latencies.push(performance.now() - due);
      if (body.report?.valid !== file.valid) wrongVerdicts++;
    } catch (e) {
      const why = (e as Error).message;
      errors[why] = (errors[why] ?? 0) + 1;
    }
  };
  const start = performance.now() + 100;
  const sent: Promise<void>[] = [];
  for (let i = 0; i < load.count; i++) {
    const due = start + (i * 1000) / load.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sent.push(upload(i, due));
  }
  await Promise.all(sent);
  return { latencies, errors, wrongVerdicts, elapsedMs: performance.now() - start };
}

const load = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Load;
process.stdout.write(JSON.stringify(await run(load)));
