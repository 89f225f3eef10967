import { defaultUnits } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import { addUser } from '@tianbao/store';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import { readWorkbook, writeWorkbook } from '@tianbao/xlsx';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { explanationsOf } from '../src/explanations.ts';
import { buildServer } from '../src/index.ts';
import { sharedChecker } from './checker.ts';
import { openJuneLedgerTask, untilMade } from './requests.ts';

const ledger = formById('review-ledger');
const roster = formById('census-roster');
const sample = ledger.samples.find((s) => s.unit === '修武县')!;

/** 修武县's June ledger with a warning (two problems, one measure) and an error (a deadline that is no date). */
const faulty = () =>
  writeWorkbook(ledger, {
    ...sample,
    rows: { ...sample.rows, hearing: { ...sample.rows.hearing, measures: [sample.rows.hearing.measures[0]!] }, drafting: { ...sample.rows.drafting, deadlines: ['尽快'] } },
  });

interface Issue {
  severity: string;
  rule: string;
  cell: string | null;
  message: string;
  explained: boolean;
  explanation?: string;
  offered?: string;
  reply?: string;
}

/** 修武县's roster with only its first 6 members: several units of the notice have nobody, each a warning about the whole file. */
const thinRoster = () => {
  const data = roster.samples.find((s) => s.unit === '修武县')!;
  return writeWorkbook(roster, { ...data, members: data.members.slice(0, 6) });
};

/** One pool of checking children for the file (see `sharedChecker`). */
const checker = sharedChecker();

