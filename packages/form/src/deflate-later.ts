// The module's object, not its named exports: tests see what is deflated through it.
import zlib, { type ZlibOptions } from 'node:zlib';

/**
 * Up to this many bytes are deflated on the calling thread: handing them to the thread pool and
 * taking them back costs that thread more (4 kB: 0.05 ms at once against 0.1–0.2 ms handed over).
 */
const AT_ONCE_BYTES = 8 * 1024;

/**
 * `bytes` deflated, in zlib's format or (`raw`) bare, with zlib's `options`: the same bytes
 * `deflateSync` gives. More than 8 kB are deflated on Node's thread pool, the calling thread
 * free meanwhile, into one buffer large enough for them all: a zlib stream's 16 kB buffers
 * would bring each piece back on a turn of the event loop of its own. Rejects as zlib does.
 */
export function deflateLater(bytes: Uint8Array, options: ZlibOptions = {}, raw = false): Promise<Buffer> {
  if (bytes.length <= AT_ONCE_BYTES) {
    try {
      return Promise.resolve(raw ? zlib.deflateRawSync(bytes, options) : zlib.deflateSync(bytes, options));
    } catch (e) {
      return Promise.reject(e);
    }
  }
  // Room for the whole output: what does not compress, zlib stores, a few bytes a 64 kB block more than given (were
  // it ever more, zlib's stream takes another turn: the same bytes).
  const whole = { ...options, chunkSize: Math.max(options.chunkSize ?? zlib.constants.Z_DEFAULT_CHUNK, bytes.length + (bytes.length >> 8) + 64) };
  return new Promise((resolve, reject) => (raw ? zlib.deflateRaw : zlib.deflate)(bytes, whole, (e, out) => (e ? reject(e) : resolve(out))));
}
