// Who a task is for: the city by default where it reports the form itself, no unit in two tasks for one
// report, units ticked on the page, and a unit the list no longer has.
import { defaultUnits, type UnitList } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import { writeWorkbook } from '@tianbao/xlsx';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/index.ts';
import { sharedChecker } from './checker.ts';
import { cookieOf, multipart, serverWithCityAndClerk } from './requests.ts';

const ledger = formById('review-ledger');
const ALL = defaultUnits.units.map((u) => u.name);
const CITY = defaultUnits.city.name;
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

/** One pool of checking children for the file (see `sharedChecker`). */
const checker = sharedChecker();

describe.each(ENGINES)('the units of a task on %s', (engine) => {
  const database = freshDatabase(engine);
  let app: FastifyInstance;
  const cookies: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    const made = await serverWithCityAndClerk(await database.open());
    app = made.app;
    Object.assign(cookies, made.cookies);
    return () => app.close();
  });

  const open = (payload: object) => app.inject({ method: 'POST', url: '/api/tasks', payload, cookies: cookies.city });

  it('includes the city by default for a form it reports itself, and only then', async () => {
    const cityForms = ['census-roster', 'outfall-checklist', 'fire-safety-contacts'];
    expect(cityForms.every((f) => formById(f).cityReports)).toBe(true);
    for (const form of cityForms) {
      const r = await open({ form, due: '2031-01-10' });
      expect([form, r.statusCode]).toEqual([form, 201]);
      expect(r.json().units).toEqual([CITY, ...ALL]);
      // The city is shown as the task's first unit before it sends anything, as every other unit is.
      const status = (await app.inject({ method: 'GET', url: `/api/tasks/${r.json().id}/status`, cookies: cookies.city })).json();
      expect(status.units.map((u: { unit: string; state: string }) => [u.unit, u.state])).toEqual([CITY, ...ALL].map((u) => [u, 'not-due']));
    }
    const board = (await app.inject({ method: 'GET', url: '/board', cookies: cookies.city })).body;
    expect(board).toMatch(new RegExp(`<tr><th>${CITY}</th>\\s*<td class="cell-not-due"`));
    expect((await open({ form: 'review-ledger', period: '2031-01', due: '2031-01-28' })).json().units).toEqual(ALL);
  });

  it('refuses with 409 task.duplicate a task giving a unit a second one for the same report, naming the first', async () => {
    const first = (await open({ form: 'review-ledger', period: '2032-06', due: '2032-06-28', units: ['修武县', '温县'] })).json();
    const refused = async (payload: object) => {
      const r = await open(payload);
      return [r.statusCode, r.json().error?.rule, r.json().error?.message];
    };
    // The same month is the same report, whatever the due day; a unit in common is enough.
    const same = await refused({ form: 'review-ledger', period: '2032-06', due: '2032-06-28', units: ['修武县', '温县'] });
    expect(same).toEqual([409, 'task.duplicate', expect.stringContaining(`编号 ${first.id}`)]);
    expect(same[2]).toMatch(/^已有2032年6月的行政复议工作问题台账任务（编号 .*，截止 2032年6月28日），其中已有 修武县、温县，未新建/);
    expect((await refused({ form: 'review-ledger', period: '2032-06', due: '2032-06-30', units: ['温县'] })).slice(0, 2)).toEqual([409, 'task.duplicate']);
    expect((await refused({ form: 'review-ledger', period: '2032-06', due: '2032-06-30' })).slice(0, 2)).toEqual([409, 'task.duplicate']);
    // Other units of the same month (one left out at first), another month, another form: new tasks.
    expect((await open({ form: 'review-ledger', period: '2032-06', due: '2032-06-30', units: ['博爱县'] })).statusCode).toBe(201);
    expect((await open({ form: 'review-ledger', period: '2032-07', due: '2032-07-28', units: ['修武县'] })).statusCode).toBe(201);
    // A form not monthly: the same due day is the same collection, another due day another one.
    expect((await open({ form: 'census-roster', due: '2032-03-10', units: ['修武县'] })).statusCode).toBe(201);
    expect((await refused({ form: 'census-roster', due: '2032-03-10', units: ['修武县', CITY] })).slice(0, 2)).toEqual([409, 'task.duplicate']);
    expect((await open({ form: 'census-roster', due: '2033-03-10', units: ['修武县'] })).statusCode).toBe(201);
    const kept = await app.db.selectFrom('tasks').select('id').where('period', '=', '2032-06').execute();
    expect(kept).toHaveLength(2);
  });

  it('lets the page choose the units of a new task, every unit when none is ticked', async () => {
    const board = await app.inject({ method: 'GET', url: '/board', cookies: cookies.city });
    const jar = { ...cookies.city!, ...Object.fromEntries(board.cookies.map((c) => [c.name, c.value])) };
    for (const unit of [CITY, ...ALL]) expect(board.body).toContain(`<input type="checkbox" name="units" value="${unit}">`);
    const post = (fields: [string, string][]) =>
      app.inject({
        method: 'POST',
        url: '/tasks',
        cookies: jar,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams([['_csrf', csrfOf(board.body)], ...fields]).toString(),
      });
    const made = await post([['form', 'census-roster'], ['due', '2034-05-10'], ['units', CITY], ['units', '温县']]);
    expect([made.statusCode, made.headers.location]).toEqual([303, '/board?created=1']);
    const one = await post([['form', 'review-ledger'], ['period', '2034-05'], ['due', '2034-05-28'], ['units', '孟州市']]);
    expect(one.statusCode).toBe(303);
    expect((await post([['form', 'fire-safety-contacts'], ['due', '2034-05-20']])).statusCode).toBe(303);
    const tasks = (await app.inject({ method: 'GET', url: '/api/tasks', cookies: cookies.city })).json() as { form: string; due: string; units: string[] }[];
    expect(tasks.find((t) => t.due === '2034-05-10')!.units).toEqual([CITY, '温县']);
    expect(tasks.find((t) => t.due === '2034-05-28')!.units).toEqual(['孟州市']);
    expect(tasks.find((t) => t.due === '2034-05-20')!.units).toEqual([CITY, ...ALL]);
  });

  it('shows and judges a unit of a task that the unit list, changed since, no longer has', async () => {
    const task = (await open({ form: 'review-ledger', period: '2023-06', due: '2023-06-28', units: ['修武县', '温县'] })).json().id as string;
    const fewer: UnitList = { ...defaultUnits, units: defaultUnits.units.filter((u) => u.name !== '修武县') };
    const other = await buildServer({ db: app.db, units: fewer, checker });
    try {
      const clerk = cookieOf(await other.inject({ method: 'POST', url: '/api/login', payload: { name: 'xiuwu', password: 'password 1' } }));
      const home = await other.inject({ method: 'GET', url: '/home', cookies: clerk });
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('2023年6月行政复议工作问题台账');
      const book = await writeWorkbook(ledger, ledger.samples.find((s) => s.unit === '修武县')!);
      const r = await other.inject({ method: 'POST', url: `/api/tasks/${task}/submissions`, ...multipart('修武县.xlsx', book), cookies: clerk });
      expect(r.statusCode).toBe(201);
      expect(r.json().report).toMatchObject({ unit: '修武县', valid: true, issues: [] });
      const status = (await other.inject({ method: 'GET', url: `/api/tasks/${task}/status`, cookies: cookies.city })).json();
      expect(status.units.map((u: { unit: string; state: string }) => [u.unit, u.state])).toEqual([
        ['温县', 'missing'],
        ['修武县', 'valid'],
      ]);
      const board = (await other.inject({ method: 'GET', url: '/board', cookies: cookies.city })).body;
      expect(board).toContain('<tr><th>修武县</th>');
    } finally {
      await other.close();
    }
  });
});
