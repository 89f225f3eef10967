import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import { formIds, forms } from '@tianbao/forms';
import { checkFile } from '@tianbao/validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, tianbao } from './run.ts';

/**
 * Workbooks written by other programs (fixtures/corpus/: SheetJS, openpyxl,
 * LibreOffice, and hand-built imitations of Excel and WPS files; the scripts
 * there say how to regenerate them). Each one is a clean submission in some
 * cosmetic variant: `tianbao validate` must find no error and exactly the
 * warnings in `<name>.warnings.json` (none when there is no such file), and
 * the data read must be `<name>.expected.json`, which the scripts wrote from
 * what the clerk meant, not from tianbao's output. Read in every time zone
 * (test/vitest.config.ts); what the files hold, in China's zone only: corpus-files.test.ts;
 * `tianbao extract`'s output, which is the data read here printed, in China's zone only: corpus-extract.test.ts.
 */
const DIR = join(FIXTURES, 'corpus');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.xlsx'))
  .sort();

const path = (name: string) => join(DIR, name);
const stem = (name: string) => name.replace(/\.xlsx$/, '');
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const expectedData = (name: string) => json(path(`${stem(name)}.expected.json`));
const expectedWarnings = (name: string): string[] => {
  const file = path(`${stem(name)}.warnings.json`);
  return existsSync(file) ? json(file) : [];
};
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The issues of a report, `severity rule cell`, sorted. */
const found = (issues: { severity: string; rule: string; cell: string | null }[], severity: string) =>
  issues
    .filter((i) => i.severity === severity)
    .map((i) => `${i.rule} ${i.cell ?? '-'}`)
    .sort();

const before = new Map(FILES.map((f) => [f, sha256(path(f))]));
const listing = readdirSync(DIR).sort();

/** The JSON report of one `tianbao validate` run over the whole folder, by file name. */
let reports: Map<string, any>;

beforeAll(async () => {
  const r = await tianbao(['validate', DIR, '--format', 'json']);
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout);
  reports = new Map(report.files.map((f: any) => [basename(f.file), f]));
  expect(r.code).toBe(0);
});

describe('the corpus', () => {
  it('covers every form', () => {
    const covered = new Set(FILES.map((f) => reports.get(f)?.template));
    expect([...covered].sort()).toEqual([...formIds].sort());
  });
});

describe.each(FILES)('%s', (name) => {
  it('validate: no error, only the expected warnings', () => {
    const file = reports.get(name);
    expect(file, 'validate reported on the file').toBeDefined();
    expect(found(file.issues, 'error')).toEqual([]);
    expect(found(file.issues, 'warning')).toEqual([...expectedWarnings(name)].sort());
    expect(file.valid).toBe(true);
  });

  it('reads the expected data', async () => {
    const report = await checkFile(path(name), { forms, units: defaultUnits });
    expect(report.data).toEqual(expectedData(name));
  });
});

// Last: reading never writes.
it('leaves every file of the corpus as it was', () => {
  for (const f of FILES) expect(sha256(path(f)), f).toBe(before.get(f));
  expect(readdirSync(DIR).sort()).toEqual(listing);
});
