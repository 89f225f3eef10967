import { posix } from 'node:path';
import { elements } from '../sheet/elements.ts';
import { relationships, relsOf, type Relation } from '../sheet/relationships.ts';
import { attr } from '../sheet/xml.ts';
import { compressedData, type ZipEntry } from '../zip.ts';
import { writeZip, type ZipPart } from './zip-writer.ts';

/** Characters escaped for XML text and attribute values. */
export const escapeXml = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/**
 * The parts of a package, read as text when asked for (from the chunks the
 * inspection inflated them to, see `Inspected.parts`) and changed or added
 * in place; every other entry is written back exactly as it was packed. Part
 * names are compared as OPC does (letter case aside, `\` as `/`).
 */
export class Package {
  private readonly stored = new Map<string, ZipEntry>();
  private readonly edited = new Map<string, Buffer>();
  private readonly added: string[] = [];
  private readonly removed = new Set<string>();

  constructor(
    private readonly buf: Buffer,
    private readonly entries: readonly ZipEntry[],
    private readonly inflated: ReadonlyMap<string, readonly Buffer[]>,
  ) {
    for (const e of entries) this.stored.set(e.name.toLowerCase(), e);
  }

  has(path: string): boolean {
    const key = path.toLowerCase();
    return !this.removed.has(key) && (this.stored.has(key) || this.edited.has(key));
  }

  /**
   * A part's text ('' when there is none). `latin1`: a byte a character, for
   * a large part changed only in its markup: UTF-8 text passes through it
   * unchanged and takes half the memory a decoded string would.
   */
  text(path: string, encoding: 'utf8' | 'latin1' = 'utf8'): string {
    const key = path.toLowerCase();
    const edited = this.edited.get(key);
    if (edited !== undefined) return edited.toString(encoding);
    const e = this.stored.get(key);
    if (!e) return '';
    const chunks = this.inflated.get(e.name);
    // Every XML part's chunks are kept until the reader lets go of them: one let go of cannot be edited.
    if (!chunks) throw new Error(`${e.name} was let go of before the copy was made`);
    return Buffer.concat(chunks).toString(encoding);
  }

  /** Change a part, or add it under `path` (`encoding`: as its text was read). */
  set(path: string, text: string, encoding: 'utf8' | 'latin1' = 'utf8'): void {
    const key = path.toLowerCase();
    if (!this.stored.has(key) && !this.edited.has(key)) this.added.push(path);
    this.removed.delete(key);
    this.edited.set(key, Buffer.from(text, encoding));
  }

  /** Take a part out of the package, with its relationships, its content type and the relationship of `source` to it. */
  remove(path: string, source: string): void {
    for (const p of [path, relsOf(path)]) this.removed.add(p.toLowerCase());
    const rels = relsOf(source);
    const gone = new Set(this.relations(source).filter((r) => r.path.toLowerCase() === path.toLowerCase()).map((r) => r.id));
    this.set(rels, this.text(rels).replace(/<([\w.-]+:)?Relationship\s[^>]*?(?:\/>|>[\s\S]*?<\/\1Relationship\s*>)/g, (r) => (gone.has(attr(r, 'Id') ?? '') ? '' : r)));
    const types = this.contentTypesName();
    const part = `/${path}`.toLowerCase();
    this.set(types, this.text(types).replace(/<([\w.-]+:)?Override\s[^>]*?(?:\/>|>[\s\S]*?<\/\1Override\s*>)/g, (o) => (attr(o, 'PartName')?.toLowerCase() === part ? '' : o)));
  }

  /** A name not yet taken: `xl/comments` + `.xml` → `xl/comments1.xml`, `xl/comments2.xml`, …. */
  freeName(stem: string, ext: string): string {
    for (let n = 1; ; n++) if (!this.has(`${stem}${n}${ext}`)) return `${stem}${n}${ext}`;
  }

  /** The relationships of a part ('' for the package's own), as the reader takes them (`relationships`). */
  relations(source: string): Relation[] {
    return relationships(this.text(relsOf(source)), source);
  }

  /** Relate `target` to `source` with a relationship of the full type `type`; its new id. */
  relate(source: string, type: string, target: string): string {
    const rels = relsOf(source);
    const ids = new Set(elements(this.text(rels), 'Relationship').map((r) => attr(r.attrs, 'Id')));
    let id = 'rIdTb1';
    for (let n = 2; ids.has(id); n++) id = `rIdTb${n}`;
    const from = posix.dirname(source) === '.' ? '' : posix.dirname(source);
    const rel = `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(posix.relative(from, target))}"/>`;
    const xml = this.text(rels) || '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    this.set(rels, insertBeforeClose(xml, 'Relationships', rel));
    return id;
  }

  /** Declare a part's content type in `[Content_Types].xml`. */
  declare(path: string, contentType: string): void {
    const types = this.contentTypesName();
    this.set(types, insertBeforeClose(this.text(types), 'Types', `<Override PartName="/${escapeXml(path)}" ContentType="${contentType}"/>`));
  }

  /** Declare a content type for every part with extension `ext` that has no other. */
  declareExtension(ext: string, contentType: string): void {
    const types = this.contentTypesName();
    const xml = this.text(types);
    if (elements(xml, 'Default').some((d) => attr(d.attrs, 'Extension')?.toLowerCase() === ext)) return;
    this.set(types, insertBeforeClose(xml, 'Types', `<Default Extension="${ext}" ContentType="${contentType}"/>`));
  }

  /** Every VML part (legacy drawings), stored or added. */
  vmlParts(): string[] {
    return [...this.entries.map((e) => e.name), ...this.added].filter((name) => /\.vml$/i.test(name));
  }

  private contentTypesName(): string {
    return this.stored.get('[content_types].xml')?.name ?? '[Content_Types].xml';
  }

  /** The package as a zip: its entries in their order, then the parts added. */
  zip(): Buffer {
    const parts: ZipPart[] = this.entries.filter((e) => !this.removed.has(e.name.toLowerCase())).map((e) => {
      const edited = this.edited.get(e.name.toLowerCase());
      if (edited !== undefined) return { name: e.name, data: edited };
      return { name: e.name, packed: { method: e.method, data: compressedData(this.buf, e)!, crc: e.crc, size: e.size } };
    });
    for (const path of this.added.filter((p) => !this.removed.has(p.toLowerCase()))) parts.push({ name: path, data: this.edited.get(path.toLowerCase())! });
    return writeZip(parts);
  }
}

/** `xml` with `inner` put just before the end tag of its element `name` (any prefix); `<name/>` opened up. */
export function insertBeforeClose(xml: string, name: string, inner: string): string {
  const close = new RegExp(`</([\\w.-]+:)?${name}\\s*>`).exec(xml);
  if (close) return xml.slice(0, close.index) + inner + xml.slice(close.index);
  const empty = new RegExp(`<([\\w.-]+:)?${name}((?:\\s[^>]*?)?)/>`).exec(xml);
  if (!empty) throw new Error(`no <${name}> element`);
  const prefix = empty[1] ?? '';
  return `${xml.slice(0, empty.index)}<${prefix}${name}${empty[2]}>${inner}</${prefix}${name}>${xml.slice(empty.index + empty[0].length)}`;
}
