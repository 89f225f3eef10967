/**
 * Damaged and hostile workbooks, as fast-check arbitraries over valid ones:
 * the fuzz test (fuzz.test.ts) and the longer run (test/bench/fuzz.ts) draw
 * from the same kinds. Each kind starts from a valid workbook of one of the
 * three forms, as tianbao writes it or as another program does (the corpus in
 * test/fixtures/corpus), and changes it as a broken copy or a hostile sender would.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import censusRoster from '@tianbao/template-census-roster';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import fc from 'fast-check';
import { FIXTURES } from './run.ts';
import { buildZip, unzip, type Part } from './zip.ts';

/** Clean submissions of the three forms: tianbao's own, then those other programs wrote. */
export async function validWorkbooks(): Promise<Buffer[]> {
  const corpus = join(FIXTURES, 'corpus');
  const others = readdirSync(corpus)
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((f) => readFileSync(join(corpus, f)));
  const own = await Promise.all([
    writeWorkbook(reviewLedger, reviewLedger.samples[0]!),
    writeWorkbook(censusRoster, censusRoster.samples[0]!),
    writeWorkbook(outfallChecklist, outfallChecklist.samples[1]!),
  ]);
  return [...own, ...others];
}

/**
 * A valid workbook's parts, unpacked once: every mutation starts from one of a
 * few books, and changes a copy of the list, never a part itself.
 */
const unpacked = new WeakMap<Buffer, readonly Part[]>();
function partsOf(buf: Buffer): readonly Part[] {
  let parts = unpacked.get(buf);
  if (!parts) unpacked.set(buf, (parts = Object.freeze(unzip(buf))));
  return parts;
}

/** One of a list, by any natural number. */
const nth = <T>(list: readonly T[], k: number): T | undefined => list[k % Math.max(1, list.length)];

const isSheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name);
const isXml = (name: string) => /\.(xml|rels)$/i.test(name);

/** The archive rebuilt with one of the parts `wanted` (the `which`-th, cycling) changed by `edit`; unchanged when none is. */
function editPart(buf: Buffer, which: number, wanted: (name: string) => boolean, edit: (text: string) => string): Buffer {
  const parts = partsOf(buf);
  const target = nth(
    parts.filter((p) => wanted(p.name)),
    which,
  );
  if (!target) return buf;
  return buildZip(parts.map((p): Part => (p === target ? { ...p, data: Buffer.from(edit(p.data.toString('utf8'))) } : p)));
}

/** `text` with `insert` at the `k`-th match of `at` (after it, or in its place when `replace`). */
function atMatch(text: string, at: RegExp, k: number, insert: string, replace = false): string {
  const m = nth([...text.matchAll(at)], k);
  if (!m) return text;
  const end = m.index + m[0].length;
  return text.slice(0, replace ? m.index : end) + insert + text.slice(end);
}

const XML_NOISE = ['<', '>', '&', '"', '<row>', '</c>', '<!--', '<v>x</v>', '\u0000', '<c r="ZZZ99999999" t="s"><v>99999</v></c>', '<f>A1</f>'];

/** One XML part cut, spliced or salted. */
const xml = (book: fc.Arbitrary<Buffer>) =>
  fc
    .tuple(book, fc.nat(), fc.nat(), fc.nat({ max: 400 }), fc.constantFrom(...XML_NOISE), fc.constantFrom('cut', 'insert', 'replace'))
    .map(([buf, which, at, length, noise, how]) =>
      editPart(buf, which, isXml, (text) => {
        const i = at % Math.max(1, text.length);
        if (how === 'cut') return text.slice(0, i) + text.slice(i + length);
        return text.slice(0, i) + noise + text.slice(how === 'insert' ? i : i + noise.length);
      }),
    );

