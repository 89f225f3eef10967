import { elementSpans, joinedBodies } from './elements.ts';
import { hasMarkup, parsedRuns } from './slow-path.ts';

/** Just enough XML for the parts of a workbook: attributes, text, entities. */

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** OOXML escapes characters XML cannot hold as `_xHHHH_` (`_x000D_` for a carriage return). */
const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** Character data as a parser reports it: entities resolved, line ends normalised to `\n`. */
export function charData(raw: string): string {
  const s = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  return s.includes('&') ? s.replace(ENTITY, (_, name, dec, hex) => (name ? NAMED[name]! : String.fromCodePoint(dec ? Number(dec) : parseInt(hex, 16)))) : s;
}

/** Character data with OOXML's `_xHHHH_` escapes decoded. */
export const unescaped = (s: string): string => (s.includes('_x') ? s.replace(ESCAPE, (_, hex) => String.fromCharCode(parseInt(hex, 16))) : s);

/** Text as a reader of the workbook means it: character data, escapes decoded. */
export const xmlText = (raw: string): string => unescaped(charData(raw));

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
 * `<t>` run joined, phonetic guides (`<rPh>`) left out. Throws `file.corrupt`
 * when an item holding comments, CDATA or processing instructions is not well-formed.
 */
export const runText = (body: string): string => unescaped(runData(body));

/** The character data of a string item's runs, joined (see `runText`); escapes not decoded. */
export function runData(body: string): string {
  if (hasMarkup(body)) return parsedRuns(body, '其中一段文字');
  if (!body.includes('rPh')) return charData(joinedBodies(body, 't'));
  let out = '';
  let at = 0;
  for (const ph of elementSpans(body, 'rPh')) {
    out += joinedBodies(body.slice(at, ph.start), 't');
    at = ph.end;
  }
  return charData(out + joinedBodies(body.slice(at), 't'));
}

/**
 * A copy of a string cut from a chunk of XML: a cut keeps the whole chunk
 * alive, and a kept value must not keep a sheet's XML in memory.
 */
export const detach = (s: string): string => (' ' + s).slice(1);
