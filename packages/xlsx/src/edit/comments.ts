import { cellRef } from '../sheet/refs.ts';
import { elements } from '../sheet/elements.ts';
import { attr, runText } from '../sheet/xml.ts';
import { escapeXml, insertBeforeClose, type Package } from './parts.ts';
import type { Namespaces } from './namespaces.ts';
import { insertChild, WORKSHEET } from './schema-order.ts';

const VML = 'application/vnd.openxmlformats-officedocument.vmlDrawing';
const COMMENTS = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
const AUTHOR = '审核';

/** What of a cell's comment (its text) stays: all of it, or without what an earlier marking wrote there. */
export type KeptNote = (ref: string, text: string) => string;

/**
 * Add legacy comments (notes, as Excel shows them on hover) to a sheet, by
 * address: a cell's comment already there keeps its text, ours appended on a
 * new line; other cells get a new comment and a shape in the sheet's VML
 * drawing. The comments part and drawing are the sheet's own when it has
 * them, new ones (related to the sheet, declared, and named by a
 * `<legacyDrawing>`) otherwise. A comment already there of which `kept`
 * keeps less than all (lines an earlier marking wrote) is written again as
 * plain text, what is kept then ours; one left empty is taken out, with its
 * shape. Changes the parts in `pkg`.
 */
