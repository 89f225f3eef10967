import { codePointName } from '@tianbao/form';
import { BadXml } from './bad-xml.ts';
import { parsedRuns } from './slow-path.ts';

/** Just enough XML for the parts of a workbook: attributes, text, entities. */

const NAMED = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);
/** OOXML escapes characters XML cannot hold as `_xHHHH_` (`_x000D_` for a carriage return). */
const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/**
 * Character data as a parser reports it: entities resolved, line ends
 * normalised to `\n`. Throws `BadXml` where a parser stops: at a reference XML
 * does not allow (see `resolved`), at a control character XML may not hold
 * (`\x01`; OOXML writes one as `_x0001_`), at `]]>`.
 */
export function charData(raw: string): string {
  const control = CONTROL.exec(raw);
  if (control) throw new BadXml(`含有 XML 不允许的控制字符 ${codePointName(control[0])}`);
  // The end of a CDATA section, where none began: no text may hold it.
  if (raw.includes(']]>')) throw new BadXml('的文字中含有 XML 不允许的「]]>」');
  const s = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  const amp = s.indexOf('&');
  return amp < 0 ? s : resolved(s, amp);
}

/** What XML 1.0 text may not hold below U+10000 (tab, line feed and carriage return it may). */
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;

/** Whether XML 1.0 allows the character `c` (its production `Char`). */
const isXmlChar = (c: number): boolean => (c >= 0x20 && c <= 0xd7ff) || c === 0x0a || c === 0x09 || c === 0x0d || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

/**
 * `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#65;` and `&#x41;` resolved
 * from the first `&` at `amp`, by hand: openpyxl writes every character
 * outside ASCII as a reference (`&#27745;`), and a regular expression's
 * replacing took most of the time such a list was read in. Throws
 * `BadXml` at any other `&`.
 */
function resolved(s: string, amp: number): string {
  let out = '';
  let from = 0;
  for (let at = amp; at >= 0; at = s.indexOf('&', at + 1)) {
    let p = at + 1;
    let c = s.charCodeAt(p);
    let char: string | undefined;
    if (c === 35) {
      const hex = s.charCodeAt(p + 1) === 120;
      let value = 0;
      let digits = 0;
      for (p += hex ? 2 : 1, c = s.charCodeAt(p); ; c = s.charCodeAt(++p), digits++) {
        const d = c >= 48 && c <= 57 ? c - 48 : hex && (c | 32) >= 97 && (c | 32) <= 102 ? (c | 32) - 87 : -1;
        if (d < 0) break;
        // Held at the first value past Unicode: refused all the same.
        value = Math.min(value * (hex ? 16 : 10) + d, 0x110000);
      }
      if (digits && c === 59 && isXmlChar(value)) char = value < 0x10000 ? String.fromCharCode(value) : String.fromCodePoint(value);
    } else {
      const semi = s.indexOf(';', p);
      if (semi > p && semi - p <= 4) {
        char = NAMED.get(s.slice(p, semi));
        p = semi;
      }
    }
    if (char === undefined) throw new BadXml(`含有无效的字符引用或实体「${badRef(s, at)}」`);
    out += s.slice(from, at) + char;
    from = p + 1;
    at = p;
  }
  return from ? out + s.slice(from) : s;
}

