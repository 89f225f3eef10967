import type * as z from 'zod';

/** How a kind of value is named to someone writing data (`文字`, not `string`), and how JSON writes it. */
const KIND: Record<string, [name: string, written: string]> = {
  string: ['文字', '（加英文双引号）'],
  number: ['数字', '（不加引号）'],
  int: ['整数', ''],
  bigint: ['整数', ''],
  boolean: ['true 或 false', ''],
  array: ['列表', ' […]'],
  object: ['对象', ' {…}'],
  date: ['日期', ''],
};

const kind = (type: string) => (KIND[type] ?? [type, '']).join('');
/** What a length is counted in, for the kinds of value that have one. */
const COUNTED: Record<string, string> = { string: '个字符', array: '项', set: '项' };

/** `应为 18 个字符，实有 3 个字符`: the length wanted, and the one found. */
function length(wanted: string, n: number, issue: { origin: string; input?: unknown }): string {
  const unit = COUNTED[issue.origin]!;
  const found = typeof issue.input === 'string' || Array.isArray(issue.input) ? `，实有 ${issue.input.length} ${unit}` : '';
  return `${wanted} ${n} ${unit}${found}`;
}

/**
 * What zod says when data does not fit a form's schema, in the words of
 * whoever writes the data: what belongs there (`应填写文字，不能为空`), never
 * zod's types (`期望 string，实际接收 undefined`). A schema's own message
 * (`日期应写作 YYYY-MM-DD`) takes precedence, as zod gives it. The value
 * received is not quoted here: each caller names the place and the value as it
 * knows them (a JSON path, a cell).
 */
export function schemaMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null)
        return issue.expected === 'string' || issue.expected === 'number'
          ? `应填写${KIND[issue.expected]![0]}，不能为空`
          : `应为${kind(issue.expected)}，不能${issue.input === null ? '是 null' : '缺少'}`;
      return `应为${kind(issue.expected)}`;
    case 'too_small': {
      const n = Number(issue.minimum);
      if (!COUNTED[issue.origin]) return issue.inclusive ? `应不小于 ${n}` : `应大于 ${n}`;
      return n <= 1 && !issue.exact ? '不能为空' : length(issue.exact ? '应为' : '至少应有', n, issue);
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (!COUNTED[issue.origin]) return issue.inclusive ? `应不大于 ${n}` : `应小于 ${n}`;
      return length(issue.exact ? '应为' : '最多', n, issue);
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `应为「${String(issue.values[0])}」` : `应为以下之一：${issue.values.map(String).join('、')}`;
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的整数倍`;
    case 'unrecognized_keys':
      return `有不认识的字段：${issue.keys.join('、')}`;
    default:
      // invalid_format, invalid_union, invalid_key, invalid_element, custom: the schema says no more than that.
      return '格式不对';
  }
}

/** For `z.config`: every schema message in these words. */
export const schemaMessages = () => ({ localeError: schemaMessage });
