import { posix } from 'node:path';
import { elements } from './elements.ts';
import { attr } from './xml.ts';

/** A relationship of a part: its id, its type's last word (`worksheet`, `comments`; the same in Strict and transitional packages), the path of its target. */
export interface Relation {
  id: string;
  type: string;
  path: string;
}

/** The relationships part of a part: `xl/_rels/workbook.xml.rels` for `xl/workbook.xml`, `_rels/.rels` for the package (''). */
export const relsOf = (part: string): string => posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);

/**
 * The relationships of `source` ('' for the package's own), given the text of
 * its relationships part: each target's path in the archive (relative to the
 * source's folder, or absolute; `\` read as `/`, `%xx` escapes decoded).
 * External targets are left out.
 */
export function relationships(xml: string, source: string): Relation[] {
  const base = posix.dirname(source);
  return elements(xml, 'Relationship').flatMap((r) => {
    const written = attr(r.attrs, 'Target');
    if (!written || attr(r.attrs, 'TargetMode') === 'External') return [];
    const target = decoded(written.replaceAll('\\', '/'));
    const path = target.startsWith('/') ? posix.normalize(target).slice(1) : posix.normalize(posix.join(base, target));
    return [{ id: attr(r.attrs, 'Id') ?? '', type: (attr(r.attrs, 'Type') ?? '').split('/').pop()!, path }];
  });
}

/** A target's `%xx` escapes decoded; as written when they do not decode. */
function decoded(target: string): string {
  try {
    return decodeURIComponent(target);
  } catch {
    return target;
  }
}

const WORKBOOK = /<(?:[\w.-]+:)?workbook[\s>/]/;

/**
 * The workbook part and its text, `text` giving a part's ('' for none): the
 * package's `officeDocument` (Strict or transitional alike) when it holds a
 * `<workbook>` (a Word or PowerPoint package has an `officeDocument` too),
 * else `xl/workbook.xml`.
 */
export function findWorkbook(text: (part: string) => string): { part: string; xml: string } {
  const named = relationships(text(relsOf('')), '').find((r) => r.type === 'officeDocument')?.path;
  const said = named ? text(named) : '';
  return named && WORKBOOK.test(said) ? { part: named, xml: said } : { part: 'xl/workbook.xml', xml: text('xl/workbook.xml') };
}
