// Tasks for one report asked for at the same moment: one is made, the others refused as duplicates.
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { serverWithCityAndClerk } from './requests.ts';

describe.each(ENGINES)('tasks opened at once on %s', (engine) => {
  const database = freshDatabase(engine);
  let app: FastifyInstance;
  let city: Record<string, string>;
  const open = (payload: object) => app.inject({ method: 'POST', url: '/api/tasks', payload, cookies: city });
  const statuses = (answers: { statusCode: number }[]) => answers.map((r) => r.statusCode);

  beforeAll(async () => {
    const server = await serverWithCityAndClerk(await database.open());
    ({ app } = server);
    city = server.cookies.city;
    return () => app.close();
  });

  it('makes one of the tasks for one form and month sent together; the others are 409 task.duplicate, naming it', async () => {
    const june = { form: 'review-ledger', period: '2023-06', due: '2023-06-28' };
    const answers = await Promise.all([open(june), open({ ...june, due: '2023-06-30' }), open({ ...june, units: ['修武县'] })]);
    expect(statuses(answers).sort()).toEqual([201, 409, 409]);
    const made = answers.find((r) => r.statusCode === 201)!.json();
    for (const r of answers.filter((a) => a.statusCode === 409)) {
      expect(r.json().error.rule).toBe('task.duplicate');
      expect(r.json().error.message).toContain(`编号 ${made.id}`);
    }
    const listed = (await app.inject({ method: 'GET', url: '/api/tasks', cookies: city })).json();
    expect(listed.map((t: { id: string }) => t.id)).toEqual([made.id]);
  });

  it('makes, sent together, a task of another month, and of a form not monthly one a due day', async () => {
    const answers = await Promise.all([
      open({ form: 'review-ledger', period: '2023-07', due: '2023-07-28' }),
      open({ form: 'census-roster', due: '2023-06-28' }),
      open({ form: 'census-roster', due: '2023-06-28' }),
      open({ form: 'census-roster', due: '2023-07-28' }),
    ]);
    expect(statuses([answers[0]!, answers[3]!])).toEqual([201, 201]);
    expect(statuses(answers.slice(1, 3)).sort()).toEqual([201, 409]);
  });

  it('makes, sent together, tasks of one month for units with none in common', async () => {
    const august = (units: string[]) => open({ form: 'review-ledger', period: '2023-08', due: '2023-08-28', units });
    const answers = await Promise.all([august(['修武县']), august(['温县', '博爱县']), august(['博爱县', '武陟县'])]);
    expect(answers[0]!.statusCode).toBe(201);
    // 博爱县 is asked for twice: one of those two is refused.
    expect(statuses(answers.slice(1)).sort()).toEqual([201, 409]);
  });
});