/** Whole parts dropped, emptied, or filled with noise. */
const parts = (book: fc.Arbitrary<Buffer>) =>
  fc.tuple(book, fc.nat(), fc.constantFrom('drop', 'empty', 'noise'), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([buf, which, how, noise]) => {
    const all = partsOf(buf);
    const k = which % all.length;
    if (how === 'drop') return buildZip(all.filter((_, i) => i !== k));
    return buildZip(all.map((p, i): Part => (i !== k ? p : { ...p, data: how === 'empty' ? Buffer.alloc(0) : Buffer.from(noise) })));
  });

/** Bytes of the archive itself flipped, or the file cut short. */
const bytes = (book: fc.Arbitrary<Buffer>) =>
  fc.tuple(book, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }), fc.option(fc.nat())).map(([buf, flips, cut]) => {
    const out = Buffer.from(buf);
    for (const [at, value] of flips) out[at % out.length] = value;
    return cut === null ? out : out.subarray(0, cut % out.length);
  });

/** Ranges far past the sheet's last column (XFD) or row (1048576), reversed, or not ranges at all. */
const RANGES = ['A1:ZZZZZZ1', 'A1:XFD1048576', 'A1:XFE1', 'A1:A1048577', 'A1:A99999999999999999999', 'ZZZZZZZZZZZZZZZZ1:A1', 'E9:A1', 'A0:B0', 'A1:', ':', 'A:A', '1:1', 'A1:B2 C3:ZZZZZZ9', '$A$1:$ZZZZZZ$1'];

/** A merged range, the sheet's dimension or a dropdown's range set to one of `RANGES`. */
const ranges = (book: fc.Arbitrary<Buffer>) =>
  fc.tuple(book, fc.nat(), fc.nat(), fc.constantFrom(...RANGES), fc.constantFrom('merge', 'dimension', 'sqref')).map(([buf, which, k, range, where]) =>
    editPart(buf, which, isSheet, (text) => {
      const dimension = `<dimension ref="${range}"`;
      if (where === 'dimension') return /<dimension /.test(text) ? atMatch(text, /<dimension ref="[^"]*"/g, 0, dimension, true) : atMatch(text, /<sheetData/g, 0, `${dimension}/><sheetData`, true);
      if (where === 'sqref') return atMatch(text, /sqref="[^"]*"/g, k, `sqref="${range}"`, true);
      const cell = `<mergeCell ref="${range}"/>`;
      return /<mergeCells[^>]*>/.test(text) ? atMatch(text, /<mergeCells[^>]*>/g, 0, cell) : atMatch(text, /<\/sheetData>/g, 0, `<mergeCells count="1">${cell}</mergeCells>`);
    }),
  );

/** Cell and row references past XFD1048576, at zero, negative or not references at all. */
const REFS = ['XFE1', 'A1048577', 'ZZZZZZZZ1', 'A99999999999999999999', 'A0', 'A-1', '1', '', 'a1', 'AA', '１', 'A1.5', 'A1e9'];
const ROW_NUMBERS = ['0', '-1', '1048577', '99999999999999999999', '', 'x', '1e9', '3.5'];

/**
 * A cell or row given an impossible reference; two rows swapped (out of
 * order) or numbered alike; a cell pointing past the shared strings or the
 * styles; a row of many thousand cells.
 */
