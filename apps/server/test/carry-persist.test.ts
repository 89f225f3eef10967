// 不见实效不予销号: a problem a unit dropped without a word is asked about again next month, naming the month
// that last listed it, until the unit explains it (in the portal, or in a comment).
import { defaultUnits } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import { addUser } from '@tianbao/store';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import { readWorkbook, writeWorkbook } from '@tianbao/xlsx';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer, startJobs, type JobQueue } from '../src/index.ts';
import { builtChecker } from './checker.ts';
import { cookieOf, multipart, untilMade } from './requests.ts';
import { FIXED, P, droppedIn, june } from '../../../test/fixtures/dropped-problem.ts';

const ledger = formById('review-ledger');
const PERIODS = ['2023-06', '2023-07', '2023-08', '2023-09'] as const;

interface Issue {
  rule: string;
  cell: string | null;
  message: string;
  explained: boolean;
}

describe.each(ENGINES)('a problem dropped without a word, in the portal, on %s', (engine) => {
  const database = freshDatabase(engine);
  let app: FastifyInstance;
  let queue: JobQueue;
  const cookies: Record<string, Record<string, string>> = {};
  const tasks: Record<string, string> = {};
  const uploaded: Record<string, { submission: string; report: { valid: boolean; issues: Issue[] } }> = {};

  beforeAll(async () => {
    const checker = builtChecker();
    const { db } = await database.open();
    for (const [name, role, unit] of [['city', 'city'], ['xiuwu', 'unit', '修武县']] as const) await addUser(db, { name, role, unit, password: 'password 1' }, defaultUnits);
    queue = await startJobs({ url: database.options.url, workers: 1, context: { db, checker, units: defaultUnits } });
    app = await buildServer({ db, checker, jobs: queue });
    for (const name of ['city', 'xiuwu']) cookies[name] = cookieOf(await app.inject({ method: 'POST', url: '/api/login', payload: { name, password: 'password 1' } }));
    for (const period of PERIODS)
      tasks[period] = (await app.inject({ method: 'POST', url: '/api/tasks', payload: { form: 'review-ledger', period, due: `${period}-28`, units: ['修武县'] }, cookies: cookies.city })).json().id;
    return async () => {
      await queue.stop();
      await app.close();
    };
  });

  const upload = async (period: (typeof PERIODS)[number]) => {
    const bytes = await writeWorkbook(ledger, period === '2023-06' ? june : droppedIn(period));
    const r = await app.inject({ method: 'POST', url: `/api/tasks/${tasks[period]}/submissions`, ...multipart(`修武县${period}台账.xlsx`, bytes), cookies: cookies.xiuwu });
    expect(r.statusCode).toBe(201);
    uploaded[period] = r.json();
    return uploaded[period].report.issues.filter((i) => i.rule.startsWith('ledger.carry.'));
  };

  it('asks in July of P, dropped from June, and in August again, naming June', async () => {
    expect(await upload('2023-06')).toEqual([]);
    const july = await upload('2023-07');
    expect(july.map((i) => [i.rule, i.cell, i.explained])).toEqual([['ledger.carry.dropped', 'C5', false]]);
    expect(july[0]!.message).toContain(`上月台账案件审理方面列出的问题「${P}」本月未再列出`);
    const august = await upload('2023-08');
    expect(uploaded['2023-08']!.report.valid).toBe(true);
    expect(august.map((i) => [i.rule, i.cell, i.explained])).toEqual([['ledger.carry.dropped', 'C5', false]]);
    expect(august[0]!.message).toContain(`2023年6月台账案件审理方面列出的问题「${P}」此后未再列出，也未说明整改情况`);
  });

  it('asks no more in September once the unit explained it in August; the August compilation gives its word', async () => {
    const explained = await app.inject({
      method: 'POST',
      url: `/api/submissions/${uploaded['2023-08']!.submission}/explanations`,
      payload: { explanations: [{ cell: 'C5', rule: 'ledger.carry.dropped', text: FIXED }] },
      cookies: cookies.xiuwu,
    });
    expect(explained.statusCode).toBe(200);
    expect(await upload('2023-09')).toEqual([]);

    const made = await untilMade(() => app.inject({ method: 'GET', url: `/api/tasks/${tasks['2023-08']}/compiled?format=xlsx`, cookies: cookies.city }));
    expect(made.statusCode).toBe(200);
    const ws = (await readWorkbook(made.rawPayload)).getWorksheet('汇总')!;
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows.filter((r) => r[5] === '已销号').map((r) => [r[0], r[2], r[6]])).toEqual([['修武县', P, FIXED]]);
  });
});
