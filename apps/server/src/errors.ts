import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { Refusal } from '@tianbao/form';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from './schemas.ts';

export const errorBody = (rule: string, message: string): ErrorBody => ({ error: { rule, message } });

/** A refusal with the HTTP status it answers. */
export class HttpRefusal extends Refusal {
  constructor(
    readonly status: number,
    rule: string,
    message: string,
  ) {
    super(rule, message);
  }
}

/** What a user is told of an error nobody meant: the number under which its detail is in the server's log. */
export const internalMessage = (id: string) => `服务器内部错误，未能完成（错误编号 ${id}）。请稍后重试；如仍出错，请把错误编号告知管理员，详情在服务器的日志中`;

/**
 * Note an error nobody meant on stderr, where an admin looks (one line with a new error id, the request and
 * the stack under it), and give the id: the user is shown the id only, never the English detail.
 */
export function logFailure(error: unknown, request: FastifyRequest): string {
  const id = randomUUID().slice(0, 8);
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  process.stderr.write(`[tianbao] 错误 ${id} ${new Date().toISOString()} ${request.method} ${request.url.slice(0, 200)}\n${detail}\n`);
  return id;
}

/** What Fastify itself refuses (no route, a body it cannot read), said in Chinese. */
const BY_STATUS: Record<number, [string, string]> = {
  400: ['request.invalid', '请求格式不正确'],
  404: ['request.not-found', '没有这个地址'],
  405: ['request.method', '此地址不支持这种请求方式'],
  406: ['request.not-acceptable', '无法按所要求的格式回答'],
  413: ['request.too-large', '上传的内容过大'],
  415: ['request.media-type', '不支持这种内容类型'],
};

/** What Fastify refuses with a code of its own, said more exactly than by its status. */
const BY_CODE: Record<string, [number, string, string]> = {
  FST_ERR_BAD_URL: [400, 'request.url.invalid', '地址中有无法识别的字符（如不完整的 % 编码）。请检查地址，或从页面上的链接进入'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'request.json.invalid', '请求内容不是有效的 JSON，请检查括号、引号和逗号'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'request.json.empty', '请求内容是空的：内容类型为 JSON 时，请附上 JSON 对象'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'request.media-type', '不支持这种内容类型：请以 JSON（application/json）提交，上传文件请用 multipart/form-data'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'request.length.invalid', '请求声明的长度与实际内容不符，请重新提交'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'request.too-large', '请求内容过大，未收下'],
  FST_ERR_CTP_INVALID_TYPE: [400, 'request.media-type.invalid', '请求的内容类型写法不对，请检查 Content-Type'],
};

/**
 * Fastify's `frameworkErrors`: what it refuses before the routing is done (an address that cannot be
 * decoded), answered as every other refusal.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const [status, rule, message] = BY_CODE[error.code] ?? [400, ...BY_STATUS[400]!];
  void reply.code(status).send(errorBody(rule, message));
}

/** An address nobody serves, answered as every other refusal (a browser asking for a page gets one: see `pageRoutes`). */
export const answerNotFound = (_request: FastifyRequest, reply: FastifyReply) => reply.code(404).send(errorBody(...BY_STATUS[404]!));

/** Every error answered as an `ErrorBody`; an unexpected one as a 500 whose detail goes to the log only. */
export function answerErrors(app: FastifyInstance): void {
  app.setNotFoundHandler(answerNotFound);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpRefusal) return reply.code(error.status).send(errorBody(error.rule, error.message));
    const known = BY_CODE[error.code];
    if (known) return reply.code(known[0]).send(errorBody(known[1], known[2]));
    const status = error.statusCode ?? 500;
    if (status < 500) {
      const [rule, message] = BY_STATUS[status] ?? BY_STATUS[400]!;
      return reply.code(status).send(errorBody(rule, message));
    }
    return reply.code(500).send(errorBody('internal', internalMessage(logFailure(error, request))));
  });
}

/** The NUL character: PostgreSQL cannot keep it in text, and no name, date or explanation has one. */
const NUL = '\u0000';

/** Whether a value as parsed (text, or a list or object of them) holds a NUL anywhere, in its keys too. */
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (typeof value !== 'object' || value === null || depth > 20) return false;
  return Object.entries(value).some(([k, v]) => k.includes(NUL) || holdsNul(v, depth + 1));
}

/**
 * Refuse, before any route reads it, a request whose address, query or body holds a NUL (`%00`, `\u0000`):
 * on PostgreSQL it would fail as the text is written or looked up; on SQLite it would be kept where no one
 * sees it. An upload's file name is not checked here: it is kept with the character replaced.
 */
export function refuseNul(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const body = request.isMultipart() ? null : request.body;
    if (holdsNul(request.params) || holdsNul(request.query) || holdsNul(body))
      throw new HttpRefusal(400, 'request.nul', '请求中含有空字符（U+0000），未处理。请检查所填内容或地址，删去其中不可见的字符后重试');
  });
}

/** What Node's HTTP parser refuses before the framework sees the request, by its error code; anything else is malformed. */
const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'request.headers.too-large', '请求头过大（多半是本站的 Cookie 过多或过长），未处理。请清除本站的 Cookie 后重试'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request.timeout', '请求在限定时间内没有发完，未处理。请检查网络后重试'],
};
const MALFORMED: [number, string, string] = [
  400,
  'request.malformed',
  '请求格式不正确（地址中有未编码的字符，或请求头、长度的写法不对），未处理。请从页面上的链接进入，或检查发出请求的程序',
];

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser cannot read (raw UTF-8 in the address, a bad
 * Content-Length, a control character in a header, headers too large) answered as every other refusal, in
 * Chinese with a rule id, and the connection closed, as Fastify's own handler does it.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, rule, message] = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED;
  const body = JSON.stringify(errorBody(rule, message));
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
}
