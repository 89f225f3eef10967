// A unit's latest upload is its submission, whatever month its workbook says; the task page shows it first,
// the earlier ones folded.
import { formById } from '@tianbao/forms';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import { writeWorkbook } from '@tianbao/xlsx';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { multipart, serverWithCityAndClerk } from './requests.ts';

const ledger = formById('review-ledger');
const sample = ledger.samples.find((s) => s.unit === '修武县')!;

interface File {
  submission: string;
  period: string | null;
  use: string;
  verdict: string;
}

describe.each(ENGINES)('the latest upload on %s', (engine) => {
  const database = freshDatabase(engine);
  let app: FastifyInstance;
  let cookies: Record<'city' | 'xiuwu', Record<string, string>>;
  let task: string;
  /** 修武县's uploads to the June task, in order: June's, then July's workbook. */
  let june: string;
  let july: string;

  beforeAll(async () => {
    ({ app, cookies } = await serverWithCityAndClerk(await database.open()));
    const payload = { form: 'review-ledger', period: '2023-06', due: '2099-06-28', units: ['修武县', '温县'] };
    task = (await app.inject({ method: 'POST', url: '/api/tasks', payload, cookies: cookies.city })).json().id;
    const upload = async (name: string, bytes: Buffer) =>
      (await app.inject({ method: 'POST', url: `/api/tasks/${task}/submissions`, ...multipart(name, bytes), cookies: cookies.xiuwu })).json().submission as string;
    june = await upload('修武县6月.xlsx', await writeWorkbook(ledger, sample));
    july = await upload('修武县7月.xlsx', await writeWorkbook(ledger, { ...sample, period: '2023-07', reportDate: '2023-07-26' }));
    return () => app.close();
  });

  it('judges the unit on a workbook of another month sent last: not passed, its month as found', async () => {
    const status = (await app.inject({ method: 'GET', url: `/api/tasks/${task}/status`, cookies: cookies.city })).json();
    const xiuwu = status.units.find((u: { unit: string }) => u.unit === '修武县');
    expect(xiuwu).toMatchObject({ state: 'invalid', submission: july, file: '修武县7月.xlsx', errors: 1 });
    expect((xiuwu.files as File[]).map((f) => [f.submission, f.period, f.use, f.verdict])).toEqual([
      [july, '2023-07', 'judged', 'invalid'],
      [june, '2023-06', 'older', 'valid'],
    ]);
    expect(status.summary).toMatchObject({ valid: 0, invalid: 1, 'not-due': 1 });
    // The clerk's own row says the same.
    const own = (await app.inject({ method: 'GET', url: `/api/tasks/${task}/status`, cookies: cookies.xiuwu })).json();
    expect(own.units).toEqual([xiuwu]);
  });

  it('shows it on the board: 不通过, linked to the latest upload', async () => {
    const board = (await app.inject({ method: 'GET', url: '/board', cookies: cookies.city })).body;
    const cell = new RegExp(`<td class="cell-(\\w+)" data-unit="修武县" data-task="${task}">\\s*<a class="state state-\\w+" href="/submissions/([\\w-]+)">([^<]+)</a>`).exec(board);
    expect(cell?.slice(1)).toEqual(['invalid', july, '不通过']);
  });

  it('lists the latest upload on the task page, the earlier ones folded, each linked', async () => {
    const page = (await app.inject({ method: 'GET', url: `/tasks/${task}`, cookies: cookies.city })).body;
    const row = /<tr>\s*<th>修武县<\/th>[\s\S]*?<\/tr>/.exec(page)![0];
    const links = (html: string) => [...html.matchAll(/href="\/submissions\/([\w-]+)"/g)].map((m) => m[1]);
    const folded = /<details><summary>历史 (\d+) 份<\/summary>([\s\S]*?)<\/details>/.exec(row);
    expect(folded?.[1]).toBe('1');
    expect(links(folded![2]!)).toEqual([june]);
    expect(links(row.replace(folded![0], ''))).toEqual([july]);
    // A unit with one upload or none has nothing folded.
    expect(/<tr>\s*<th>温县<\/th>[\s\S]*?<\/tr>/.exec(page)![0]).not.toContain('<details>');
  });
});
