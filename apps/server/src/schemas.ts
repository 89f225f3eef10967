// JSON schemas more than one route uses.

/** The id in a route's path (a task's, a submission's, an account's). */
export const ID_PARAMS = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } } as const;

const nullable = (type: string) => ({ type: [type, 'null'] });

const ISSUE_SCHEMA = {
  type: 'object',
  required: ['severity', 'rule', 'sheet', 'cell', 'row', 'column', 'message', 'explained'],
  properties: {
    severity: { type: 'string', enum: ['error', 'warning'] },
    rule: { type: 'string' },
    sheet: nullable('string'),
    cell: nullable('string'),
    row: nullable('integer'),
    column: nullable('string'),
    message: { type: 'string' },
    explained: { type: 'boolean' },
    explanation: { type: 'string' },
    reply: { type: 'string' },
    offered: { type: 'string' },
  },
} as const;

/**
 * A submission's report, as the API answers it: one entry of `files` in the validate JSON contract, and
 * beside a warning what the portal adds, the clerk's `explanation` or the text `offered` (`reply` is the
 * clerk's answer in a comment of the workbook, as `validate` gives it).
 */
export const REPORT_SCHEMA = {
  type: 'object',
  required: ['file', 'template', 'detectedBy', 'sheet', 'unit', 'period', 'valid', 'issues'],
  properties: {
    file: { type: 'string' },
    template: nullable('string'),
    detectedBy: nullable('string'),
    sheet: nullable('string'),
    unit: nullable('string'),
    period: nullable('string'),
    valid: { type: 'boolean' },
    issues: { type: 'array', items: ISSUE_SCHEMA },
  },
} as const;
