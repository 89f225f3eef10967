import { insertBeforeClose } from './parts.ts';
import { insertChild, STYLESHEET } from './schema-order.ts';

/** A whole element in the text: start tag, content, end tag (or `<x/>`), any prefix. */
const elementPattern = (name: string) => new RegExp(`<([\\w.-]+:)?${name}(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</\\1${name}\\s*>)`, 'g');
/** The content of the first element `name` and where it stands. */
function block(xml: string, name: string): { start: number; end: number; body: string; prefix: string } | null {
  const m = new RegExp(`<([\\w.-]+:)?${name}(?=[\\s/>])[^>]*?(/?)>`).exec(xml);
  if (!m) return null;
  const prefix = m[1] ?? '';
  const bodyStart = m.index + m[0].length;
  if (m[2]) return { start: m.index, end: bodyStart, body: '', prefix };
  const close = xml.indexOf(`</${prefix}${name}`, bodyStart);
  if (close < 0) return null;
  return { start: m.index, end: xml.indexOf('>', close) + 1, body: xml.slice(bodyStart, close), prefix };
}

/** `attrs` of a start tag with attribute `name` set to `value`. */
export function withAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${value}"`);
  return tag.replace(/^(<[\w.:-]+)/, `$1 ${name}="${value}"`);
}

const MINIMAL =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** What a new cell format changes of the one it copies. */
export interface Restyle {
  /** A solid fill of this ARGB colour. */
  fill?: string;
  bold?: boolean;
  /** Text wrapped, aligned to the top. */
  wrap?: boolean;
}

/**
 * A workbook's styles part, to which cell formats are added: each a copy of
 * an existing one (`cellXfs` index) with a fill, a bold font or wrapping, so
 * that its number format, border and the rest stay. Nothing already there
 * changes; the same request gives the same index, and one like a format
 * already there that one's.
 */
export class Styles {
  private xml: string;
  private readonly made = new Map<string, number>();
  private readonly fills = new Map<string, number>();
  private boldFont: number | null = null;

  constructor(xml: string) {
    this.xml = xml || MINIMAL;
  }

