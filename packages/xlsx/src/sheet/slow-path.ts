import { SaxesParser } from 'saxes';
import { BadXml } from './bad-xml.ts';

/** An element as the parser reads it: its local name (no prefix), its attributes, its own character data (CDATA included), its child elements. */
interface Node {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: Node[];
}

/**
 * The elements of a fragment of XML (a row's or a string item's content),
 * read by an XML parser. Throws `BadXml` when it is not well-formed.
 */
function parseFragment(xml: string): Node[] {
  const root: Node = { name: '', attrs: {}, text: '', children: [] };
  const open = [root];
  const parser = new SaxesParser<{ fragment: true; xmlns: false }>({ fragment: true, xmlns: false });
  parser.on('opentag', (tag) => {
    const node: Node = { name: tag.name.slice(tag.name.indexOf(':') + 1), attrs: tag.attributes, text: '', children: [] };
    open[open.length - 1]!.children.push(node);
    if (!tag.isSelfClosing) open.push(node);
  });
  parser.on('closetag', (tag) => void (tag.isSelfClosing || open.pop()));
  const text = (t: string) => void (open[open.length - 1]!.text += t);
  parser.on('text', text);
  parser.on('cdata', text);
  try {
    parser.write(xml).close();
  } catch {
    throw new BadXml('的 XML 无法读取');
  }
  return root.children;
}

/** `nodes` and their descendants in document order, those named `skip` left out with theirs; without recursion, as a hostile file may nest deeply. */
function* inOrder(nodes: Node[], skip?: string): Generator<Node> {
  const stack = [...nodes].reverse();
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.name === skip) continue;
    yield n;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
}

/** The first element named `name` in `nodes` and their descendants. */
function find(nodes: Node[], name: string): Node | undefined {
  for (const n of inOrder(nodes)) if (n.name === name) return n;
  return undefined;
}

/** Every `<t>` run's character data joined, phonetic guides (`<rPh>`) left out. */
function runs(nodes: Node[]): string {
  let out = '';
  for (const n of inOrder(nodes, 'rPh')) if (n.name === 't') out += n.text;
  return out;
}

/** Checks a start tag (`<row r="3">` as `row` and ` r="3"`) by the parser: throws `BadXml` when it is not well-formed. */
export const parsedTag = (name: string, attrs: string): void => void parseFragment(`<${name}${attrs}/>`);

/** A string item's runs joined, read by the parser (`_xHHHH_` escapes not decoded). */
export const parsedRuns = (xml: string): string => runs(parseFragment(xml));

/**
 * A cell as read from its XML, by either path: its attributes as written, the
 * character data of its `<v>` and of its `<is>`'s runs (`_xHHHH_` escapes not
 * decoded), whether it holds a formula.
 */
export interface CellParts {
  r?: string;
  s?: string;
  t?: string;
  v?: string;
  is?: string;
  f: boolean;
}

/** The cells of a row's content, read by the parser. */
export function parsedCells(body: string): CellParts[] {
  return parseFragment(body)
    .filter((c) => c.name === 'c')
    .map((c) => {
      const is = find(c.children, 'is');
      return { r: c.attrs.r, s: c.attrs.s, t: c.attrs.t, v: find(c.children, 'v')?.text, is: is && runs(is.children), f: !!find(c.children, 'f') };
    });
}
