import { describe, expect, it } from 'vitest';
import { checkExceljs, EXCELJS_VERSION } from '../src/exceljs-internals.ts';

describe('the patches of exceljs internals', () => {
  it('load with the version they are written for', () => {
    expect(EXCELJS_VERSION).toBe('4.4.0');
    expect(() => checkExceljs()).not.toThrow();
  });

  it('refuse another version, saying in English and Chinese what to do', () => {
    expect(() => checkExceljs('4.5.0')).toThrow(
      'packages/xlsx/src/exceljs-internals.ts patches internals of exceljs 4.4.0, but exceljs 4.5.0 is installed: check every patch there against exceljs 4.5.0',
    );
    expect(() => checkExceljs('4.5.0')).toThrow('修改了 exceljs 4.4.0 的内部实现，但安装的是 exceljs 4.5.0');
  });
});