export function addComments(pkg: Package, ns: Namespaces, sheetPart: string, notes: ReadonlyMap<string, string>, kept: KeptNote = (_, text) => text): void {
  const rels = pkg.relations(sheetPart);
  let commentsPart = rels.find((r) => r.type === 'comments')?.path;
  if (!notes.size && !commentsPart) return;
  if (!commentsPart) {
    commentsPart = pkg.freeName('xl/comments', '.xml');
    pkg.set(commentsPart, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${ns.main}"><authors></authors><commentList></commentList></comments>`);
    pkg.relate(sheetPart, `${ns.relationships}/comments`, commentsPart);
    pkg.declare(commentsPart, COMMENTS);
  }
  const was = pkg.text(commentsPart);
  let xml = was;
  const prefix = /<([\w.-]+:)?comments(?=[\s/>])/.exec(xml)?.[1] ?? '';
  const authors = elements(xml, 'author').map((a) => a.body);
  let author = authors.indexOf(AUTHOR);
  if (author < 0 && notes.size) {
    author = authors.length;
    xml = insertBeforeClose(xml, 'authors', `<${prefix}author>${AUTHOR}</${prefix}author>`);
  }
  const edits: { from: number; to: number; text: string }[] = [];
  const fresh: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  const done = new Set<string>();
  for (const m of xml.matchAll(/<([\w.-]+:)?comment\s([^>]*?)>([\s\S]*?)<\/\1comment\s*>/g)) {
    const ref = attr(m[2]!, 'ref');
    if (!ref || done.has(ref)) continue;
    done.add(ref);
    const p = m[1] ?? '';
    const from = m.index + m[0].indexOf('>') + 1;
    const body = m[3]!;
    const note = notes.get(ref);
    const text = runText(body).trim();
    const keep = kept(ref, text);
    if (keep !== text) {
      // An earlier marking's lines in it: the comment written again, or taken out when nothing is left.
      const all = [keep, note].filter(Boolean).join('\n');
      if (!all) edits.push({ from: m.index, to: m.index + m[0].length, text: '' }), removed.push(ref);
      else edits.push({ from, to: from + body.length, text: `<${p}text><${p}r><${p}t xml:space="preserve">${escapeXml(all)}</${p}t></${p}r></${p}text>` });
      continue;
    }
    if (note === undefined) continue;
    // Ours on a new line after the text there: a run of its own when the text is in runs, else in its one `<t>`.
    const textEnd = body.search(/<\/([\w.-]+:)?text\s*>/);
    const tEnd = body.search(/<\/([\w.-]+:)?t\s*>/);
    if (/<([\w.-]+:)?r(?=[\s>])/.test(body) && textEnd >= 0)
      edits.push({ from: from + textEnd, to: from + textEnd, text: `<${p}r><${p}t xml:space="preserve">\n${escapeXml(note)}</${p}t></${p}r>` });
    else if (tEnd >= 0) edits.push({ from: from + tEnd, to: from + tEnd, text: `\n${escapeXml(note)}` });
  }
  for (const [ref, text] of notes) {
    if (done.has(ref)) continue;
    const t = `<${prefix}t xml:space="preserve">${escapeXml(text)}</${prefix}t>`;
    added.push(`<${prefix}comment ref="${ref}" authorId="${author}"><${prefix}text><${prefix}r>${t}</${prefix}r></${prefix}text></${prefix}comment>`);
    fresh.push(ref);
  }
  for (const e of edits.sort((a, b) => b.from - a.from)) xml = xml.slice(0, e.from) + e.text + xml.slice(e.to);
  if (added.length) xml = insertBeforeClose(xml, 'commentList', added.join(''));
  if (xml !== was) pkg.set(commentsPart, xml);
  if (removed.length) removeShapes(pkg, sheetPart, removed);
  if (fresh.length) addShapes(pkg, ns, sheetPart, fresh);
}

/** The sheet's VML drawing, by its `<legacyDrawing>`; undefined when it has none. */
function drawingOf(pkg: Package, sheet: string, sheetPart: string): string | undefined {
  const legacy = /<([\w.-]+:)?legacyDrawing\s[^>]*?\/?>/.exec(sheet);
  return legacy ? pkg.relations(sheetPart).find((r) => r.id === attr(legacy[0], 'id'))?.path : undefined;
}

/** The note shapes of cells `refs` taken out of the sheet's VML drawing: a shape without its comment shows as an empty note. */
function removeShapes(pkg: Package, sheetPart: string, refs: string[]): void {
  const vml = drawingOf(pkg, pkg.text(sheetPart, 'latin1'), sheetPart);
  if (!vml) return;
  const gone = new Set(refs.map((ref) => at(ref).join(',')));
  const drawing = pkg.text(vml).replace(/<v:shape(?=[\s>])[\s\S]*?<\/v:shape\s*>/g, (shape) => {
    const row = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(shape)?.[1];
    const col = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(shape)?.[1];
    return /ObjectType\s*=\s*["']Note["']/.test(shape) && gone.has(`${row},${col}`) ? '' : shape;
  });
  pkg.set(vml, drawing);
}

/** A cell's row and column from 0, as VML numbers them. */
function at(ref: string): [number, number] {
  const { row, column } = cellRef(ref);
  return [row - 1, column - 1];
}

/** Shapes for new comments in the sheet's VML drawing, made (with its `<legacyDrawing>`) when it has none. */
function addShapes(pkg: Package, ns: Namespaces, sheetPart: string, refs: string[]): void {
  const sheet = pkg.text(sheetPart, 'latin1');
  let vml = drawingOf(pkg, sheet, sheetPart);
  if (!vml) {
    vml = pkg.freeName('xl/drawings/vmlDrawing', '.vml');
    const map = nextIdMap(pkg);
    pkg.set(
      vml,
      `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${map}"/></o:shapelayout>${SHAPE_TYPE}</xml>`,
    );
    const id = pkg.relate(sheetPart, `${ns.relationships}/vmlDrawing`, vml);
    pkg.declareExtension('vml', VML);
    const p = /<([\w.-]+:)?worksheet(?=[\s>])/.exec(sheet)?.[1] ?? '';
    pkg.set(sheetPart, insertChild(sheet, WORKSHEET, 'legacyDrawing', `<${p}legacyDrawing xmlns:tbr="${ns.relationships}" tbr:id="${id}"/>`), 'latin1');
  }
  let drawing = pkg.text(vml);
  if (!drawing.includes('_x0000_t202')) drawing = drawing.replace(/<\/xml\s*>\s*$/, `${SHAPE_TYPE}</xml>`);
  const map = Number(/<o:idmap[^>]*data\s*=\s*"(\d+)/.exec(drawing)?.[1] ?? 1);
  const used = [...drawing.matchAll(/_x0000_s(\d+)/g)].map((m) => Number(m[1]));
  let id = Math.max(map * 1024, ...used);
  const shapes = refs.map((ref) => shape(++id, ref)).join('');
  const end = drawing.lastIndexOf('</xml');
  pkg.set(vml, drawing.slice(0, end) + shapes + drawing.slice(end));
}

/** An `o:idmap` block number no other drawing of the workbook uses (each holds shape ids block×1024 onward). */
function nextIdMap(pkg: Package): number {
  let most = 0;
  for (const path of pkg.vmlParts()) for (const m of pkg.text(path).matchAll(/data\s*=\s*"([\d,\s]+)"/g)) for (const n of m[1]!.split(/[,\s]+/)) most = Math.max(most, Number(n) || 0);
  return most + 1;
}

const SHAPE_TYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

/** A hidden note box beside cell `ref`, as Excel draws one. */
function shape(id: number, ref: string): string {
  const [row, col] = at(ref);
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:200pt;height:80pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${Math.max(0, row - 1)}, 10, ${col + 4}, 15, ${row + 4}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
  );
}

