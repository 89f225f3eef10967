import type { FastifyReply } from 'fastify';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Send `bytes` as a download named `name`: `filename*` (RFC 5987) carries the Chinese name, which every
 * current browser uses; `filename` an ASCII stand-in for the others. The name is only ever a header here.
 */
export function sendFile(reply: FastifyReply, name: string, bytes: Buffer, type = XLSX) {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`)
    .header('x-content-type-options', 'nosniff')
    .send(bytes);
}
