/** One element as found in the text: its attribute text and its content (empty for `<x/>`). */
export interface Element {
  attrs: string;
  body: string;
}

/** An element found at `start`: whole, ending just before `end`, or cut off by the end of the text (`el` undefined). */
interface Found {
  start: number;
  end?: number;
  el?: Element;
}

/**
 * Where elements named `name` (any namespace prefix: `<row>`, `<x:row>`)
 * start and end. Their start tags hold no `>` (Excel escapes it), and they do
 * not nest. Each search goes forward from where the last one stopped.
 */
class Tags {
  private readonly open: RegExp;
  readonly close: RegExp;
  private readonly endTag: string;
  private readonly endStart: string;
  private readonly prefixed: string;
  /** Where `:name` was last searched for: in which text, from where, and found (-1: not after `colonFrom`). */
  private colonIn = '';
  private colonFrom = -1;
  private colonAt = -1;

  constructor(name: string) {
    this.open = new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])`, 'g');
    this.close = new RegExp(`</(?:[\\w.-]+:)?${name}\\s*>`, 'g');
    this.endTag = `</${name}>`;
    this.endStart = `</${name}`;
    this.prefixed = `:${name}`;
  }

  /**
   * The first end tag at or after `from`: where it starts and ends. `</row>`
   * as writers have it is found by plain searches, many times faster than
   * the expression, which is left for an end tag prefixed or spaced.
   */
  private closing(s: string, from: number): { at: number; end: number } | null {
    const plain = s.indexOf(this.endTag, from);
    // No `</row…` before it, and no `:row` (of `</x:row>`) either.
    if (plain >= 0 && s.indexOf(this.endStart, from) === plain && this.prefixedFrom(s, from) > plain) return { at: plain, end: plain + this.endTag.length };
    this.close.lastIndex = from;
    const c = this.close.exec(s);
    return c ? { at: c.index, end: this.close.lastIndex } : null;
  }

  /** Where `:name` next stands at or after `from` (Infinity: nowhere), searched for again only once passed. */
  private prefixedFrom(s: string, from: number): number {
    if (s !== this.colonIn || from < this.colonFrom || (this.colonAt >= 0 && this.colonAt < from)) {
      this.colonIn = s;
      this.colonFrom = from;
      this.colonAt = s.indexOf(this.prefixed, from);
    }
    return this.colonAt < 0 ? Infinity : this.colonAt;
  }

  /** The first element at or after `from`; null when none starts. `closes: false` (no end tag after `from`): only `<x/>` ones. */
  next(s: string, from: number, closes = true): Found | null {
    this.open.lastIndex = from;
    for (let m = this.open.exec(s); m; m = this.open.exec(s)) {
      const gt = s.indexOf('>', this.open.lastIndex);
      if (gt < 0) return { start: m.index };
      if (s.charCodeAt(gt - 1) === 47) return { start: m.index, end: gt + 1, el: { attrs: s.slice(this.open.lastIndex, gt - 1), body: '' } };
      if (!closes) {
        this.open.lastIndex = gt + 1;
        continue;
      }
      const c = this.closing(s, gt + 1);
      if (!c) return { start: m.index };
      return { start: m.index, end: c.end, el: { attrs: s.slice(this.open.lastIndex, gt), body: s.slice(gt + 1, c.at) } };
    }
    return null;
  }
}

const TAGS = new Map<string, Tags>();
const tagsOf = (name: string): Tags => {
  let tags = TAGS.get(name);
  if (!tags) TAGS.set(name, (tags = new Tags(name)));
  return tags;
};

/**
 * Each element named `name` in a string, with where it stands, given to
 * `visit` until it returns false; in time linear in the string: an element
 * never closed is skipped, and after it only `<x/>` ones can be whole.
 */
function walk(xml: string, name: string, visit: (found: Required<Found>) => boolean | void): void {
  const tags = tagsOf(name);
  let closes = true;
  for (let found = tags.next(xml, 0); found; ) {
    let at: number;
    if (found.el) {
      if (visit(found as Required<Found>) === false) return;
      at = found.end!;
    } else {
      closes = false;
      at = xml.indexOf('>', found.start) + 1 || xml.length;
    }
    found = tags.next(xml, at, closes);
  }
}

/** Every element named `name` in a string, with where it stands. */
export function elementSpans(xml: string, name: string): Required<Found>[] {
  const out: Required<Found>[] = [];
  walk(xml, name, (found) => void out.push(found));
  return out;
}

/** Every element named `name` in a string. */
export function elements(xml: string, name: string): Element[] {
  const out: Element[] = [];
  walk(xml, name, (found) => void out.push(found.el));
  return out;
}

/** The first element named `name` in a string. */
export function firstElement(xml: string, name: string): Element | undefined {
  let first: Element | undefined;
  walk(xml, name, (found) => {
    first = found.el;
    return false;
  });
  return first;
}

/** The contents of every element named `name` in a string, joined. */
export function joinedBodies(xml: string, name: string): string {
  let out = '';
  walk(xml, name, (found) => void (out += found.el.body));
  return out;
}

/** How near the end of a text a tag cut by the chunk boundary can start. */
const CUT_TAG = 256;

/**
 * Every element named `name` in text that arrives in chunks, each as soon as
 * it is whole. An unfinished element is carried to the next chunk in pieces,
 * and its end is looked for in the new chunk alone: an element of any length
 * (a row of 16,384 cells) costs time in proportion to it.
 */
export async function* streamElements(chunks: AsyncIterable<string>, name: string): AsyncGenerator<Element> {
  const tags = tagsOf(name);
  // The unfinished element, from its `<`, in pieces; and whether its start tag is whole yet.
  let held: string[] = [];
  let inBody = false;
  // Outside an element: the end of the last chunk, where a start tag may be cut.
  let rest = '';
  for await (const chunk of chunks) {
    let text: string;
    if (held.length) {
      const last = held[held.length - 1]!;
      let from = 0;
      if (!inBody) {
        const gt = chunk.indexOf('>');
        if (gt >= 0) {
          inBody = true;
          from = gt + 1;
        }
      }
      const ends = inBody && ((from > 0 && (from > 1 ? chunk.charCodeAt(from - 2) : last.charCodeAt(last.length - 1)) === 47) || closesIn(tags, from ? '' : last, chunk, from));
      if (!ends) {
        held.push(chunk);
        continue;
      }
      text = held.join('') + chunk;
      held = [];
      inBody = false;
    } else text = rest + chunk;
    let at = 0;
    for (let found = tags.next(text, 0); found; found = tags.next(text, at)) {
      if (!found.el) {
        held = [text.slice(found.start)];
        inBody = text.indexOf('>', found.start) >= 0;
        break;
      }
      yield found.el;
      at = found.end!;
    }
    const lt = text.lastIndexOf('<');
    rest = !held.length && lt >= at && text.length - lt < CUT_TAG ? text.slice(lt) : '';
  }
}

/** Whether the end tag is in `chunk` from `from`, maybe begun at the end of `before`. */
function closesIn(tags: Tags, before: string, chunk: string, from: number): boolean {
  const lt = before.lastIndexOf('<');
  const seam = lt >= 0 && before.length - lt < CUT_TAG ? before.slice(lt) : '';
  tags.close.lastIndex = 0;
  return tags.close.test(seam + (from ? chunk.slice(from) : chunk));
}
