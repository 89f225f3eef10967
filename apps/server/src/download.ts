import type { Readable } from 'node:stream';
import { printable } from '@tianbao/form';
import type { FastifyReply } from 'fastify';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Send `bytes` as a download named `name`: `filename*` (RFC 5987) carries the Chinese name, which every
 * current browser uses; `filename` an ASCII stand-in for the others. The name is only ever a header here,
 * its control and bidi characters written out (`printable`): an upload's name cannot pose as another.
 */
export function sendFile(reply: FastifyReply, given: string, bytes: Buffer | Readable, type = XLSX) {
  const name = printable(given);
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`)
    .header('x-content-type-options', 'nosniff')
    .send(bytes);
}
