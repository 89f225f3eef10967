// What a ledger is compared with is kept when last month's is judged or explained: an upload reads last
// month's from the database, and no earlier month's file again in the checker.
import { availableParallelism } from 'node:os';
import { formById } from '@tianbao/forms';
import { ChildPool } from '@tianbao/isolate';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import { writeWorkbook } from '@tianbao/xlsx';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@tianbao/store';
import { FIXED, droppedIn, june } from '../../../test/fixtures/dropped-problem.ts';
import { builtChecker, CHECKER } from './checker.ts';
import { multipart, serverWithCityAndClerk } from './requests.ts';

const ledger = formById('review-ledger');
const PERIODS = ['2023-06', '2023-07', '2023-08'] as const;

// Every file a child reads, counted: each upload is one, and each earlier month read again one more.
const pool = new ChildPool({ script: CHECKER.script, size: availableParallelism(), nodeOptions: CHECKER.nodeOptions! });
const run = vi.spyOn(pool, 'run');
beforeAll(() => void builtChecker());
afterAll(() => pool.close());

describe.each(ENGINES)('last month compared with as kept, on %s', (engine) => {
  const database = freshDatabase(engine);
  let db: Kysely<Database>;
  let app: FastifyInstance;
  let cookies: Awaited<ReturnType<typeof serverWithCityAndClerk>>['cookies'];
  const tasks: Record<string, string> = {};

  beforeAll(async () => {
    ({ db } = await database.open());
    ({ app, cookies } = await serverWithCityAndClerk({ db }, { ...CHECKER, pool }));
    for (const period of PERIODS)
      tasks[period] = (await app.inject({ method: 'POST', url: '/api/tasks', payload: { form: 'review-ledger', period, due: `${period}-28`, units: ['修武县'] }, cookies: cookies.city })).json().id;
    return () => app.close();
  });

  /** Upload 修武县's ledger of `period`: its report, and how many files the children read meanwhile. */
  const upload = async (period: (typeof PERIODS)[number]) => {
    const bytes = await writeWorkbook(ledger, period === '2023-06' ? june : droppedIn(period));
    const before = run.mock.calls.length;
    const r = await app.inject({ method: 'POST', url: `/api/tasks/${tasks[period]}/submissions`, ...multipart(`修武县${period}台账.xlsx`, bytes), cookies: cookies.xiuwu });
    expect(r.statusCode).toBe(201);
    return { ...(r.json() as { submission: string; report: { valid: boolean; issues: { rule: string; cell: string }[] } }), reads: run.mock.calls.length - before };
  };
  const dropped = (report: { issues: { rule: string; cell: string }[] }) => report.issues.filter((i) => i.rule === 'ledger.carry.dropped').map((i) => i.cell);

  let july: Awaited<ReturnType<typeof upload>>;

  it('reads no earlier month again: each upload is the one file read', async () => {
    expect((await upload('2023-06')).reads).toBe(1);
    july = await upload('2023-07');
    expect([july.reads, july.report.valid, dropped(july.report)]).toEqual([1, true, ['C5']]);
    const august = await upload('2023-08');
    // Still asked in August: June's problem dropped in July without a word.
    expect([august.reads, dropped(august.report)]).toEqual([1, ['C5']]);
  });

  it('makes July again once it is explained: August is asked no more, and reads July no more', async () => {
    const explained = await app.inject({
      method: 'POST',
      url: `/api/submissions/${july.submission}/explanations`,
      payload: { explanations: [{ cell: 'C5', rule: 'ledger.carry.dropped', text: FIXED }] },
      cookies: cookies.xiuwu,
    });
    expect(explained.statusCode).toBe(200);
    const august = await upload('2023-08');
    expect([august.reads, dropped(august.report)]).toEqual([1, []]);
  });

  it('compares with the unit\'s own task of last month, though another of that month was opened later for another unit', async () => {
    const open = async (period: string, unit: string) =>
      (await app.inject({ method: 'POST', url: '/api/tasks', payload: { form: 'review-ledger', period, due: `${period}-28`, units: [unit] }, cookies: cookies.city })).json().id as string;
    const send = async (task: string, data: object) =>
      (await app.inject({ method: 'POST', url: `/api/tasks/${task}/submissions`, ...multipart('修武县台账.xlsx', await writeWorkbook(ledger, data)), cookies: cookies.xiuwu })).json();
    const juneTask = await open('2024-06', '修武县');
    await open('2024-06', '温县');
    const julyTask = await open('2024-07', '修武县');
    expect((await send(juneTask, { ...june, period: '2024-06', reportDate: '2024-06-26' })).report.valid).toBe(true);
    expect(dropped((await send(julyTask, droppedIn('2024-07'))).report)).toEqual(['C5']);
  });

  it('reads the earlier months again where nothing is kept (rows from before it was kept), and keeps them', async () => {
    await db.deleteFrom('compared_ledgers').execute();
    expect(await upload('2023-08')).toMatchObject({ reads: 3 });
    expect(await upload('2023-08')).toMatchObject({ reads: 1 });
  });
});
