// One upload: its findings on the sheet drawn, the explanations of its warnings, its marked-up copy.
import { printable } from '@tianbao/form';
import * as z from 'zod';
import type { FastifyInstance } from 'fastify';
import { requireAccount } from '../routes/auth.ts';
import { explanationKey, issueCounts, listedIssues, MAX_ISSUES } from '@tianbao/validate';
import { EXPLANATION_CHARS, shownReport } from '../explanations.ts';
import { findSubmission, judgeIfStuck, ownUnit } from '../submissions.ts';
import { findTask } from '../tasks.ts';
import { forward, refusalOf, relayDownload } from './forward.ts';
import { drawSheet, uploadedCells } from './sheet-view.ts';
import { shownVerdict, sizeText, taskTitle, timeText } from './shown.ts';
import { errorPage, sendPage } from './view.ts';
import { ID_PARAMS, routeSchema, type IdParams } from '../schemas.ts';

/**
 * The explanation form: one `cell`, `rule`, `message` and `text` a warning, in order (a single warning gives
 * strings); a warning about the whole file has the cell '' and is told from others of its rule by its message.
 */
/** A field given once a warning: a string for one, a list for several. */
const fields = (chars: number) => z.union([z.string().max(chars), z.array(z.string().max(chars)).max(10000)]).optional();
const ExplainForm = z.object({ _csrf: z.string().optional(), cell: fields(20), rule: fields(200), message: fields(2000), text: fields(EXPLANATION_CHARS) });

const many = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A warning as the form names it, and an explanation given for it: its key (see `explanationKey`) and text. */
const keyed = (e: { cell: string | null; rule: string; message?: string }, text: string) => `${explanationKey(e)}\u0000${text}`;

const FLASH = { saved: { kind: 'ok', text: '说明已保存。' } } as const;

/** `?saved=1` after explanations are kept, said on the page. */
const Saved = z.object({ saved: z.string().max(1).optional() });

