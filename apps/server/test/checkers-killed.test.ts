// The checking children killed while uploads are in flight (an admin's kill, the OOM killer): every upload
// still gets its report, checked in a child started in their place or, for the one in a killed child,
// `file.crashed`; none is answered 500.
import { execFileSync } from 'node:child_process';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECKER } from './checker.ts';
import { juneLedgerToUpload, multipart } from './requests.ts';


/** The checking children of this process (the server's own pool: no other in this file). */
const children = () =>
  execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(CHECKER.script))
    .map((line) => Number(line.trim().split(/\s+/)[0]));

describe.each(ENGINES)('checking children killed on %s', (engine) => {
  const database = freshDatabase(engine);
  let app: FastifyInstance;
  let cookies: Record<'city' | 'xiuwu', Record<string, string>>;
  let task: string;
  let file: Buffer;

  beforeAll(async () => {
    // A server with a pool of its own, as `serve` runs it.
    ({ app, cookies, task, file } = await juneLedgerToUpload(await database.open(), CHECKER));
    return () => app.close();
  });

  it('answers every upload with its report', async () => {
    const uploads = Array.from({ length: 8 }, () => app.inject({ method: 'POST', url: `/api/tasks/${task}/submissions`, ...multipart('a.xlsx', file), cookies: cookies.xiuwu }));
    // Killed, and their replacements killed as they start.
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const pid of children()) process.kill(pid, 'SIGKILL');
    }
    const answers = await Promise.all(uploads);
    expect(answers.map((r) => r.statusCode)).toEqual(answers.map(() => 201));
    for (const r of answers) {
      const { report } = r.json();
      expect(report.valid || report.issues.some((i: { rule: string }) => i.rule === 'file.crashed')).toBe(true);
    }
  });
});
