import outfallChecklist from '@tianbao/template-outfall-checklist';
import { expect, it } from 'vitest';
import { bigChecklist } from '../../../test/bench/big-checklist.ts';
import { readWorkbook, writeWorkbook } from '../src/index.ts';

// The date cells of a long streamed list, in every time zone: apart from stream-write.test.ts, whose
// long list takes too long to write three times, and whose other checks do not depend on the zone.
const ROWS = 2_000;
const HEADER = 3;

it(`writes every 完成时限 of a list of ${ROWS} outfalls as the calendar day it is`, async () => {
  const data = bigChecklist(ROWS);
  const ws = (await readWorkbook(await writeWorkbook(outfallChecklist, data))).getWorksheet('排污口清单')!;
  const withDeadline = data.outfalls.flatMap((o, i) => (o.deadline ? [{ row: HEADER + 1 + i, iso: o.deadline }] : []));
  expect(withDeadline.at(-1)!.row).toBeGreaterThan(ROWS);
  for (const { row, iso } of withDeadline) expect((ws.getCell(`P${row}`).value as Date).toISOString().slice(0, 10), `P${row}`).toBe(iso);
});
