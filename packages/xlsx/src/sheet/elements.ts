import { BadXml } from './bad-xml.ts';
import { MARKUP } from './xml.ts';

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
  /** `close` where it is tried only. */
  private readonly closeHere: RegExp;
  private readonly endTag: string;
  private readonly endStart: string;
  private readonly prefixed: string;
  /** The name's last character. */
  private readonly last: string;
  /** Where `:name` was last searched for: in which text, from where, and found (-1: not after `colonFrom`). */
  private colonIn = '';
  private colonFrom = -1;
  private colonAt = -1;
  /** Where the start tag found last by `opening` has its name end. */
  private nameEnd = 0;

  constructor(private readonly name: string) {
    this.open = new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])`, 'g');
    this.close = new RegExp(`</(?:[\\w.-]+:)?${name}\\s*>`, 'g');
    this.closeHere = new RegExp(this.close.source, 'y');
    this.endTag = `</${name}>`;
    this.endStart = `</${name}`;
    this.prefixed = `:${name}`;
    this.last = name.slice(-1);
  }

  /** Where the end tag found last by `closing` ends. */
  private closeEnd = 0;

  /**
   * The first end tag at or after `from`: where it starts (-1: none), and
   * where it ends (`closeEnd`: a field, not an object for each element).
   * `</row>` as writers have it is found by plain searches, many times
   * faster than the expression, which is left for an end tag prefixed or spaced.
   */
  private closing(s: string, from: number): number {
    // The first `</row…` is `</row>`, and no `:row` (of `</x:row>`) stands before it.
    const plain = this.endStartAt(s, from);
    if (plain >= 0 && s.charCodeAt(plain + this.endStart.length) === 62 && this.prefixedFrom(s, from) > plain) {
      this.closeEnd = plain + this.endTag.length;
      return plain;
    }
    this.close.lastIndex = from;
    const c = this.close.exec(s);
    if (!c) return -1;
    this.closeEnd = this.close.lastIndex;
    return c.index;
  }

  /**
   * `s.indexOf('</row', from)`, found by the name's last character: `w` is
   * rare in a sheet's markup, where a search for `</row` stops at every `<`.
   */
  private endStartAt(s: string, from: number): number {
    const back = this.endStart.length - 1;
    for (let i = s.indexOf(this.last, from + back); i >= 0; i = s.indexOf(this.last, i + 1)) if (s.startsWith(this.endStart, i - back)) return i - back;
    return -1;
  }

  /** Where `<!` or `<?` was last searched for: in which text, from where, and found (-1: not after `markFrom`). */
  private markIn = '';
  private markFrom = -1;
  private markAt = -1;

  /** Where a comment, CDATA section or processing instruction next may start at or after `from` (Infinity: nowhere), searched for again only once passed. */
  private markupFrom(s: string, from: number): number {
    if (s !== this.markIn || from < this.markFrom || (this.markAt >= 0 && this.markAt < from)) {
      this.markIn = s;
      this.markFrom = from;
      const bang = afterLt(s, '!', from);
      const question = afterLt(s, '?', from);
      this.markAt = bang < 0 ? question : question < 0 ? bang : Math.min(bang, question);
    }
    return this.markAt < 0 ? Infinity : this.markAt;
  }

  /**
   * The first end tag at or after `from` that stands in no comment, CDATA
   * section or processing instruction (`<!-- </row> -->` is text of the
   * row): the element's content read tag by tag, for an element holding such
   * markup alone. -1 when none; its end in `closeEnd`.
   */
  private closingPast(s: string, from: number): number {
    for (let i = from; ; ) {
      const lt = s.indexOf('<', i);
      if (lt < 0) return -1;
      const markup = MARKUP.find((m) => s.startsWith(m.open, lt));
      if (markup) {
        const end = s.indexOf(markup.close, lt + markup.open.length);
        if (end < 0) return -1;
        i = end + markup.close.length;
        continue;
      }
      if (s.charCodeAt(lt + 1) === 47) {
        this.closeHere.lastIndex = lt;
        if (this.closeHere.test(s)) {
          this.closeEnd = this.closeHere.lastIndex;
          return lt;
        }
      }
      i = lt + 1;
    }
  }

  /**
   * `found` (by `next`) as it stands when comments, CDATA sections and
   * processing instructions in it are taken into account: what looked like
   * its end tag may stand in one of them (`<!-- </row> -->`), and it ends
   * later, or beyond `s` (then only its start). Most elements hold none, and
   * are given back as they are.
   */
  pastMarkup(s: string, found: Required<Found>): Found {
    if (this.markupFrom(s, found.start) >= found.end) return found;
    const gt = s.indexOf('>', found.start);
    const at = this.closingPast(s, gt + 1);
    if (at < 0) return { start: found.start };
    return { start: found.start, end: this.closeEnd, el: { attrs: found.el.attrs, body: s.slice(gt + 1, at) } };
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
    for (let start = this.opening(s, from); start >= 0; start = this.opening(s, this.nameEnd)) {
      const gt = s.indexOf('>', this.nameEnd);
      if (gt < 0) return { start };
      if (s.charCodeAt(gt - 1) === 47) return { start, end: gt + 1, el: { attrs: s.slice(this.nameEnd, gt - 1), body: '' } };
      if (!closes) {
        this.nameEnd = gt + 1;
        continue;
      }
      const at = this.closing(s, gt + 1);
      if (at < 0) return { start };
      return { start, end: this.closeEnd, el: { attrs: s.slice(this.nameEnd, gt), body: s.slice(gt + 1, at) } };
    }
    return null;
  }

  /**
   * Where the first start tag (`open`) at or after `from` begins; -1 when
   * none. A name of two letters or more is found by searching for the name
   * itself and looking back for its `<` and prefix: the expression would be
   * tried at every `<` of every cell.
   */
  private opening(s: string, from: number): number {
    if (this.name.length < 2) {
      this.open.lastIndex = from;
      const m = this.open.exec(s);
      if (m) this.nameEnd = this.open.lastIndex;
      return m ? m.index : -1;
    }
    for (let at = s.indexOf(this.name, from + 1); at >= 0; at = s.indexOf(this.name, at + 1)) {
      const end = at + this.name.length;
      if (!endsName(s.charCodeAt(end))) continue;
      const start = tagOpen(s, at);
      if (start >= from) {
        this.nameEnd = end;
        return start;
      }
    }
    return -1;
  }
}

/**
 * Where the first `<` followed by the character `c` (`!`, `?`) stands at or
 * after `from`; -1 when none. Found by `c`, rare in a sheet: a search for
 * `<!` would stop at every tag.
 */
function afterLt(s: string, c: string, from: number): number {
  for (let i = s.indexOf(c, from + 1); i >= 0; i = s.indexOf(c, i + 1)) if (s.charCodeAt(i - 1) === 60) return i - 1;
  return -1;
}

/** After a tag's name, as the expression's `(?=[\s/>])` has it. */
const endsName = (c: number): boolean => c === 32 || c === 62 || c === 47 || (c < 32 ? c >= 9 && c <= 13 : c > 127 && /\s/.test(String.fromCharCode(c)));

/** The `<` of a start tag whose name (after any prefix, `[\w.-]+:`) starts at `at`; -1 when none. */
function tagOpen(s: string, at: number): number {
  const before = s.charCodeAt(at - 1);
  if (before === 60) return at - 1;
  if (before !== 58) return -1;
  let p = at - 2;
  while (p >= 0 && isPrefixChar(s.charCodeAt(p))) p--;
  return p < at - 2 && p >= 0 && s.charCodeAt(p) === 60 ? p : -1;
}

/** `[\w.-]`: ASCII letters and digits, `_`, `.`, `-`. */
const isPrefixChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;

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
  for (let found = markupTaken(tags, xml, tags.next(xml, 0)); found; ) {
    let at: number;
    if (found.el) {
      if (visit(found as Required<Found>) === false) return;
      at = found.end!;
    } else {
      closes = false;
      at = xml.indexOf('>', found.start) + 1 || xml.length;
    }
    found = markupTaken(tags, xml, tags.next(xml, at, closes));
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

/** How near the end of a text a tag cut by the chunk boundary can start. */
const CUT_TAG = 256;

/**
 * Every element named `name` in text that arrives in chunks, those a chunk
 * made whole given together (a step of an async generator costs more than
 * reading a row). The text is followed by an `ElementSplitter`, this
 * generator only handing it the chunks: the work of each chunk is a plain
 * function, which V8 optimises at a fraction of the cost of a generator.
 * Throws `BadXml` as `ElementSplitter` says, after the elements before the
 * fault.
 */
export async function* streamElements(chunks: AsyncIterable<string>, name: string, root?: string): AsyncGenerator<Element[]> {
  const splitter = new ElementSplitter(name, root);
  for await (const chunk of chunks) {
    const whole = splitter.take(chunk);
    if (whole.length) yield whole;
    if (splitter.refused) throw splitter.refused;
  }
  splitter.end();
}

/**
 * The elements named `name` in text given a chunk at a time (`take`), each
 * as the chunk that ends it comes. An unfinished element is carried to the
 * next chunk in pieces, and its end is looked for in the new chunk alone: an
 * element of any length (a row of 16,384 cells) costs time in proportion to
 * it. The text between elements is followed (`Outside`): a start tag in a
 * comment, CDATA section or processing instruction there is none; other
 * markup between two elements (`</row></row>`) is a fault (`refused`, the
 * elements before it given first), as are, at the `end`, an element never
 * ended, a comment never ended, or (given its `root`) a text not ended by its
 * root's end tag, as a part cut short and packed again is: what follows would
 * be read wrong, or not at all.
 */
class ElementSplitter {
  private readonly tags: Tags;
  private readonly outside = new Outside();
  /** The text's last characters, where its root's end tag must be. */
  private tail = '';
  private started = false;
  /** The unfinished element, from its `<`, in pieces, and its last characters (where its end tag may have begun). */
  private held: string[] = [];
  private heldTail = '';
  /** Whether the unfinished element's start tag is whole yet. */
  private inBody = false;
  /** Outside an element: the end of the last chunk, where a start tag or a comment's end may be cut. */
  private rest = '';
  /** Markup found between two elements: nothing after it is read. */
  refused: BadXml | undefined;

  constructor(
    name: string,
    private readonly root?: string,
  ) {
    this.tags = tagsOf(name);
  }

  /** The elements `chunk` makes whole, in order; those before the fault when it finds one (`refused`). */
  take(chunk: string): Element[] {
    const { tags, outside } = this;
    if (this.root) this.tail = lastOf(this.tail, chunk, ROOT_TAIL);
    let text: string;
    let at = 0;
    const whole: Element[] = [];
    if (this.held.length) {
      let from = 0;
      if (!this.inBody) {
        const gt = chunk.indexOf('>');
        if (gt >= 0) {
          this.inBody = true;
          from = gt + 1;
        }
      }
      const selfClosed = from > 0 && (from > 1 ? chunk.charCodeAt(from - 2) : this.heldTail.charCodeAt(this.heldTail.length - 1)) === 47;
      const end = !this.inBody ? -1 : selfClosed ? from : closeEnd(tags, from ? '' : this.heldTail, chunk, from);
      if (end < 0) {
        this.held.push(chunk);
        this.heldTail = lastOf(this.heldTail, chunk, CUT_TAG);
        return whole;
      }
      // The element made whole by this chunk read alone, so that the rest of the chunk is read where it is, not copied after it.
      const head = this.held.join('') + chunk.slice(0, end);
      const found = markupTaken(tags, head, tags.next(head, 0));
      this.held = [];
      this.heldTail = '';
      this.inBody = false;
      if (found?.el && found.end === head.length) {
        whole.push(found.el);
        text = chunk;
        at = end;
      } else text = head + chunk.slice(end);
    } else text = this.rest + chunk;
    for (;;) {
      if (outside.inside) {
        const end = outside.leave(text, at);
        if (end < 0) break;
        at = end;
      }
      const found = markupTaken(tags, text, tags.next(text, at));
      if (!found) break;
      // Most elements stand right after the one before: nothing between to take.
      if (found.start > at) outside.take(text, at, found.start);
      // In a comment, CDATA section or processing instruction: no element.
      if (outside.inside) {
        at = found.start;
        continue;
      }
      if (this.started && outside.stray) {
        // The elements before it first, so that the refusal can say after which it stands.
        this.refused = new BadXml('附近的 XML 无法读取');
        return whole;
      }
      outside.stray = false;
      this.started = true;
      if (!found.el) {
        this.held = [text.slice(found.start)];
        this.heldTail = this.held[0]!.slice(-CUT_TAG);
        this.inBody = text.indexOf('>', found.start) >= 0;
        break;
      }
      whole.push(found.el);
      at = found.end!;
    }
    this.rest = '';
    if (!this.held.length) {
      // A start tag cut by the chunk's end is taken whole with the next chunk; so is a marker `Outside` cannot yet tell.
      const lt = text.lastIndexOf('<');
      const cut = lt >= at && text.length - lt < CUT_TAG ? lt : text.length;
      this.rest = text.slice(Math.min(cut, outside.take(text, at, cut, cut === text.length)));
    }
    return whole;
  }

  /** Throws `BadXml` when the text ended inside an element or a comment, or, given its root, before the root's end tag. */
  end(): void {
    if (this.held.length || this.outside.inside) throw new BadXml('附近的 XML 无法读取');
    // With no element, none can be lost (and the root may have closed itself: `<sst count="0"/>`).
    if (this.root && this.started && !closesRoot(this.tail, this.root)) throw new BadXml('处 XML 在结尾前被截断，后面的内容缺失');
  }
}

/** An element found by `next`, as it stands with the comments and CDATA in it taken into account (see `pastMarkup`). */
const markupTaken = (tags: Tags, s: string, found: Found | null): Found | null => (found?.el ? tags.pastMarkup(s, found as Required<Found>) : found);

/** The last `n` characters of `before` and then `text`: cut from `text` alone when it is as long (joining them would copy it). */
const lastOf = (before: string, text: string, n: number): string => (text.length >= n ? text.slice(-n) : (before + text).slice(-n));

/** How much of a text's end is kept to see that it closes its root. */
const ROOT_TAIL = 64;

/** Whether `tail` ends with the end tag of `root` (any prefix), white space after it aside. */
const closesRoot = (tail: string, root: string): boolean => new RegExp(`</(?:[\\w.-]+:)?${root}\\s*>\\s*$`).test(tail);

const LONGEST_OPEN = Math.max(...MARKUP.map((m) => m.open.length));

/**
 * The text outside the elements `streamElements` looks for, followed as it
 * comes: whether it stands in a comment, CDATA section or processing
 * instruction (`inside`: a start tag there is none), and whether it held
 * other markup since `stray` was last cleared. Only that text is looked at,
 * and only at its `<`: between a sheet's rows, most often nothing.
 */
class Outside {
  /** What ends the comment, CDATA section or processing instruction the text is in; '' outside them. */
  private close = '';
  stray = false;

  get inside(): boolean {
    return this.close !== '';
  }

  /** Where the markup the text is in ends, at or after `from`, now left; -1 when not in `text`. */
  leave(text: string, from: number): number {
    const end = text.indexOf(this.close, from);
    if (end < 0) return -1;
    const after = end + this.close.length;
    this.close = '';
    return after;
  }

  /**
   * Take `text` from `from` to `to`. Returns where it was taken to: `to`,
   * or, at the end of what has come so far (`last`), where a marker starts
   * that the next text may finish (`<!-`, a comment's `--`): to be taken
   * again with it.
   */
  take(text: string, from: number, to: number, last = false): number {
    for (let i = from; i < to; ) {
      if (this.close) {
        const end = text.indexOf(this.close, i);
        if (end >= 0 && end + this.close.length <= to) {
          i = end + this.close.length;
          this.close = '';
          continue;
        }
        return last ? Math.max(i, to - this.close.length + 1) : to;
      }
      const lt = text.indexOf('<', i);
      if (lt < 0 || lt >= to) break;
      const markup = MARKUP.find((m) => text.startsWith(m.open, lt));
      if (markup && lt + markup.open.length <= to) {
        this.close = markup.close;
        i = lt + markup.open.length;
        continue;
      }
      if (last && to - lt < LONGEST_OPEN && MARKUP.some((m) => m.open.startsWith(text.slice(lt, to)))) return lt;
      this.stray = true;
      i = lt + 1;
    }
    return to;
  }
}

/**
 * Where the first end tag in `chunk` from `from` ends, maybe begun at the end
 * of `before`; -1 when there is none. The chunk is searched where it is: one
 * begun before it ends at the first `>` after the seam.
 */
function closeEnd(tags: Tags, before: string, chunk: string, from: number): number {
  const lt = before.lastIndexOf('<');
  const seam = lt >= 0 && before.length - lt < CUT_TAG ? before.slice(lt) : '';
  if (seam) {
    const gt = chunk.indexOf('>', from);
    tags.close.lastIndex = 0;
    // One ending within `before` was passed over there (it stood in a comment or CDATA section).
    if (tags.close.test(seam + chunk.slice(from, gt < 0 ? from : gt + 1)) && tags.close.lastIndex > seam.length) return tags.close.lastIndex - seam.length + from;
  }
  tags.close.lastIndex = from;
  return tags.close.test(chunk) ? tags.close.lastIndex : -1;
}