/** The reference refused at `at`, as written: the `&`, what follows it of a name or number (up to 15 characters), its `;`. */
const badRef = (s: string, at: number): string => /^&[#\w.-]{0,15};?/.exec(s.slice(at, at + 17))![0];

/** Character data with OOXML's `_xHHHH_` escapes decoded. */
export const unescaped = (s: string): string => (s.includes('_x') ? s.replace(ESCAPE, (_, hex) => String.fromCharCode(parseInt(hex, 16))) : s);

/** Comments, CDATA sections (`text`: their content is text) and processing instructions: what opens and what ends each. */
export const MARKUP = [
  { open: '<!--', close: '-->', text: false },
  { open: '<![CDATA[', close: ']]>', text: true },
  { open: '<?', close: '?>', text: false },
];

/**
 * A whole part's XML with its comments and processing instructions taken
 * out, and its CDATA sections made text (`<![CDATA[a<b]]>` → `a&lt;b`): an
 * element commented out (`<!-- <workbookPr date1904="1"/> -->`) or held in a
 * CDATA section is then none, as a parser reads it. In one pass, each piece
 * of markup searched for its end once; one never ended ends the part.
 */
export function plainXml(xml: string): string {
  if (!xml.includes('<!') && !xml.includes('<?', 1)) return xml;
  let out = '';
  let from = 0;
  for (let i = 0; ; ) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    const markup = MARKUP.find((m) => xml.startsWith(m.open, lt));
    if (!markup) {
      i = lt + 1;
      continue;
    }
    const body = lt + markup.open.length;
    const end = xml.indexOf(markup.close, body);
    const stop = end < 0 ? xml.length : end + markup.close.length;
    out += xml.slice(from, lt);
    if (markup.text) out += xml.slice(body, end < 0 ? xml.length : end).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    from = i = stop;
    if (end < 0) break;
  }
  return out + xml.slice(from);
}

/** Text as a reader of the workbook means it: character data, escapes decoded. */
export const xmlText = (raw: string): string => unescaped(charData(raw));

/** One attribute, `name="value"` or `name='value'`, spaced or not, from where the last one ended. */
const NEXT_ATTR = /\s*([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

/**
 * An attribute of a start tag's attribute text (or of the whole tag), decoded; undefined when
 * absent. The attributes are read in turn, so that one written inside
 * another's value (`note=" r='5'"`) is none. Namespace prefixes are ignored
 * (`r:id` is `id`), unless `prefixed` is false: then only the attribute of
 * no namespace is (a row's `r`, not `x14ac:r`).
 */
export function attr(attrs: string, name: string, prefixed = true): string | undefined {
  // A whole start tag (`<Relationship Id="rId1" …/>`): its attributes after its name.
  NEXT_ATTR.lastIndex = attrs.charCodeAt(0) === 60 ? Math.max(0, attrs.search(/[\s/>]/)) : 0;
  for (let m = NEXT_ATTR.exec(attrs); m; m = NEXT_ATTR.exec(attrs)) {
    const n = m[1]!;
    if (n === name || (prefixed && n.length > name.length && n.endsWith(name) && n.charCodeAt(n.length - name.length - 1) === 58)) return xmlText(m[2] ?? m[3]!);
  }
  return undefined;
}

/**
 * The text of a string item (`<si>`, `<is>`, a comment's `<text>`): every
 * `<t>` run joined, phonetic guides (`<rPh>`) left out. Throws `file.corrupt`
 * (`BadXml`) when the item is not well-formed.
 */
export const runText = (body: string): string => unescaped(runData(body));

/** The character data of a string item's runs, joined (see `runText`); escapes not decoded. */
export function runData(body: string): string {
  const run = singleRun(body);
  return run !== undefined ? charData(run) : parsedRuns(body);
}

/**
 * The character data of an item of one plain run, as nearly every writer
 * makes it (`<t>…</t>`, `<t xml:space="preserve">…</t>`, nothing around it
 * and no markup in it); undefined for any other, read by the XML parser.
 */
function singleRun(body: string): string | undefined {
  const from = body.startsWith('<t>') ? 3 : body.startsWith(PRESERVED) ? PRESERVED.length : -1;
  const end = body.length - 4;
  return from > 0 && body.indexOf('<', from) === end && body.endsWith('</t>') ? body.slice(from, end) : undefined;
}

/** The start tag of a run whose spaces are kept, as writers write it. */
export const PRESERVED = '<t xml:space="preserve">';

/**
 * A copy of a string cut from a chunk of XML: a cut keeps the whole chunk
 * alive, and a kept value must not keep a sheet's XML in memory. V8 copies a
 * cut shorter than 13 characters; a longer one it makes a view of what it is
 * cut from (here a copy with a space before it): JSON's parser builds such a
 * string as a string of its own, some 25 bytes less (the 162,586 shared
 * strings of a 100,000-row list: 6.7 MB, not 10.5).
 */
export const detach = (s: string): string => (s.length < 13 ? (' ' + s).slice(1) : JSON.parse(JSON.stringify(s)));
