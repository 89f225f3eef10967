import { META_SHEET } from '@tianbao/form';

export { META_SHEET };

/** Rows of the meta sheet read at most; tianbao writes six at most. */
export const META_ROWS = 50;

/**
 * Keys written to the meta sheet, one key/value pair a row (A = key, B = value).
 * `digest`: of every input of a generated workbook, for `generate` to skip one up to date.
 * `draft`: `1` in a draft, written from data with errors (`generate --allow-errors`).
 */
export const META_KEYS = { template: 'template', version: 'version', period: 'period', unit: 'unit', digest: 'digest', draft: 'draft' } as const;
