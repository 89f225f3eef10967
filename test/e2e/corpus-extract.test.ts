import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tianbao } from './run.ts';

// `tianbao extract` on one corpus file of each form with dates: its output is the expected JSON, byte for byte.
// In China's zone only: extract prints, as JSON, the data checking reads (in a child, in the zone the command runs in),
// and that data is compared with the same expected JSON in every zone by corpus.test.ts, whose `tianbao validate`
// runs the same check in a child of the command. The roster: roster-extract.test.ts.
const DIR = join(FIXTURES, 'corpus');

describe('tianbao extract', () => {
  it.each(['sheetjs-shared-strings-ledger.xlsx', 'openpyxl-normalise-outfall.xlsx', 'sheetjs-blank-orgs-fire.xlsx'])('prints %s as expected', async (name) => {
    const r = await tianbao(['extract', join(DIR, name)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(DIR, name.replace(/\.xlsx$/, '.expected.json')), 'utf8'));
  });
});