export async function submissionPages(app: FastifyInstance): Promise<void> {
  const { db, checker } = app;

  app.get<{ Params: IdParams; Querystring: z.infer<typeof Saved> }>(
    '/submissions/:id',
    { schema: { params: ID_PARAMS, querystring: routeSchema(Saved) }, preHandler: requireAccount },
    async (request, reply) => {
      const account = request.account!;
      const row = await findSubmission(db, request.params.id, account, true);
      const task = await findTask(db, row.task_id, account);
      const mine = row.unit === ownUnit(account, app.units.city.name);
      const report = await shownReport(db, row, mine);
      // One its check never finished (a process ended under it) is judged again.
      if (!report) await judgeIfStuck(app.jobs, row);
      const history = await db
        .selectFrom('submissions')
        .innerJoin('users', 'users.id', 'submissions.user_id')
        .select(['submissions.id', 'submissions.file_name', 'submissions.received_at', 'submissions.verdict', 'users.name'])
        .where('submissions.task_id', '=', row.task_id)
        .where('submissions.unit', '=', row.unit)
        .orderBy('submissions.received_at', 'desc')
        .orderBy('submissions.id', 'desc')
        .execute();
      // The notice of findings past those listed is said above the lists, not as one of them (nothing to explain).
      const issues = report ? listedIssues(report) : [];
      const cells = report?.sheet ? await uploadedCells(row.bytes, report.sheet, checker) : null;
      const latest = history[0]?.id === row.id;
      return sendPage(reply, '@submission', `${row.unit} ${taskTitle(task)}`, {
        back: account.role === 'unit' ? { href: '/home', text: '← 本单位报送' } : { href: `/tasks/${task.id}`, text: `← ${taskTitle(task)}` },
        flash: request.query.saved ? FLASH.saved : null,
        sub: {
          id: row.id,
          task: task.id,
          taskTitle: taskTitle(task),
          unit: row.unit,
          fileName: printable(row.file_name),
          size: sizeText(row.size),
          at: timeText(row.received_at),
          by: history.find((h) => h.id === row.id)?.name ?? '',
          latest,
          verdict: shownVerdict(row.verdict),
          // A file that could not be read has no marked-up copy to offer.
          read: row.verdict !== 'unread',
          ...(report ? issueCounts(report) : { errors: 0, warnings: 0, explained: 0 }),
          unlisted: report?.unlisted ? { ...report.unlisted, most: MAX_ISSUES } : null,
        },
        // Every finding listed, not only drawn: the table may not reach every cell.
        errors: issues.filter((i) => i.severity === 'error'),
        // The text offered from the unit's upload before (see `shownReport`) fills the clerk's box only: it explains nothing yet.
        warnings: issues
          .filter((i) => i.severity === 'warning')
          .map((i) => ({ cell: i.cell, rule: i.rule, message: i.message, explained: i.explained, explanation: i.explanation, draft: i.explanation ?? i.offered ?? '' })),
        canExplain: mine && latest,
        // The clerk of an older upload is sent to the latest, the one that counts, to explain.
        latestId: mine && !latest ? history[0]!.id : null,
        explanationChars: EXPLANATION_CHARS,
        canUpload: mine,
        sheet: cells && drawSheet(cells, issues),
        noSheet: !report
          ? '这份报送还在检查中，请稍后刷新本页。'
          : report.sheet
            ? '表格未能显示（读取时出错或超时），问题见上方列表；也可下载批注副本查看。'
            : '此文件中没有可显示的报表工作表，问题见上方列表。',
        history: history.map((h) => ({ id: h.id, at: timeText(h.received_at), fileName: printable(h.file_name), verdict: shownVerdict(h.verdict), by: h.name })),
      });
    },
  );

  app.post<{ Params: IdParams; Body: z.infer<typeof ExplainForm> }>(
    '/submissions/:id/explanations',
    { schema: { params: ID_PARAMS, body: routeSchema(ExplainForm) }, preHandler: [app.csrfProtection, requireAccount] },
    async (request, reply) => {
      const [cells, rules, messages, texts] = [many(request.body.cell), many(request.body.rule), many(request.body.message), many(request.body.text)];
      const back = `/submissions/${encodeURIComponent(request.params.id)}`;
      // What stands explained already, not to be given again unchanged.
      const report = await shownReport(db, await findSubmission(db, request.params.id, request.account!), false);
      const standing = new Set(report?.issues.filter((i) => i.explanation !== undefined).map((i) => keyed(i, i.explanation!)));
      // A box left empty explains nothing.
      const explanations = cells
        .map((cell, i) => ({ cell: cell || null, rule: rules[i] ?? '', ...(!cell && { message: messages[i] ?? '' }), text: (texts[i] ?? '').trim() }))
        .filter((e) => e.text && !standing.has(keyed(e, e.text)));
      if (!explanations.length) {
        if (standing.size) return reply.redirect(`${back}?saved=1`, 303);
        return errorPage(reply, 400, { rule: 'explanation.empty', message: '没有填写任何说明。请在提示项下的框中写明理由后再保存' }, back);
      }
      const answer = await forward(request, 'POST', `/api/submissions/${encodeURIComponent(request.params.id)}/explanations`, { json: { explanations } });
      if (answer.statusCode >= 300) return errorPage(reply, answer.statusCode, refusalOf(answer), back);
      return reply.redirect(`${back}?saved=1`, 303);
    },
  );

  // The marked-up copy as the API gives it; while it is being made, a page that looks again by itself.
  app.get<{ Params: IdParams }>('/submissions/:id/annotated', { schema: { params: ID_PARAMS }, preHandler: requireAccount }, async (request, reply) => {
    const answer = await forward(request, 'GET', `/api/submissions/${encodeURIComponent(request.params.id)}/annotated`);
    return relayDownload(reply, answer, '正在生成批注副本', `/submissions/${encodeURIComponent(request.params.id)}`);
  });
}
