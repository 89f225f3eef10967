import { createHash } from 'node:crypto';
import type { FormDefinition, UnitList } from '@tianbao/form';
import cli from '../package.json' with { type: 'json' };
import { PDF_INFO_KEYS, pdfInfoString } from '@tianbao/pdf/info';

/** Everything one output is made from. */
export interface OutputInputs {
  data: Record<string, any>;
  format: 'xlsx' | 'pdf';
  /** The PDF's paper; a workbook has none. */
  paper: string | undefined;
  /** The as-of day, as resolved (`--as-of`, else the 填报日期, else today). */
  asOf: string;
  units: UnitList;
  /** Written from data with errors (`--allow-errors`): a draft is not the document the same data makes without. */
  draft?: boolean;
}

/**
 * SHA-256 (hex) over a canonical JSON of every input of one output: the data
 * item, format, paper, as-of day, unit list, whether it is a draft, the
 * template's id and version and tianbao's version. Kept in the output's metadata: an output whose digest is
 * the same is up to date, whatever the files' times say.
 */
export function outputDigest(def: FormDefinition<any>, inputs: OutputInputs): string {
  // `draft` only when true: a document that is no draft keeps the digest it had before drafts were marked.
  const all = {
    ...inputs,
    paper: inputs.format === 'pdf' ? inputs.paper : undefined,
    draft: inputs.draft || undefined,
    template: { id: def.id, version: def.version },
    tianbao: cli.version,
  };
  return createHash('sha256').update(canonicalJson(all)).digest('hex');
}

/** JSON with every object's keys in code-unit order, so that equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The digest an existing output was made with, from its metadata; null when it has none, or is not one of ours, or cannot be read. */
export const digestOf = (path: string): Promise<string | null> => metaOf(path, 'digest');

/** An existing output is a draft of ours (`generate --allow-errors`), by its metadata. */
export const isDraft = async (path: string): Promise<boolean> => (await metaOf(path, 'draft')) === '1';

/** An entry of an output's metadata: a PDF's information dictionary, a workbook's meta sheet; null when it has none, or cannot be read. */
async function metaOf(path: string, key: keyof typeof PDF_INFO_KEYS): Promise<string | null> {
  if (path.endsWith('.pdf')) return pdfInfoString(path, PDF_INFO_KEYS[key]);
  // Unreadable, or not one of ours: made again, and writing it says what is wrong.
  const { readMeta } = await import('@tianbao/xlsx/read');
  return readMeta(path, key);
}
