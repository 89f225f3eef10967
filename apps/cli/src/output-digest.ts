import { createHash } from 'node:crypto';
import type { FormDefinition, UnitList } from '@tianbao/form';
import cli from '../package.json' with { type: 'json' };
import { pdfInfoString } from './pdf-info.ts';

/** Where a PDF keeps its digest: a key of its document information dictionary (see packages/pdf document.ts). */
export const PDF_DIGEST_KEY = 'TianbaoDigest';

/** Everything one output is made from. */
export interface OutputInputs {
  data: Record<string, any>;
  format: 'xlsx' | 'pdf';
  /** The PDF's paper; a workbook has none. */
  paper: string | undefined;
  /** The as-of day, as resolved (`--as-of`, else the 填报日期, else today). */
  asOf: string;
  units: UnitList;
}

/**
 * SHA-256 (hex) over a canonical JSON of every input of one output: the data
 * item, format, paper, as-of day, unit list, the template's id and version and
 * tianbao's version. Kept in the output's metadata: an output whose digest is
 * the same is up to date, whatever the files' times say.
 */
export function outputDigest(def: FormDefinition<any>, inputs: OutputInputs): string {
  const all = { ...inputs, paper: inputs.format === 'pdf' ? inputs.paper : undefined, template: { id: def.id, version: def.version }, tianbao: cli.version };
  return createHash('sha256').update(canonicalJson(all)).digest('hex');
}

/** JSON with every object's keys in code-unit order, so that equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The digest an existing output was made with, from its metadata; null when it has none, or is not one of ours, or cannot be read. */
export async function digestOf(path: string): Promise<string | null> {
  if (path.endsWith('.pdf')) return pdfInfoString(path, PDF_DIGEST_KEY);
  const { openWorkbook } = await import('@tianbao/xlsx/read');
  try {
    return (await openWorkbook(path)).meta.digest ?? null;
  } catch {
    // Unreadable, refused (not a regular file, not a workbook): made again, and writing it says what is wrong.
    return null;
  }
}
