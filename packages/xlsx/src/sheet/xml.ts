import { elementSpans, joinedBodies } from './elements.ts';

/** Just enough XML for the parts of a workbook: attributes, text, entities. */

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** OOXML escapes characters XML cannot hold as `_xHHHH_` (`_x000D_` for a carriage return). */
const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** Character data as a parser reports it: entities resolved, line ends normalised to `\n`. */
export function xmlText(raw: string): string {
  let s = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (s.includes('&')) s = s.replace(ENTITY, (_, name, dec, hex) => (name ? NAMED[name]! : String.fromCodePoint(dec ? Number(dec) : parseInt(hex, 16))));
  if (s.includes('_x')) s = s.replace(ESCAPE, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  return s;
}

const ATTRS = new Map<string, RegExp>();

/** An attribute of a start tag's attribute text, decoded; undefined when absent. Namespace prefixes are ignored (`r:id` is `id`). */
export function attr(attrs: string, name: string): string | undefined {
  let re = ATTRS.get(name);
  if (!re) ATTRS.set(name, (re = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(attrs);
  return m ? xmlText(m[1] ?? m[2]!) : undefined;
}

/**
 * The text of a string item (`<si>`, `<is>`, a comment's `<text>`): every
 * `<t>` run joined, phonetic guides (`<rPh>`) left out.
 */
export function runText(body: string): string {
  if (!body.includes('rPh')) return xmlText(joinedBodies(body, 't'));
  let out = '';
  let at = 0;
  for (const ph of elementSpans(body, 'rPh')) {
    out += joinedBodies(body.slice(at, ph.start), 't');
    at = ph.end;
  }
  return xmlText(out + joinedBodies(body.slice(at), 't'));
}

/**
 * A copy of a string cut from a chunk of XML: a cut keeps the whole chunk
 * alive, and a kept value must not keep a sheet's XML in memory.
 */
export const detach = (s: string): string => (' ' + s).slice(1);
