// `tianbao serve` and `tianbao users` run as a user runs them, for the tests of the portal's processes.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { BIN } from './run.ts';

/** Run the built CLI with `input` on its standard input; its exit status and output. */
export async function tianbaoWithInput(args: string[], input: string) {
  const child = spawn(BIN, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(input);
  const [code] = await once(child, 'exit');
  return { code, stdout, stderr };
}

export interface Serving {
  /** Where it listens, `http://127.0.0.1:port/`. */
  url: string;
  process: ChildProcess;
  /** SIGTERM, then its exit status and all it printed. */
  stop(): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Start `tianbao serve --port 0 …args` (with `env` beside this process's); resolved once it says where it listens. */
export async function serve(args: string[], env: Record<string, string> = {}): Promise<Serving> {
  const child = spawn(BIN, ['serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = once(child, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      stdout += d;
      const found = /^tianbao 门户已启动：(http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(stdout)?.[1];
      if (found && stdout.includes('按 Ctrl+C 停止')) resolve(found);
    });
    child.once('exit', () => reject(new Error(`serve stopped: ${stdout}${stderr}`)));
  });
  return {
    url,
    process: child,
    async stop() {
      child.kill('SIGTERM');
      const [code] = await exited;
      return { code, stdout, stderr };
    },
  };
}

/** The PostgreSQL server the tests create their databases on (as the store's tests). */
const POSTGRES = process.env.TIANBAO_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The rows `statement` gives on the database at `url`, each a line of fields apart by `|` (psql's unaligned output). */
export const psql = (url: string, statement: string): string[] =>
  execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtc', statement], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    .split('\n')
    .filter(Boolean);

/** A new database on the test PostgreSQL server, its address, and how to drop it. */
export function postgresDatabase(): { url: string; drop(): void } {
  const name = `tianbao_e2e_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  psql(POSTGRES, `create database ${name}`);
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => void psql(POSTGRES, `drop database if exists ${name} with (force)`) };
}
