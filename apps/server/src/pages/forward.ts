import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import type { Readable } from 'node:stream';
import type { ErrorBody } from '../schemas.ts';
import { errorPage, sendPage } from './view.ts';

/**
 * The pages act through the JSON API, as any client does: the request goes to the API route in this
 * process with the visitor's session cookie and address, so that every check, limit and audit entry of
 * the API holds for a form post too.
 */
export async function forward(request: FastifyRequest, method: 'GET' | 'POST', url: string, body?: { json: unknown } | { raw: Readable }) {
  const headers: Record<string, string> = {};
  if (request.headers.cookie) headers.cookie = request.headers.cookie;
  if (body && 'json' in body) headers['content-type'] = 'application/json';
  if (body && 'raw' in body) {
    headers['content-type'] = request.headers['content-type'] ?? '';
    if (request.headers['content-length']) headers['content-length'] = request.headers['content-length'];
  }
  return request.server.inject({
    method,
    url,
    headers,
    remoteAddress: request.ip,
    ...(body && { payload: 'json' in body ? JSON.stringify(body.json) : body.raw }),
  });
}

/**
 * The refusal an API answer carries, for a page; a Chinese stand-in for one that carries none. The API names
 * a field of its JSON after what it is, `月份（period）`: a page, whose form has no such field, says only 月份.
 */
export function refusalOf(answer: { json: () => unknown; statusCode: number }): ErrorBody['error'] {
  try {
    const error = (answer.json() as Partial<ErrorBody>).error;
    if (error?.rule && error.message) return { rule: error.rule, message: error.message.replace(/（[A-Za-z]+）/g, '') };
  } catch {
    // Not JSON: said below.
  }
  return { rule: 'request.failed', message: `操作未能完成（HTTP ${answer.statusCode}），请返回后重试` };
}

/**
 * A download the API made by a job, passed on to the visitor: the file as the API sends it; while it is being
 * made (202), a page titled `making` that says so and looks again by itself; a refusal as a page.
 */
export function relayDownload(reply: FastifyReply, answer: LightMyRequestResponse, making: string, back: string) {
  if (answer.statusCode === 202) return sendPage(reply, '@wait', making, { message: (answer.json() as { message: string }).message, back, refresh: 3 }, 202);
  if (answer.statusCode !== 200) return errorPage(reply, answer.statusCode, refusalOf(answer), back);
  for (const h of ['content-type', 'content-disposition', 'x-content-type-options', 'cache-control'] as const) if (answer.headers[h]) reply.header(h, answer.headers[h]);
  return reply.send(answer.rawPayload);
}
