import { defineRules } from '../src/index.ts';

/** Everything a test form needs besides its id, name, layout and schema: no rules, no samples, a small print. */
export const minimalForm = {
  version: '1',
  source: '',
  rulePrefix: 't',
  monthly: false,
  cityReports: false,
  rules: () => [],
  catalogue: defineRules({}),
  print: { orientation: 'portrait' as const, limits: { rows: 10, chars: 1000 } },
  samples: () => [],
};
