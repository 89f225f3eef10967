import { deflateSync } from 'node:zlib';
import { deflateLater } from '@tianbao/form';

/**
 * Bytes a stream is to be written with whole, and their deflated form once made (null: not yet):
 * a subset file every document embedding the same glyphs shares (font-subsets.ts), a page's content
 * deflated ahead on the thread pool (content-streams.ts). Deflated as pdfkit deflates a stream
 * (zlib's defaults): the same bytes.
 */
const deflated = new WeakMap<Uint8Array, Buffer | null>();

/** Have `bytes` deflated once, the first time a stream is written with them alone, for every stream written so. */
export function deflateOnce(bytes: Uint8Array): void {
  if (!deflated.has(bytes)) deflated.set(bytes, null);
}

/** Deflate `bytes` now, unless done, for the streams written with them alone: on Node's thread pool (see `deflateLater`). */
export async function deflateBytesAhead(bytes: Uint8Array): Promise<void> {
  if (!deflated.get(bytes)) deflated.set(bytes, await deflateLater(bytes));
}

/** The deflated form of `bytes`, when they are bytes marked here (deflated now if not yet); undefined for any other. */
export function deflatedBytes(bytes: Uint8Array): Buffer | undefined {
  let known = deflated.get(bytes);
  if (known === null) deflated.set(bytes, (known = deflateSync(bytes)));
  return known;
}