const cells = (book: fc.Arbitrary<Buffer>) =>
  fc
    .tuple(book, fc.nat(), fc.nat(), fc.nat(), fc.constantFrom(...REFS), fc.constantFrom(...ROW_NUMBERS), fc.constantFrom('cell', 'row', 'swap', 'same', 'index', 'wide'), fc.integer({ min: 1000, max: 20_000 }))
    .map(([buf, which, k, l, ref, rowNumber, how, wide]) =>
      editPart(buf, which, isSheet, (text) => {
        if (how === 'cell') return atMatch(text, /<c r="[^"]*"/g, k, `<c r="${ref}"`, true);
        if (how === 'row') return atMatch(text, /<row r="[^"]*"/g, k, `<row r="${rowNumber}"`, true);
        if (how === 'index') return atMatch(text, /<c /g, k, nth(['t="s" s="0"><v>4294967296</v></c><c ', 's="99999" ', 't="s" ', 't="e" ', 't="b" ', 't="d" ', 't="n" '], l)!);
        const rows = [...text.matchAll(/<row\b[\s\S]*?<\/row>/g)];
        if (how === 'wide') {
          const row = `<row r="${rows.length + 5}">${Array.from({ length: wide }, (_, i) => `<c t="inlineStr"><is><t>${i}</t></is></c>`).join('')}</row>`;
          return atMatch(text, /<\/sheetData>/g, 0, `${row}</sheetData>`, true);
        }
        const a = nth(rows, k);
        const b = nth(rows, l);
        if (!a || !b || a === b) return text;
        const [first, second] = a.index < b.index ? [a, b] : [b, a];
        const number = /<row r="([^"]*)"/.exec(first[0])?.[1] ?? '1';
        // `same`: the later row takes the earlier one's number; `swap`: the two change places.
        const later = how === 'same' ? second[0].replace(/<row r="[^"]*"/, `<row r="${number}"`).replace(/ r="[A-Z]+\d+"/g, '') : first[0];
        const earlier = how === 'same' ? first[0] : second[0];
        return text.slice(0, first.index) + earlier + text.slice(first.index + first[0].length, second.index) + later + text.slice(second.index + second[0].length);
      }),
    );

/** Character references to no character, or to one XML forbids; unknown and unfinished entities. */
const CHAR_REFS = ['&#x110000;', '&#xD800;', '&#xDFFF;', '&#0;', '&#x0;', '&#99999999999;', '&#x;', '&#;', '&#xFFFE;', '&#x1F600;', '&nbsp;', '&unknown;', '&amp', '&#x41'];

/** One of `CHAR_REFS` at the start of a text, in the shared strings or a sheet. */
const charRefs = (book: fc.Arbitrary<Buffer>) =>
  fc.tuple(book, fc.nat(), fc.nat(), fc.constantFrom(...CHAR_REFS)).map(([buf, which, k, ref]) =>
    editPart(buf, which, (name) => isSheet(name) || /sharedStrings\.xml$/i.test(name), (text) => atMatch(text, /<t>|<t xml:space="preserve">|<v>/g, k, ref)),
  );

/** Declarations a parser expanding entities would follow: a file read from disk, a billion laughs. */
const DOCTYPES = [
  '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
  '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY x "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
  '<!doctype r SYSTEM "http://example.invalid/x.dtd">',
  '<!ENTITY x "y">',
];

/**
 * A DOCTYPE after the first 4 kB of a part (whitespace before it, where the
 * XML still parses), at the top, or anywhere; its entity used in a text.
 */
const doctype = (book: fc.Arbitrary<Buffer>) =>
  fc.tuple(book, fc.nat(), fc.nat(), fc.constantFrom(...DOCTYPES), fc.constantFrom('late', 'top', 'anywhere'), fc.integer({ min: 4097, max: 70_000 })).map(([buf, which, at, decl, where, pad]) =>
    editPart(buf, which, isXml, (text) => {
      const used = atMatch(text, /<t>|<v>/g, at, '&x;');
      const i = where === 'anywhere' ? at % used.length : (/^<\?xml[^>]*\?>/.exec(used)?.[0].length ?? 0);
      return used.slice(0, i) + (where === 'late' ? ' '.repeat(pad) : '') + decl + used.slice(i);
    }),
  );

/** A part twice under one name, or under a name differing in case or in its slashes; the copy as it was, empty, or another part. */
const duplicates = (book: fc.Arbitrary<Buffer>) =>
  fc.tuple(book, fc.nat(), fc.nat(), fc.constantFrom('same', 'case', 'backslash'), fc.constantFrom('as is', 'empty', 'other'), fc.boolean()).map(([buf, which, other, name, body, before]) => {
    const all = partsOf(buf);
    const k = which % all.length;
    const p = all[k]!;
    const copy: Part = {
      name: name === 'same' ? p.name : name === 'case' ? p.name.toUpperCase() : p.name.replaceAll('/', '\\'),
      data: body === 'as is' ? p.data : body === 'empty' ? Buffer.alloc(0) : all[other % all.length]!.data,
    };
    return buildZip([...all.slice(0, k), ...(before ? [copy, p] : [p, copy]), ...all.slice(k + 1)]);
  });

