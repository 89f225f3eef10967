import { DEBUG_VARIABLE, Refusal, unexpected } from '@tianbao/form';
import type { FastifyError, FastifyInstance } from 'fastify';

/** What every refused request answers: a stable rule id for scripts and a message in Chinese for people. */
export interface ErrorBody {
  error: { rule: string; message: string };
}

export const errorBody = (rule: string, message: string): ErrorBody => ({ error: { rule, message } });

export const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'object', required: ['rule', 'message'], properties: { rule: { type: 'string' }, message: { type: 'string' } } } },
} as const;

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

const INTERNAL_MESSAGE = `服务器内部错误，未能完成。请稍后重试；如仍出错，请告知管理员出错的时间和操作（管理员可设置 ${DEBUG_VARIABLE}=1 查看详情）`;

/** What Fastify itself refuses (no route, a body it cannot read), said in Chinese. */
const BY_STATUS: Record<number, [string, string]> = {
  400: ['request.invalid', '请求格式不正确'],
  404: ['request.not-found', '没有这个地址'],
  405: ['request.method', '此地址不支持这种请求方式'],
  406: ['request.not-acceptable', '无法按所要求的格式回答'],
  413: ['request.too-large', '上传的内容过大'],
  415: ['request.media-type', '不支持这种内容类型'],
};

/** Which field of the body a validation failure names, and what is wrong with it. */
function validationText(error: FastifyError): string {
  const first = error.validation?.[0];
  if (!first) return BY_STATUS[400]![1];
  const params = first.params as Record<string, unknown>;
  const field = String(params.missingProperty ?? first.instancePath.replace(/^\//, '').replaceAll('/', '.'));
  if (!field) return first.keyword === 'type' ? '请求内容应为 JSON 对象' : '请求内容不符合要求';
  switch (first.keyword) {
    case 'required':
      return `请求中缺少「${field}」`;
    case 'type':
      return `请求中的「${field}」类型不对`;
    case 'minLength':
      return `请求中的「${field}」不能为空`;
    case 'maxLength':
      return `请求中的「${field}」太长`;
    default:
      return `请求中的「${field}」不符合要求`;
  }
}

/** Every error answered as an `ErrorBody`; an unexpected one as a 500 whose detail goes to the log only. */
export function answerErrors(app: FastifyInstance): void {
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(errorBody(...BY_STATUS[404]!)));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpRefusal) return reply.code(error.status).send(errorBody(error.rule, error.message));
    if (error.validation) return reply.code(400).send(errorBody('request.invalid', validationText(error)));
    const status = error.statusCode ?? 500;
    if (status < 500) {
      const [rule, message] = BY_STATUS[status] ?? BY_STATUS[400]!;
      return reply.code(status).send(errorBody(rule, message));
    }
    unexpected(error, `${request.method} ${request.url}`);
    return reply.code(500).send(errorBody('internal', INTERNAL_MESSAGE));
  });
}