describe.each(ENGINES)('explaining warnings on %s', (engine) => {
  const database = freshDatabase(engine);
  let app: FastifyInstance;
  const cookies: Record<string, Record<string, string>> = {};
  let task: string;
  let first: { submission: string; report: { issues: Issue[] } };
  let warning: Issue;
  let error: Issue;

  const explain = (name: string | null, submission: string, explanations: object[]) =>
    app.inject({ method: 'POST', url: `/api/submissions/${submission}/explanations`, payload: { explanations }, ...(name && { cookies: cookies[name] }) });
  const upload = async (bytes: Buffer, to = task) => {
    const boundary = 'tianbao-test-boundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="修武县.xlsx"\r\n\r\n`;
    const r = await app.inject({
      method: 'POST',
      url: `/api/tasks/${to}/submissions`,
      payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      cookies: cookies.xiuwu,
    });
    expect(r.statusCode).toBe(201);
    return r.json();
  };

  beforeAll(async () => {
    const { db } = await database.open();
    for (const [name, role, unit] of [['city', 'city'], ['xiuwu', 'unit', '修武县'], ['wenxian', 'unit', '温县']] as const)
      await addUser(db, { name, role, unit, password: 'password1' }, defaultUnits);
    app = await buildServer({ db, checker });
    for (const name of ['city', 'xiuwu', 'wenxian']) {
      const r = await app.inject({ method: 'POST', url: '/api/login', payload: { name, password: 'password1' } });
      cookies[name] = { tianbao_session: r.cookies.find((c) => c.name === 'tianbao_session')!.value };
    }
    task = await openJuneLedgerTask(app, cookies.city!);
    first = await upload(await faulty());
    warning = first.report.issues.find((i) => i.severity === 'warning')!;
    error = first.report.issues.find((i) => i.severity === 'error' && i.cell)!;
    return () => app.close();
  });

  /** The status and rule id a request is refused with. */
  const rule = async (r: ReturnType<typeof explain>) => {
    const answer = await r;
    return [answer.statusCode, answer.json().error.rule];
  };

  it('refuses to explain an error, what is not a warning of the submission, and another unit’s', async () => {
    const { submission } = first;
    expect(await rule(explain('xiuwu', submission, [{ cell: error.cell, rule: error.rule, text: '不改' }]))).toEqual([400, 'explanation.error']);
    expect(await rule(explain('xiuwu', submission, [{ cell: warning.cell, rule: 'ledger.other', text: '说明' }]))).toEqual([400, 'explanation.not-a-warning']);
    expect(await rule(explain('xiuwu', submission, [{ cell: 'Z99', rule: warning.rule, text: '说明' }]))).toEqual([400, 'explanation.not-a-warning']);
    expect(await rule(explain('xiuwu', submission, [{ cell: warning.cell, rule: warning.rule, text: '   ' }]))).toEqual([400, 'explanation.empty']);
    expect(await rule(explain('xiuwu', submission, []))).toEqual([400, 'request.invalid']);
    expect(await rule(explain('wenxian', submission, [{ cell: warning.cell, rule: warning.rule, text: '说明' }]))).toEqual([404, 'submission.not-found']);
    expect(await rule(explain('city', submission, [{ cell: warning.cell, rule: warning.rule, text: '说明' }]))).toEqual([403, 'explanation.not-own']);
    expect(await rule(explain(null, submission, [{ cell: warning.cell, rule: warning.rule, text: '说明' }]))).toEqual([401, 'auth.required']);
    // All or none: one error among them keeps none.
    expect(
      await rule(
        explain('xiuwu', submission, [
          { cell: warning.cell, rule: warning.rule, text: '说明' },
          { cell: error.cell, rule: error.rule, text: '不改' },
        ]),
      ),
    ).toEqual([400, 'explanation.error']);
    expect(await explanationsOf(app.db, submission)).toEqual([]);
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('explains a warning: the report and the status show it, a newer text supersedes the older, both kept', async () => {
    const { submission } = first;
    const r = await explain('xiuwu', submission, [{ cell: warning.cell, rule: warning.rule, text: '第二个问题已并入第一条措施' }]);
    expect(r.statusCode).toBe(200);
    const explained = (r.json().issues as Issue[]).find((i) => i.rule === warning.rule)!;
    expect(explained).toMatchObject({ explained: true, explanation: '第二个问题已并入第一条措施' });
    await explain('xiuwu', submission, [{ cell: warning.cell, rule: warning.rule, text: '两个问题共用一条措施，已核实' }]);
    const report = (await app.inject({ method: 'GET', url: `/api/submissions/${submission}`, cookies: cookies.city })).json();
    expect(report.issues.find((i: Issue) => i.rule === warning.rule)).toMatchObject({ explained: true, explanation: '两个问题共用一条措施，已核实' });
    expect(report.issues.find((i: Issue) => i.rule === error.rule)).toMatchObject({ explained: false });
    expect(await explanationsOf(app.db, submission)).toEqual([
      expect.objectContaining({ cell: warning.cell, rule: warning.rule, text: '两个问题共用一条措施，已核实' }),
    ]);
    const kept = await app.db.selectFrom('explanations').select('text').where('submission_id', '=', submission).execute();
    expect(kept.map((k) => k.text).sort()).toEqual(['两个问题共用一条措施，已核实', '第二个问题已并入第一条措施'].sort());
    const audit = await app.db.selectFrom('audit').select('action').where('subject', '=', submission).where('action', '=', 'submissions.explain').execute();
    expect(audit).toHaveLength(2);
    const status = (await app.inject({ method: 'GET', url: `/api/tasks/${task}/status`, cookies: cookies.city })).json();
    expect(status.units.find((u: { unit: string }) => u.unit === '修武县')).toMatchObject({ submission, explained: 1 });
  });

  it('offers the explanation again when the unit uploads a new version, explaining nothing until given', async () => {
    const again = await upload(await faulty());
    const offered = again.report.issues.find((i: Issue) => i.rule === warning.rule);
    expect(offered).toMatchObject({ explained: false, offered: '两个问题共用一条措施，已核实' });
    expect(offered).not.toHaveProperty('explanation');
    expect(again.report.issues.find((i: Issue) => i.rule === error.rule)).not.toHaveProperty('offered');
    // A draft of the clerk's: the unit's own, not the city's to read.
    const read = async (name: string) => (await app.inject({ method: 'GET', url: `/api/submissions/${again.submission}`, cookies: cookies[name] })).json().issues.find((i: Issue) => i.rule === warning.rule);
    expect(await read('xiuwu')).toMatchObject({ offered: '两个问题共用一条措施，已核实' });
    expect(await read('city')).not.toHaveProperty('offered');
    const status = (await app.inject({ method: 'GET', url: `/api/tasks/${task}/status`, cookies: cookies.city })).json();
    expect(status.units.find((u: { unit: string }) => u.unit === '修武县')).toMatchObject({ submission: again.submission, explained: 0 });
    // The earlier upload counts no more: it is not explained, nor is what it is given offered again.
    expect(await rule(explain('xiuwu', first.submission, [{ cell: warning.cell, rule: warning.rule, text: '旧的一份' }]))).toEqual([409, 'explanation.superseded']);
  });

  it('refuses an explanation with a character that cannot be seen, keeping a line break typed in the box', async () => {
    const sent = await upload(await faulty());
    for (const [c, code] of [['\u202e', 'U+202E'], ['\u200b', 'U+200B'], ['\u0001', 'U+0001'], ['\u001b[2J', 'U+001B']]) {
      const r = await explain('xiuwu', sent.submission, [{ cell: warning.cell, rule: warning.rule, text: `已核实${c}无误` }]);
      expect([r.statusCode, r.json().error.rule]).toEqual([400, 'explanation.invisible']);
      expect(r.json().error.message).toContain(`${warning.cell}（${warning.rule}）的说明中有看不见的字符（${code}`);
    }
    // Nor is a number taken as its digits.
    const number = await explain('xiuwu', sent.submission, [{ cell: warning.cell, rule: warning.rule, text: 123 }]);
    expect([number.statusCode, number.json().error.rule]).toEqual([400, 'explanation.text.invalid']);
    // One too long is told the limit.
    const long = await explain('xiuwu', sent.submission, [{ cell: warning.cell, rule: warning.rule, text: '核'.repeat(2001) }]);
    expect([long.statusCode, long.json().error.rule, long.json().error.message]).toEqual([400, 'explanation.text.invalid', expect.stringContaining('2000')]);
    expect(await explanationsOf(app.db, sent.submission)).toEqual([]);
    const r = await explain('xiuwu', sent.submission, [{ cell: warning.cell, rule: warning.rule, text: '两个问题\r\n共用一条措施' }]);
    expect(r.statusCode).toBe(200);
    expect(await explanationsOf(app.db, sent.submission)).toEqual([expect.objectContaining({ text: '两个问题\r\n共用一条措施' })]);
  });

  it('refuses an empty explanation as a blank one', async () => {
    const { submission } = await upload(await faulty());
    expect(await rule(explain('xiuwu', submission, [{ cell: warning.cell, rule: warning.rule, text: '' }]))).toEqual([400, 'explanation.empty']);
  });

  it('explains warnings about the whole file, each apart from the others of its rule, and counts them explained', async () => {
    const opened = await app.inject({ method: 'POST', url: '/api/tasks', payload: { form: 'census-roster', due: '2099-12-31', units: ['修武县'] }, cookies: cookies.city });
    const rosterTask = opened.json().id;
    const sent = await upload(await thinRoster(), rosterTask);
    const missing = (sent.report.issues as Issue[]).filter((i) => i.rule === 'roster.unit.missing');
    expect(missing.length).toBeGreaterThan(1);
    expect(missing.every((i) => i.cell === null)).toBe(true);
    const [one, other] = missing as [Issue, Issue];
    // Without its message, or with another's, it is no warning of the submission.
    for (const message of [undefined, '名单中没有人员']) {
      const r = await explain('xiuwu', sent.submission, [{ cell: null, rule: one.rule, ...(message && { message }), text: '该单位本次不参加' }]);
      expect([r.statusCode, r.json().error.rule]).toEqual([400, 'explanation.not-a-warning']);
    }
    const r = await explain('xiuwu', sent.submission, [{ cell: null, rule: one.rule, message: one.message, text: '该单位本次不参加' }]);
    expect(r.statusCode).toBe(200);
    const shown = (r.json().issues as Issue[]).filter((i) => i.rule === 'roster.unit.missing');
    expect(shown.find((i) => i.message === one.message)).toMatchObject({ explained: true, explanation: '该单位本次不参加' });
    expect(shown.find((i) => i.message === other.message)).toMatchObject({ explained: false });
    const status = () => app.inject({ method: 'GET', url: `/api/tasks/${rosterTask}/status`, cookies: cookies.city }).then((s) => s.json().units[0]);
    expect(await status()).toMatchObject({ submission: sent.submission, explained: 1 });
    // Every warning explained: the board shows the unit 已说明.
    const rest = (sent.report.issues as Issue[]).filter((i) => i.severity === 'warning' && i.message !== one.message);
    expect(sent.report.issues.filter((i: Issue) => i.severity === 'error')).toEqual([]);
    await explain('xiuwu', sent.submission, rest.map((i) => ({ cell: i.cell, rule: i.rule, ...(i.cell ? {} : { message: i.message }), text: '已核实' })));
    expect(await status()).toMatchObject({ state: 'valid', warnings: rest.length + 1, explained: rest.length + 1 });
    // The marked-up copy lists each with its own text.
    const copy = await untilMade(() => app.inject({ method: 'GET', url: `/api/submissions/${sent.submission}/annotated`, cookies: cookies.xiuwu }));
    const listed = (await readWorkbook(copy.rawPayload)).getWorksheet('审核结果')!.getSheetValues().flat().map(String);
    expect(listed).toContain(`${one.message}\n上报说明：该单位本次不参加`);
    expect(listed).toContain(`${other.message}\n上报说明：已核实`);
    // Offered again, each to its own warning, on the next upload.
    const again = await upload(await thinRoster(), rosterTask);
    const offered = (again.report.issues as Issue[]).filter((i) => i.rule === 'roster.unit.missing');
    expect(offered.find((i) => i.message === one.message)).toMatchObject({ explained: false, offered: '该单位本次不参加' });
    expect(offered.find((i) => i.message === other.message)).toMatchObject({ explained: false, offered: '已核实' });
  });

  it('gives the clerk\'s reply in a marked-up copy sent back, without the copy\'s label', async () => {
    const sent = await upload(await faulty());
    await explain('xiuwu', sent.submission, [{ cell: warning.cell, rule: warning.rule, text: '两个问题共用一条措施' }]);
    const copy = await untilMade(() => app.inject({ method: 'GET', url: `/api/submissions/${sent.submission}/annotated`, cookies: cookies.xiuwu }));
    expect(copy.statusCode).toBe(200);
    const back = await upload(copy.rawPayload);
    expect((back.report.issues as Issue[]).find((i) => i.rule === warning.rule)).toMatchObject({ explained: true, reply: '两个问题共用一条措施' });
    // The copy sent back holds the text in a comment: what the unit wrote, answered again.
    const wb = await readWorkbook(copy.rawPayload);
    expect(JSON.stringify(wb.getWorksheet(ledger.layout.sheet)!.getCell(warning.cell!).note)).toContain('上报说明：两个问题共用一条措施');
  });
});