  /** The index of a cell format like `base` (its index, 0 when out of range) with `change`. */
  format(base: number, change: Restyle): number {
    const key = `${base}|${change.fill ?? ''}|${change.bold ?? ''}|${change.wrap ?? ''}`;
    const known = this.made.get(key);
    if (known !== undefined) return known;
    const xfs = block(this.xml, 'cellXfs');
    if (!xfs) throw new Error('no cellXfs');
    const list: string[] = xfs.body.match(elementPattern('xf')) ?? [];
    let xf = list[base] ?? list[0] ?? `<${xfs.prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const startTag = /^<[^>]*?\/?>/.exec(xf)![0];
    let tag = startTag;
    if (change.fill) tag = withAttr(withAttr(tag, 'fillId', String(this.fill(change.fill))), 'applyFill', '1');
    if (change.bold) tag = withAttr(withAttr(tag, 'fontId', String(this.bold())), 'applyFont', '1');
    if (change.wrap) {
      tag = withAttr(tag, 'applyAlignment', '1');
      const alignment = `<${xfs.prefix}alignment vertical="top" wrapText="1"/>`;
      const rest = xf.slice(startTag.length).replace(/<([\w.-]+:)?alignment(?=[\s/>])[^>]*?(?:\/>|>[\s\S]*?<\/\1alignment\s*>)/, '');
      xf = tag.endsWith('/>') ? `${tag.slice(0, -2)}>${alignment}</${xfs.prefix}xf>` : tag + alignment + rest;
    } else xf = tag + xf.slice(startTag.length);
    // One there already (a copy of a copy marks the same cells again) serves.
    const index = list.indexOf(xf) >= 0 ? list.indexOf(xf) : list.length;
    if (index === list.length) this.xml = appendTo(this.xml, 'cellXfs', 'xf', xf);
    this.made.set(key, index);
    return index;
  }

  /**
   * The formats an earlier marking made, each mapped to the one it copied:
   * a format whose fill is a solid one of `fills` goes back to the format
   * like it in all but its fill (the one without a fill when several are).
   * When there is none, it goes to a copy of it without a fill if `marked`
   * (the workbook is a copy we made), else stays: a clerk's own cell style
   * may have that fill (Excel's 差 and 适中 do). Null when no format has such a fill.
   */
  unmarked(fills: readonly string[], marked: boolean): ((index: number) => number) | null {
    const colours = new Set(fills.map((f) => f.toUpperCase()));
    const fillList = block(this.xml, 'fills')?.body.match(elementPattern('fill')) ?? [];
    const ours = fillList.map((f) => /patternType\s*=\s*["']solid["']/.test(f) && colours.has((/<([\w.-]+:)?fgColor\s[^>]*?rgb\s*=\s*["']([0-9A-Fa-f]{8})["']/.exec(f)?.[2] ?? '').toUpperCase()));
    const list = block(this.xml, 'cellXfs')?.body.match(elementPattern('xf')) ?? [];
    const fillOf = (xf: string) => Number(/^<[^>]*?\sfillId\s*=\s*["'](\d+)["']/.exec(xf)?.[1] ?? 0);
    const ourFormats = list.flatMap((xf, i) => (ours[fillOf(xf)] ? [i] : []));
    if (!ourFormats.length) return null;
    // A format but for its fill: its other attributes in order, and what it holds.
    const rest = (xf: string) => {
      const tag = /^<[^>]*?\/?>/.exec(xf)![0];
      const attrs = [...tag.matchAll(/([\w:.-]+)\s*=\s*("[^"]*"|'[^']*')/g)].filter((a) => a[1] !== 'fillId' && a[1] !== 'applyFill').map((a) => `${a[1]}=${a[2]!.slice(1, -1)}`);
      return `${attrs.sort().join(' ')}|${xf.slice(tag.length)}`;
    };
    const back = new Map<number, number>();
    for (const i of ourFormats) {
      const like = list.flatMap((xf, j) => (!ours[fillOf(xf)] && rest(xf) === rest(list[i]!) ? [j] : []));
      back.set(i, like.find((j) => fillOf(list[j]!) === 0) ?? like[0] ?? (marked ? this.unfilled(i) : i));
    }
    return (index) => back.get(index) ?? index;
  }

  /** A copy of format `index` without a fill. */
  private unfilled(index: number): number {
    const xfs = block(this.xml, 'cellXfs')!;
    const list = xfs.body.match(elementPattern('xf')) ?? [];
    const xf = list[index]!;
    const tag = /^<[^>]*?\/?>/.exec(xf)![0];
    this.xml = appendTo(this.xml, 'cellXfs', 'xf', withAttr(tag, 'fillId', '0').replace(/\sapplyFill\s*=\s*(?:"[^"]*"|'[^']*')/, '') + xf.slice(tag.length));
    return list.length;
  }

  /** The styles part with what was added. */
  text(): string {
    return this.xml;
  }

  private fill(argb: string): number {
    const known = this.fills.get(argb);
    if (known !== undefined) return known;
    // Fills 0 and 1 are reserved (none, gray125): a part without fills gets them first.
    const fills = this.list('fills', (p) => `<${p}fill><${p}patternFill patternType="none"/></${p}fill><${p}fill><${p}patternFill patternType="gray125"/></${p}fill>`);
    const p = fills.prefix;
    const fill = `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`;
    const there: string[] = fills.body.match(elementPattern('fill')) ?? [];
    const index = there.indexOf(fill) >= 0 ? there.indexOf(fill) : there.length;
    if (index === there.length) this.xml = appendTo(this.xml, 'fills', 'fill', fill);
    this.fills.set(argb, index);
    return index;
  }

  private bold(): number {
    if (this.boldFont !== null) return this.boldFont;
    const fonts = this.list('fonts', (p) => `<${p}font><${p}sz val="11"/></${p}font>`);
    const list: string[] = fonts.body.match(elementPattern('font')) ?? [];
    const p = fonts.prefix;
    const first = list[0]!;
    const inner = first.endsWith('/>') ? '' : first.slice(first.indexOf('>') + 1, first.lastIndexOf('<')).replace(/<([\w.-]+:)?b(?=[\s/>])[^>]*?\/>/, '');
    const font = `<${p}font><${p}b/>${inner}</${p}font>`;
    if (list.includes(font)) return (this.boldFont = list.indexOf(font));
    this.xml = appendTo(this.xml, 'fonts', 'font', font);
    return (this.boldFont = list.length);
  }

  /** The list element `name`, made where the schema has it, or filled, with `first` when the part has none or an empty one. */
  private list(name: string, first: (prefix: string) => string): NonNullable<ReturnType<typeof block>> {
    const there = block(this.xml, name);
    if (there?.body.trim()) return there;
    const p = there?.prefix ?? /<([\w.-]+:)?styleSheet(?=[\s>])/.exec(this.xml)?.[1] ?? '';
    const made = `<${p}${name}>${first(p)}</${p}${name}>`;
    if (there) this.xml = this.xml.slice(0, there.start) + made + this.xml.slice(there.end);
    else this.xml = insertChild(this.xml, STYLESHEET, name, made);
    return block(this.xml, name)!;
  }
}

/** `xml` with `item` appended to the list element `name` of `itemName` elements, its `count` kept true. */
function appendTo(xml: string, name: string, itemName: string, item: string): string {
  const b = block(xml, name)!;
  const count = (b.body.match(elementPattern(itemName)) ?? []).length + 1;
  const head = xml.slice(b.start);
  const tag = /^<[^>]*>/.exec(head)![0];
  const opened = withAttr(tag.replace(/\s*\/>$/, '>'), 'count', String(count));
  const rest = tag.endsWith('/>') ? `${opened}${item}</${b.prefix}${name}>` : insertBeforeClose(opened + xml.slice(b.start + tag.length, b.end), name, item);
  return xml.slice(0, b.start) + rest + xml.slice(b.end);
}
