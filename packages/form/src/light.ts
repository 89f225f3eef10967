/**
 * The part of @tianbao/form that builds no schema: no zod, no locale, no data. For a process that only
 * hands files to child processes and prints what they found (the CLI, the pool, the report), which
 * should not pay for loading the form engine it never runs. Every name here is also exported by the
 * package's index, from the same modules: a `Refusal` is one class whichever way it was imported.
 */
export { Refusal, unexpected, DEBUG_VARIABLE } from './refusal.ts';
export { displayWidth, padDisplay, padColumns } from './display-width.ts';
export { codePointName, invisibleIn, printable } from './printable.ts';
export { requirePatchedVersion } from './patched-version.ts';
export { defineRules, type Catalogue, type Rule, type RuleId, type RuleSpec } from './rule-catalogue.ts';
