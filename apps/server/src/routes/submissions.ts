// Uploads: a unit's clerk sends a workbook for a task; its report and its bytes, as they came.
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod';
import { recordAudit } from '@tianbao/store';
import { sendFile } from '../download.ts';
import { HttpRefusal } from '../errors.ts';
import { ERROR_SCHEMA, ID_PARAMS, REPORT_SCHEMA, Report, routeSchema, type IdParams } from '../schemas.ts';
import { findSubmission, judgeIfStuck, ownUnit, submit, uploaderUnit } from '../submissions.ts';
import { shownReport } from '../explanations.ts';
import { findTask } from '../tasks.ts';
import { discard, receiveUpload, type Received } from '../upload-check.ts';
import { requireAccount, requireRole } from './auth.ts';

const MB = (bytes: number) => `${Math.round((bytes / 1048576) * 10) / 10} MB`;

/** The field of the multipart body that holds the workbook. */
const FILE_FIELD = 'file';

/** What busboy and @fastify/multipart throw for a body that is not whole multipart: cut short, or without its boundary. */
const BROKEN_BODY = /Unexpected end of (form|multipart data)|Boundary not found|Malformed part header|terminated early|Premature close/i;

/** A multipart body that could not be read, said in Chinese. */
function multipartRefusal(e: unknown, uploadBytes: number): unknown {
  const { code, message = '' } = e as { code?: string; message?: string };
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return new HttpRefusal(413, 'submission.too-large', `文件超过 ${MB(uploadBytes)} 的上限，未收下。请确认上传的是报表本身；确实很大的表，请按单位拆分后分别上传`);
  if (code === 'FST_FILES_LIMIT')
    return new HttpRefusal(400, 'submission.file.extra', '一次只能上传一个文件，未收下。请每次上传一个报表；几个单位的表请分别上传');
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return new HttpRefusal(400, 'submission.multipart.invalid', '上传的表单中字段过多，未收下。请用上传页面或只带「file」字段上传');
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || code === 'FST_PROTO_VIOLATION' || BROKEN_BODY.test(message))
    return new HttpRefusal(400, 'submission.multipart.invalid', '上传的内容不完整或格式不对（不是完整的 multipart/form-data），未收下。请重新上传；网络不稳定的，请稍后再试');
  return e;
}

/**
 * The name an upload came under, as it is kept (only ever shown): a control character in it (a NUL, which
 * PostgreSQL cannot keep in text, a line break) replaced, so that the upload is kept whatever its name.
 */
const keptName = (name: string) => name.replace(/\p{Cc}/gu, '_') || '（无文件名）';

/**
 * The one file of an upload, streamed into a folder of the server's own as it arrives (see `receiveUpload`);
 * a body with no file in the field `file`, or with a second file, is refused and nothing is kept of it.
 */
async function receivedFile(request: FastifyRequest, uploadBytes: number): Promise<{ fileName: string; received: Received }> {
  const missing = () => new HttpRefusal(400, 'submission.file.missing', `请以 multipart/form-data 上传，文件放在「${FILE_FIELD}」字段中`);
  if (!request.isMultipart()) throw missing();
  let got: { fileName: string; received: Received } | undefined;
  try {
    // A second file makes busboy stop at its files limit, raised as the next part is asked for.
    for await (const part of request.parts({ limits: { fileSize: uploadBytes, files: 1, fields: 10, parts: 20 } })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== FILE_FIELD) {
        part.file.resume();
        continue;
      }
      const received = await receiveUpload(part.file, part.filename);
      got = { fileName: keptName(part.filename), received };
      if ((part as MultipartFile).file.truncated) throw Object.assign(new Error('too large'), { code: 'FST_REQ_FILE_TOO_LARGE' });
    }
  } catch (e) {
    if (got) await discard(got.received);
    throw multipartRefusal(e, uploadBytes);
  }
  if (!got) throw missing();
  return got;
}

export async function submissionRoutes(app: FastifyInstance): Promise<void> {
  const { db, units, checker, uploadBytes } = app;
  app.addHook('preHandler', requireAccount);

  app.post<{ Params: IdParams }>(
    '/api/tasks/:id/submissions',
    {
      preHandler: requireRole('unit', 'city'),
      schema: {
        params: ID_PARAMS,
        response: {
          201: routeSchema(z.object({ submission: z.string(), report: Report }), 'output'),
          '4xx': ERROR_SCHEMA,
        },
      },
    },
    async (request, reply) => {
      const account = request.account!;
      const task = await findTask(db, request.params.id, account);
      const unit = uploaderUnit(account, task, units);
      const upload = await receivedFile(request, uploadBytes);
      try {
        const submission = await submit(db, task, account, unit, upload, units, checker);
        await recordAudit(db, { userId: account.id, action: 'submissions.upload', subject: submission, address: request.ip });
        const row = await findSubmission(db, submission, account);
        return reply.code(201).send({ submission, report: await shownReport(db, row, true) });
      } finally {
        await discard(upload.received);
      }
    },
  );

  app.get<{ Params: IdParams }>(
    '/api/submissions/:id',
    { schema: { params: ID_PARAMS, response: { 200: REPORT_SCHEMA, '4xx': ERROR_SCHEMA } } },
    async (request) => {
      const row = await findSubmission(db, request.params.id, request.account!);
      const report = await shownReport(db, row, row.unit === ownUnit(request.account!, units.city.name));
      if (!report) {
        await judgeIfStuck(app.jobs, row);
        throw new HttpRefusal(409, 'submission.unjudged', '这份报送还在检查中，请稍后再看');
      }
      return report;
    },
  );

  app.get<{ Params: IdParams }>('/api/submissions/:id/file', { schema: { params: ID_PARAMS } }, async (request, reply) => {
    const row = await findSubmission(db, request.params.id, request.account!, true);
    await recordAudit(db, { userId: request.account!.id, action: 'submissions.download', subject: row.id, address: request.ip });
    return sendFile(reply, row.file_name, row.bytes, 'application/octet-stream');
  });
}
