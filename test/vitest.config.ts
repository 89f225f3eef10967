import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The portal's suites: its server, its database and its browser. `npm test` has a standing budget of 120 s on a
 * 2-core machine for all the rest (build and type check included), to which these may add at most 90 s;
 * `test/bench/test-time.ts` (part of `pnpm bench`) measures the two apart.
 */
export const PORTAL_SUITES = ['apps/server/test/**', 'packages/store/test/**', 'test/e2e/serve*.test.ts', 'test/e2e/portal-*.test.ts'];

/** Every test, run where the users are: China's time zone. */
const ALL = ['{packages,templates,apps}/*/test/**/*.test.ts', 'test/e2e/**/*.test.ts'];

/**
 * The tests that read, write or judge dates, run again in two other zones: a
 * date is a calendar day, whatever the machine's clock says (one west of UTC,
 * where a day read as midnight UTC falls on the day before, one on UTC itself).
 * Node takes a new `TZ` as soon as it is set, and the CLI a test runs inherits it.
 * Only tests whose outcome could depend on the zone belong in these files: the
 * others of a subject live beside them (`status.test.ts` by `status-dates.test.ts`).
 */
const DATES = [
  'packages/form/test/dates.test.ts',
  'packages/xlsx/test/read.test.ts',
  'packages/xlsx/test/iso-dates.test.ts',
  'packages/xlsx/test/checklist-dates.test.ts',
  'packages/xlsx/test/stream-write-dates.test.ts',
  'packages/validate/test/check.test.ts',
  'templates/review-ledger/test/rules.test.ts',
  'templates/review-ledger/test/cells.test.ts',
  'test/e2e/corpus.test.ts',
  'test/e2e/reader.test.ts',
  'test/e2e/roundtrip.test.ts',
  'test/e2e/outfall-dates.test.ts',
  'test/e2e/fire-dates.test.ts',
  'test/e2e/status-dates.test.ts',
  'test/e2e/real-files.test.ts',
];

const zone = (name: string, include: string[]) => ({ extends: true as const, test: { name, include, env: { TZ: name } } });

// One run over every package, so the closing line counts all tests.
export default defineConfig({
  test: {
    root,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A file per core, not vitest's default of one core fewer (one file at a time on two cores): most tests
    // wait on the CLI they started, which runs in its own processes.
    maxWorkers: availableParallelism(),
    // A worker keeps the modules it imported for its next file (exceljs, pdfmake, the packages): importing
    // them afresh for every file took a quarter of the run. No test changes a module's state for the next.
    isolate: false,
    reporters: ['default', './test/summary-reporter.ts'],
    globalSetup: ['./test/temp-dir.ts'],
    projects: [zone('Asia/Shanghai', ALL), zone('UTC', DATES), zone('America/Los_Angeles', DATES)],
  },
});
