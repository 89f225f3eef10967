import { forms } from '@tianbao/forms';
import { writeWorkbook } from '@tianbao/xlsx';
import { describe, expect, it } from 'vitest';
import { isRoster, same } from './two-readers.ts';

// The streaming reader against exceljs (two-readers.ts) on the blanks tianbao writes, which hold no date: in China's
// zone only. The same forms filled in, in every zone: reader.test.ts; the roster's blank: reader-no-dates.test.ts.
describe('the streaming reader reads what exceljs reads', () => {
  it.each(forms.filter((def) => !isRoster(def.id)))('$id as tianbao writes it, blank', async (def) => {
    expect(await same(await writeWorkbook(def, null))).toBeGreaterThan(20);
  });
});
