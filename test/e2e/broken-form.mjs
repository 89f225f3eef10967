// Loaded with `node --import` (through NODE_OPTIONS, so that the child processes load it too): the built CLI's
// chunk that builds the form $BROKEN_FORM (templates/<id>/src/index.ts) throws as it loads, as a form that
// `defineForm` refuses does. For tests only: no form in the registry is broken.
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';

// Node runs the loader's hooks in a thread of their own: there this file is the hooks, not the registration.
if (isMainThread) register(import.meta.url);

const form = process.env.BROKEN_FORM;

/** A chunk of the bundle holds the form's definition: its source map says which sources it was made of. */
function builds(url) {
  if (!url.startsWith('file:') || !url.endsWith('.js')) return false;
  try {
    const { sources } = JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8'));
    return sources.some((s) => s.endsWith(`templates/${form}/src/index.ts`));
  } catch {
    return false;
  }
}

export async function load(url, context, next) {
  if (!builds(url)) return next(url, context);
  const message = `${form}: the schema and the layout disagree at the top level (broken for a test)`;
  return { format: 'module', source: `throw new Error(${JSON.stringify(message)});`, shortCircuit: true };
}
