import { deflateBytesAhead, deflatedBytes } from './deflated-bytes.ts';
import { pdfkitDocument } from './pdfkit-document.ts';

/** pdfkit's stream object (`PDFReference`), as its `write` and `finalize` fill and write it out. */
export interface Reference {
  data: { Length?: number; Filter?: string };
  compress: boolean;
  uncompressedLength: number;
  buffer: Uint8Array[];
  /** Text written since the last bytes, not yet made bytes. */
  text?: string;
  write(chunk: unknown): void;
  finalize(): void;
}

/**
 * pdfkit makes every operator a page's content is drawn with (some 10,000 a
 * ledger: a line, a colour, a glyph run) a small Buffer of its own, and
 * concatenates them at the end. Here text written to a stream is appended to
 * a string (V8 keeps it a rope, copied once when made flat: cheaper than
 * joining an array of the pieces) and made bytes, with the same latin1
 * encoding and counts, every `TEXT_BYTES` and just before bytes written (an
 * image, a font file) or the stream's end: the same bytes in the same order.
 */
function textWritten(reference: Reference): void {
  const { write, finalize } = reference;
  reference.write = function (this: Reference, chunk) {
    if (chunk instanceof Uint8Array) {
      flush(this);
      return write.call(this, chunk);
    }
    // As pdfkit's own: a line of text, its byte length in Length until the stream is written out.
    const text = (chunk as string) + '\n';
    this.text = this.text === undefined ? text : this.text + text;
    if (this.text.length >= TEXT_BYTES) flush(this);
    this.uncompressedLength += text.length;
    if (this.data.Length == null) this.data.Length = 0;
    this.data.Length += text.length;
    if (this.compress) this.data.Filter = 'FlateDecode';
  };
  reference.finalize = function (this: Reference) {
    flush(this);
    // Bytes whose deflated form is known (deflated-bytes.ts): written as given, marked FlateDecode as written, Length from them.
    const known = this.compress && this.buffer.length === 1 ? deflatedBytes(this.buffer[0]!) : undefined;
    if (known) [this.buffer, this.compress] = [[known], false];
    return finalize.call(this);
  };
}

/**
 * Deflate `reference`'s bytes so far on the thread pool, as `finalize` would
 * deflate them (zlib's defaults, the same bytes), for `finalize` to take when
 * nothing more is written to it: while they deflate, the process is free for
 * other work (a ledger's workbook, made beside its PDF).
 */
export async function deflateAhead(reference: Reference): Promise<void> {
  flush(reference);
  if (!reference.compress || !reference.buffer.length) return;
  const input = Buffer.concat(reference.buffer);
  reference.buffer = [input];
  await deflateBytesAhead(input);
}

/**
 * A rope of a whole page (80 kB, 10,000 pieces deep) took 1 ms a ledger to make flat and
 * encode; made bytes in pieces of 16 kB, and the pieces joined, it takes a third of that.
 */
const TEXT_BYTES = 16 * 1024;

function flush(ref: Reference): void {
  if (ref.text !== undefined) ref.buffer.push(Buffer.from(ref.text, 'latin1'));
  ref.text = undefined;
}

// pdfkit does not export its stream object: its prototype is taken from the first one a document makes.
const withRef = pdfkitDocument as { ref(data?: object): Reference };
const ref = withRef.ref;
withRef.ref = function (data) {
  const made = ref.call(this, data);
  textWritten(Object.getPrototypeOf(made));
  withRef.ref = ref;
  return made;
};
