// A warning's cell as a clerk may type it: `e4`, `$E$4` or `ｅ４` is E4.
import { formById } from '@tianbao/forms';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import { writeWorkbook } from '@tianbao/xlsx';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { multipart, serverWithCityAndClerk } from './requests.ts';

const ledger = formById('review-ledger');
const sample = ledger.samples.find((s) => s.unit === '修武县')!;
/** 修武县's June ledger with one warning: two problems, one measure. */
const warned = () => writeWorkbook(ledger, { ...sample, rows: { ...sample.rows, hearing: { ...sample.rows.hearing, measures: [sample.rows.hearing.measures[0]!] } } });

interface Issue {
  severity: string;
  rule: string;
  cell: string | null;
  explained: boolean;
  explanation?: string;
}

describe.each(ENGINES)('explaining a cell written otherwise on %s', (engine) => {
  const database = freshDatabase(engine);
  let app: FastifyInstance;
  let clerk: Record<string, string>;
  let task: string;

  beforeAll(async () => {
    const server = await serverWithCityAndClerk(await database.open());
    ({ app } = server);
    clerk = server.cookies.xiuwu;
    const payload = { form: 'review-ledger', period: '2023-06', due: '2023-06-28' };
    task = (await app.inject({ method: 'POST', url: '/api/tasks', payload, cookies: server.cookies.city })).json().id;
    return () => app.close();
  });

  it.each([
    ['lower case', (cell: string) => cell.toLowerCase()],
    ['with $', (cell: string) => cell.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2')],
    // As a Chinese input method types it: `ｄ５`.
    ['full-width letters and digits', (cell: string) => cell.toLowerCase().replace(/[a-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))],
  ])(
    'takes the cell in %s as the warning’s',
    async (_how, written) => {
      const uploaded = (await app.inject({ method: 'POST', url: `/api/tasks/${task}/submissions`, ...multipart('修武县.xlsx', await warned()), cookies: clerk })).json();
      const warning = (uploaded.report.issues as Issue[]).find((i) => i.severity === 'warning' && i.cell)!;
      const cell = written(warning.cell!);
      expect(cell).not.toBe(warning.cell);
      const explanations = [{ cell, rule: warning.rule, text: '已核实，措施合并填写' }];
      const r = await app.inject({ method: 'POST', url: `/api/submissions/${uploaded.submission}/explanations`, payload: { explanations }, cookies: clerk });
      expect(r.statusCode).toBe(200);
      const shown = (await app.inject({ method: 'GET', url: `/api/submissions/${uploaded.submission}`, cookies: clerk })).json();
      expect((shown.issues as Issue[]).find((i) => i.cell === warning.cell && i.rule === warning.rule)).toMatchObject({ explained: true, explanation: '已核实，措施合并填写' });
    },
  );
});
