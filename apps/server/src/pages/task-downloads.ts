// What the city takes away from a task: where its units stand as a workbook, the accepted files in one zip, and their compilation.
import archiver from 'archiver';
import { formatDateCn, formatPeriodCn, titleFor, today } from '@tianbao/form';
import * as z from 'zod';
import { formById } from '@tianbao/forms';
import { recordAudit } from '@tianbao/store';
import { filesTable, statusTable } from '@tianbao/validate';
import type { FastifyInstance } from 'fastify';
import { sendFile } from '../download.ts';
import { HttpRefusal } from '../errors.ts';
import { requireAccount, requireRole } from '../routes/auth.ts';
import { taskStatus } from '../task-status.ts';
import { findTask } from '../tasks.ts';
import { forward, relayDownload } from './forward.ts';
import { ID_PARAMS, IdParams, routeSchema } from '../schemas.ts';

/** What "received" is in the portal (`tianbao status` says it of a folder's files in its own words). */
/** A task's id and the format of its compilation. */
const CompiledParams = IdParams.extend({ format: z.enum(['xlsx', 'pdf']) });

const RECEIVED_NOTE = '收到时间即上传时间，按服务器时区计；一个单位上传几次时，按最后一次上传判定。';

export async function taskDownloads(app: FastifyInstance): Promise<void> {
  const { db, units } = app;
  app.addHook('preHandler', requireAccount);
  app.addHook('preHandler', requireRole('city', 'admin'));

  // The workbook `tianbao status --xlsx` writes, for the task.
  app.get<{ Params: IdParams }>('/tasks/:id/status.xlsx', { schema: { params: ID_PARAMS } }, async (request, reply) => {
    const task = await findTask(db, request.params.id, request.account!);
    const def = formById(task.form);
    const s = await taskStatus(db, task, units);
    const asOf = today();
    const when = task.period ? formatPeriodCn(task.period) : '';
    const heading = (what: string) => `${units.city.name}${when}${def.name}${what}（截至${formatDateCn(asOf)}，${formatDateCn(task.due)}前报送）`;
    const { writeTables } = await import('@tianbao/xlsx');
    const bytes = await writeTables([
      { name: '报送情况', title: heading('报送情况'), table: statusTable(s), notes: [RECEIVED_NOTE] },
      { name: '收到的文件', title: heading('收到的文件'), table: filesTable(s), notes: [RECEIVED_NOTE] },
    ]);
    await recordAudit(db, { userId: request.account!.id, action: 'tasks.status-workbook', subject: task.id, address: request.ip });
    return sendFile(reply, `${units.city.name}${when}${def.name}报送情况（截至${formatDateCn(asOf)}）.xlsx`, bytes);
  });

  // Each unit's accepted submission, as uploaded, named after its unit (never after the name it came under).
  app.get<{ Params: IdParams }>('/tasks/:id/accepted.zip', { schema: { params: ID_PARAMS } }, async (request, reply) => {
    const task = await findTask(db, request.params.id, request.account!);
    const def = formById(task.form);
    const s = await taskStatus(db, task, units);
    const when = task.period ? formatPeriodCn(task.period) : '';
    const accepted = s.units.filter((u) => u.state === 'valid' && u.submission);
    // An empty zip would look like a failed download.
    if (!accepted.length) throw new HttpRefusal(409, 'tasks.accepted.none', '本任务还没有通过检查的报送，没有可打包下载的报表。请待有单位通过后再下载');
    // Entry times in local time, as a zip's are read: the server's time zone (`serve --timezone`), as every time shown.
    const zip = archiver('zip', { zlib: { level: 6 }, forceLocalTime: true });
    zip.on('warning', (e) => zip.emit('error', e));
    for (const u of accepted) {
      const row = await db.selectFrom('submissions').select(['bytes', 'received_at']).where('id', '=', u.submission!).executeTakeFirstOrThrow();
      zip.append(row.bytes, { name: `${titleFor(def.layout, u.unit)}${when}.xlsx`, date: new Date(row.received_at) });
    }
    void zip.finalize();
    await recordAudit(db, { userId: request.account!.id, action: 'tasks.accepted-zip', subject: task.id, address: request.ip });
    return sendFile(reply, `${units.city.name}${when}${def.name}（已通过${accepted.length}份）.zip`, zip, 'application/zip');
  });

  // The compilation (`tianbao compile`) as the API gives it; while it is being made, a page that looks again by itself.
  app.get<{ Params: z.infer<typeof CompiledParams>; Querystring: { asOf?: string } }>('/tasks/:id/compiled.:format', { schema: { params: routeSchema(CompiledParams) } }, async (request, reply) => {
    // The task page's date, when one is picked: the API judges it.
    const asOf = request.query.asOf ? `&asOf=${encodeURIComponent(request.query.asOf)}` : '';
    const answer = await forward(request, 'GET', `/api/tasks/${encodeURIComponent(request.params.id)}/compiled?format=${request.params.format}${asOf}`);
    return relayDownload(reply, answer, '正在生成全市汇总', `/tasks/${encodeURIComponent(request.params.id)}`);
  });
}
