/** The veryHidden sheet that records which template and version wrote a workbook. */
export const META_SHEET = '_tianbao';

/** Keys written to the meta sheet, one key/value pair a row (A = key, B = value). */
export const META_KEYS = { template: 'template', version: 'version', period: 'period', unit: 'unit' } as const;
