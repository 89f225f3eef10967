// The shapes of what the API and the pages take and answer, each declared once as a zod schema: a route's
// types are inferred from it (`z.infer`), its JSON schema made from it (`routeSchema`), a request checked by
// it as it was sent (`validateRequests`), and an answer written by its JSON schema.
import * as z from 'zod';
import type { FastifyInstance } from 'fastify';
import { HttpRefusal } from './errors.ts';

type Json = Record<string, unknown>;

/**
 * The JSON schema of `schema` as Fastify takes it (draft 7): of a request as it is sent (`input`), of an
 * answer as it is written (`output`).
 */
export function routeSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Json {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { target: 'draft-7', io }) as Json;
  if (io === 'input') ZOD_OF.set(json, schema);
  return json;
}

/** The zod schema each request part's JSON schema was made from. */
const ZOD_OF = new WeakMap<object, z.ZodType>();

/** Rules of their own for a field of the wrong type, by the message their schema gives (see `refusedAs`). */
const RULES = new Map<string, string>();

/**
 * A field's own refusal when it is given as the wrong type: `rule` and `message` rather than request.invalid
 * (a field left out is still said as missing). `z.array(…, refusedAs('task.units.invalid', '…'))`.
 */
export function refusedAs(rule: string, message: string) {
  RULES.set(message, rule);
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? undefined : message) };
}

/** What is wrong with a request, by the field an issue names (`explanations.0.text`). */
function said(issue: z.core.$ZodIssue): string {
  const field = issue.path.join('.');
  if (!field) return issue.code === 'invalid_type' ? '请求内容应为 JSON 对象' : '请求内容不符合要求';
  if (issue.code === 'invalid_type') return issue.input === undefined ? `请求中缺少「${field}」` : `请求中的「${field}」类型不对`;
  if (issue.code === 'too_small' && issue.origin === 'string') return `请求中的「${field}」不能为空`;
  if (issue.code === 'too_big' && issue.origin === 'string') return `请求中的「${field}」太长`;
  return `请求中的「${field}」不符合要求`;
}

/** A request refused for its first issue, in Chinese: by the field's own rule (`refusedAs`), else request.invalid. */
function refusalOf({ issues: [first] }: z.ZodError): HttpRefusal {
  const rule = RULES.get(first!.message);
  return rule ? new HttpRefusal(400, rule, first!.message) : new HttpRefusal(400, 'request.invalid', said(first!));
}

/**
 * Check each request's path, query and body by the zod schema its JSON schema was made from, as it was
 * sent: Fastify's own validator would make "123" of 123 and a list of a single name where a schema says so.
 */
export function validateRequests(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, method, url, httpPart }) => {
    const zod = ZOD_OF.get(schema);
    if (!zod) throw new Error(`${method} ${url}: the schema of its ${httpPart} is not made by routeSchema`);
    return (data: unknown) => {
      const checked = zod.safeParse(data, { reportInput: true });
      return checked.success ? { value: checked.data } : { error: refusalOf(checked.error) };
    };
  });
}

/** The id in a route's path (a task's, a submission's, an account's). */
export const IdParams = z.object({ id: z.string().max(100) });
export type IdParams = z.infer<typeof IdParams>;
export const ID_PARAMS = routeSchema(IdParams);

/** What every refused request answers: a stable rule id for scripts and a message in Chinese for people. */
export const ErrorBody = z.object({ error: z.object({ rule: z.string(), message: z.string() }) });
export type ErrorBody = z.infer<typeof ErrorBody>;
export const ERROR_SCHEMA = routeSchema(ErrorBody, 'output');

/** What an answer about something still being made says (202), with `Retry-After`. */
export const PENDING_SCHEMA = routeSchema(z.object({ message: z.string() }), 'output');

/** No content (204). */
export const NO_CONTENT = routeSchema(z.null(), 'output');

const Issue = z.object({
  severity: z.enum(['error', 'warning']),
  rule: z.string(),
  sheet: z.string().nullable(),
  cell: z.string().nullable(),
  row: z.int().nullable(),
  column: z.string().nullable(),
  message: z.string(),
  explained: z.boolean(),
  explanation: z.string().optional(),
  reply: z.string().optional(),
  offered: z.string().optional(),
});

/**
 * A submission's report, as the API answers it: one entry of `files` in the validate JSON contract, and
 * beside a warning what the portal adds, the clerk's `explanation` or the text `offered` (`reply` is the
 * clerk's answer in a comment of the workbook, as `validate` gives it).
 */
export const Report = z.object({
  file: z.string(),
  template: z.string().nullable(),
  detectedBy: z.string().nullable(),
  sheet: z.string().nullable(),
  unit: z.string().nullable(),
  period: z.string().nullable(),
  valid: z.boolean(),
  issues: z.array(Issue),
});
export const REPORT_SCHEMA = routeSchema(Report, 'output');
