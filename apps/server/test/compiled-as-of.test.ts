import { defaultUnits, formatDateCn, today } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import { addUser } from '@tianbao/store';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import { readWorkbook, writeWorkbook } from '@tianbao/xlsx';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer, startJobs, type JobQueue } from '../src/index.ts';
import { sharedChecker } from './checker.ts';
import { cookieOf, multipart, openJuneLedgerTask, untilMade } from './requests.ts';

const ledger = formById('review-ledger');
/** 修武县's June ledger: its time limits are days from 2023-07-31 on, 未到期 on 2023-07-05 and 逾期 today. */
const sample = ledger.samples.find((s) => s.unit === '修武县')!;
const days = (Object.values(sample.rows) as { deadlines: string[] }[]).flatMap((r) => r.deadlines).filter((d) => /^\d{4}-/.test(d));

/** 汇总's title and the 状态 of each of 修武县's problems whose time limit is a day. */
const read = async (bytes: Buffer) => {
  const ws = (await readWorkbook(bytes)).getWorksheet('汇总')!;
  const states: string[] = [];
  ws.eachRow((row, r) => {
    const limit = row.getCell(5).value;
    if (r > 2 && row.getCell(1).value === '修武县' && limit instanceof Date) states.push(String(row.getCell(6).value));
  });
  return { title: String(ws.getCell(1, 1).value), states };
};

/** One pool of checking children for the file (see `sharedChecker`). */
const checker = sharedChecker();

describe.each(ENGINES)('a task’s compiled returns as of a day, on %s', (engine) => {
  const database = freshDatabase(engine);
  let app: FastifyInstance;
  let queue: JobQueue;
  let task: string;
  let city: Record<string, string>;

  beforeAll(async () => {
    const { db } = await database.open();
    for (const [name, role, unit] of [['city', 'city'], ['xiuwu', 'unit', '修武县']] as const) await addUser(db, { name, role, unit, password: 'password 1' }, defaultUnits);
    queue = await startJobs({ url: database.options.url, workers: 1, context: { db, checker, units: defaultUnits } });
    app = await buildServer({ db, checker, jobs: queue });
    const login = async (name: string) => cookieOf(await app.inject({ method: 'POST', url: '/api/login', payload: { name, password: 'password 1' } }));
    city = await login('city');
    task = await openJuneLedgerTask(app, city);
    const up = await app.inject({ method: 'POST', url: `/api/tasks/${task}/submissions`, ...multipart('修武县6月台账.xlsx', await writeWorkbook(ledger, sample)), cookies: await login('xiuwu') });
    expect(up.statusCode).toBe(201);
    // Uploaded back then, on 2023-06-26: received by 2023-07-05.
    await db.updateTable('submissions').set({ received_at: '2023-06-26T02:00:00.000Z' }).where('id', '=', up.json().submission).execute();
    return async () => {
      await queue.stop();
      await app.close();
    };
  });

  const compiled = (query: string) => () => app.inject({ method: 'GET', url: `/api/tasks/${task}/compiled?format=xlsx${query}`, cookies: city });

  it('takes ?asOf=YYYY-MM-DD: its 逾期 and its date are that day’s; by default today’s', async () => {
    const then = await read((await untilMade(compiled('&asOf=2023-07-05'))).rawPayload);
    expect(then.title).toContain('（截至2023年7月5日）');
    expect(days.length).toBeGreaterThan(0);
    expect(days.every((d) => d > '2023-07-05' && d < today())).toBe(true);
    expect(then.states.length).toBeGreaterThan(0);
    expect(new Set(then.states)).toEqual(new Set(['未到期']));
    const now = await read((await untilMade(compiled(''))).rawPayload);
    expect(now.title).toContain(`（截至${formatDateCn(today())}）`);
    expect(new Set(now.states)).toEqual(new Set(['逾期']));
  });

  it('refuses a day that is not one: 400', async () => {
    for (const bad of ['2023-02-30', '2023-7-5', 'yesterday']) {
      const r = await compiled(`&asOf=${bad}`)();
      expect([r.statusCode, r.json().error.rule]).toEqual([400, 'task.compiled.as-of.invalid']);
    }
  });

  it('says on the task page which day the compilation is as of, and offers another', async () => {
    const page = await app.inject({ method: 'GET', url: `/tasks/${task}`, cookies: city });
    expect(page.body).toContain(`全市汇总截至 ${formatDateCn(today())}`);
    expect(page.body).toMatch(/<input type="date" name="asOf"/);
    const pdf = await untilMade(() => app.inject({ method: 'GET', url: `/tasks/${task}/compiled.pdf?asOf=2023-07-05`, cookies: city }));
    expect([pdf.statusCode, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
  });
});