/** Where a zip states an entry's sizes: the central directory and the entry's own (local) header. */
const SIZE_FIELDS = { size: { central: 24, local: 22 }, compressedSize: { central: 20, local: 18 } } as const;

/** Where `buildZip` put the `index`-th entry's record in the central directory (it writes no comments, no extra fields). */
function central(zip: Buffer, index: number): number {
  let p = zip.readUInt32LE(zip.length - 22 + 16);
  for (let i = 0; i < index; i++) p += 46 + zip.readUInt16LE(p + 28);
  return p;
}

/** The `index`-th entry's declared size set to `value`, in the central directory and, when `local`, in its own header too. */
function declare(zip: Buffer, index: number, field: keyof typeof SIZE_FIELDS, value: number, local: boolean): Buffer {
  const out = Buffer.from(zip);
  const p = central(out, index);
  out.writeUInt32LE(value >>> 0, p + SIZE_FIELDS[field].central);
  if (local) out.writeUInt32LE(value >>> 0, out.readUInt32LE(p + 42) + SIZE_FIELDS[field].local);
  return out;
}

/**
 * An entry whose declared size lies (zero, off by one, a thousand times,
 * 4 GB), or a sheet padded with megabytes of whitespace that says it is as
 * small as before: a bomb by what it inflates to, not by what it declares.
 */
const sizes = (book: fc.Arbitrary<Buffer>) =>
  fc
    .tuple(book, fc.nat(), fc.constantFrom('size', 'compressedSize') as fc.Arbitrary<keyof typeof SIZE_FIELDS>, fc.constantFrom('zero', 'one', 'less', 'more', 'much more', 'max', 'bomb'), fc.boolean(), fc.integer({ min: 1, max: 24 }))
    .map(([buf, which, field, lie, local, megabytes]) => {
      const all = partsOf(buf);
      if (lie === 'bomb') {
        const k = all.findIndex((p) => isSheet(p.name));
        const sheet = all[k]!;
        // Padded as bytes: as a string of megabytes, encoded anew for every run, it took most of the fuzz test's time.
        const end = sheet.data.indexOf('</sheetData>');
        const padded = end < 0 ? sheet.data : Buffer.concat([sheet.data.subarray(0, end), Buffer.alloc(megabytes << 20, ' '), sheet.data.subarray(end)]);
        return declare(buildZip(all.map((p) => (p === sheet ? { ...p, data: padded } : p))), k, 'size', sheet.data.length, local);
      }
      const k = which % all.length;
      const zip = buildZip([...all]);
      const real = zip.readUInt32LE(central(zip, k) + SIZE_FIELDS[field].central);
      const value = { zero: 0, one: 1, less: real - 1, more: real + 1, 'much more': real * 1000, max: 0xffffffff }[lie];
      return declare(zip, k, field, Math.max(0, value), local);
    });

const KINDS = {
  'XML inside the parts': xml,
  'the parts of the archive': parts,
  'the bytes of the file': bytes,
  'ranges past the sheet': ranges,
  'cell and row references': cells,
  'character references': charRefs,
  'DOCTYPE and entities': doctype,
  'duplicate entry names': duplicates,
  'declared sizes': sizes,
};

export type MutationKind = keyof typeof KINDS;

/** Every kind of damage, by name, each over the given valid workbooks. */
export function mutations(workbooks: readonly Buffer[]): Record<MutationKind, fc.Arbitrary<Buffer>> {
  const book = fc.constantFrom(...workbooks);
  return Object.fromEntries(Object.entries(KINDS).map(([kind, damage]) => [kind, damage(book)])) as Record<MutationKind, fc.Arbitrary<Buffer>>;
}
