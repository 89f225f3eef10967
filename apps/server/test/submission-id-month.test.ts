// A submission's id is no file name: a random one that reads as a month (about one in a thousand, as
// `…-2031-4a1a-…` reads 2031-04) is still the unit's upload for its task's month.
import { formById } from '@tianbao/forms';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import { writeWorkbook } from '@tianbao/xlsx';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { droppedIn, june } from '../../../test/fixtures/dropped-problem.ts';
import { multipart, serverWithCityAndClerk } from './requests.ts';

const ledger = formById('review-ledger');
/** An id `randomUUID` may give, in which `periodFromFileName` finds April 2031. */
const MONTH_LIKE = '7f9908d5-2031-4a1a-a064-b903fa193aac';

describe.each(ENGINES)('a submission whose id reads as a month, on %s', (engine) => {
  const database = freshDatabase(engine);
  let app: FastifyInstance;
  let cookies: Awaited<ReturnType<typeof serverWithCityAndClerk>>['cookies'];
  const tasks: Record<string, string> = {};

  beforeAll(async () => {
    const { db } = await database.open();
    ({ app, cookies } = await serverWithCityAndClerk({ db }));
    for (const period of ['2023-06', '2023-07'])
      tasks[period] = (await app.inject({ method: 'POST', url: '/api/tasks', payload: { form: 'review-ledger', period, due: `${period}-28`, units: ['修武县'] }, cookies: cookies.city })).json().id;
    const send = async (data: object) =>
      (await app.inject({ method: 'POST', url: `/api/tasks/${tasks['2023-06']}/submissions`, ...multipart('修武县台账.xlsx', await writeWorkbook(ledger, data)), cookies: cookies.xiuwu })).json().submission as string;
    const valid = await send(june);
    await send(droppedIn('2023-07'));
    // June's valid upload again, after July's workbook sent by mistake, under an id randomUUID may give: the unit's latest.
    const row = await db.selectFrom('submissions').selectAll().where('id', '=', valid).executeTakeFirstOrThrow();
    await db.insertInto('submissions').values({ ...row, id: MONTH_LIKE, received_at: new Date().toISOString() }).execute();
    return () => app.close();
  });

  it('is the unit\'s submission, valid', async () => {
    const status = (await app.inject({ method: 'GET', url: `/api/tasks/${tasks['2023-06']}/status`, cookies: cookies.city })).json();
    expect(status.units[0]).toMatchObject({ unit: '修武县', state: 'valid', submission: MONTH_LIKE });
  });

  it('is what next month is compared with', async () => {
    const r = await app.inject({ method: 'POST', url: `/api/tasks/${tasks['2023-07']}/submissions`, ...multipart('修武县2023-07台账.xlsx', await writeWorkbook(ledger, droppedIn('2023-07'))), cookies: cookies.xiuwu });
    expect(r.json().report.issues.filter((i: { rule: string }) => i.rule === 'ledger.carry.dropped').map((i: { cell: string }) => i.cell)).toEqual(['C5']);
  });
});
