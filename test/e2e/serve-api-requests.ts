// Requests to a running `tianbao serve` over real HTTP, as a script or a browser sends them (see serve-api.test.ts).
import { request } from 'node:http';
import { expect } from 'vitest';

/** Who asks: an administrator, the city's office, 修武县's clerk, 温县's clerk, or nobody logged in. */
export type Who = 'admin' | 'city' | 'xiuwu' | 'wenxian' | 'none';

/** What an answer must be: a 2xx status, or a refusal's status and rule id. */
export type Expected = number | readonly [status: number, rule: string];

/** A client of the portal at `base`, each account's session cookie in `cookies` (none for `none`). */
export function client(base: string, cookies: Partial<Record<Who, string>>) {
  /** `method path` as `who`, a JSON body or FormData when given. */
  const call = (who: Who, method: string, path: string, body?: unknown) =>
    fetch(new URL(path, base), {
      method,
      headers: {
        ...(cookies[who] && { cookie: cookies[who] }),
        ...(body !== undefined && !(body instanceof FormData) && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: body instanceof FormData ? body : JSON.stringify(body) }),
    });

  /**
   * Ask `method path` as each role of `expected`, one after another (a role's request may change what the
   * next sees), and check each status, and each refusal's rule; the answers of the 2xx, by role.
   */
  async function asEach(method: string, path: string, expected: Partial<Record<Who, Expected>>, body?: () => unknown) {
    const answers: Partial<Record<Who, Response>> = {};
    const got: Partial<Record<Who, Expected>> = {};
    for (const who of Object.keys(expected) as Who[]) {
      const r = await call(who, method, path, body?.());
      if (r.status >= 300) got[who] = [r.status, ((await r.json()) as { error: { rule: string } }).error.rule];
      else {
        got[who] = r.status;
        answers[who] = r;
      }
    }
    // All at once, so that a failure shows every role's answer.
    expect(got, `${method} ${path}`).toEqual(expected);
    return answers as Record<Who, Response>;
  }

  return { call, asEach };
}

/** A multipart body with the workbook in the field `file`, under `fileName`. */
export function upload(fileName: string, bytes: Buffer): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
  return form;
}

/** A multipart body of `megabytes` of zeros in the field `file`, streamed as it is sent: never held whole. */
export function streamedUpload(megabytes: number): { body: ReadableStream<Uint8Array>; contentType: string } {
  const boundary = 'tianbao-e2e-boundary';
  const chunk = new Uint8Array(1 << 20);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.xlsx"\r\n\r\n`));
    },
    pull(c) {
      if (sent++ < megabytes) return c.enqueue(chunk);
      c.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`));
      c.close();
    },
  });
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * `POST /api/login` from the local address `from` (any of 127.0.0.0/8 reaches the server on 127.0.0.1):
 * the server counts failed logins by name and by address, and these come from an address of their own.
 */
export function loginFrom(base: string, from: string, name: string, password: string): Promise<{ status: number; retryAfter: string | undefined; rule: string | undefined }> {
  const body = JSON.stringify({ name, password });
  return new Promise((resolve, reject) => {
    const req = request(
      new URL('api/login', base),
      { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          const json = JSON.parse(text) as { error?: { rule: string } };
          resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'], rule: json.error?.rule });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Ask again every quarter second (the test need not wait out `Retry-After`) until the answer is other than 202. */
export async function untilMade(ask: () => Promise<Response>, tries = 240): Promise<Response> {
  for (let i = 0; i < tries; i++) {
    const r = await ask();
    if (r.status !== 202) return r;
    await r.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`still 202 after ${tries} tries`);
}

/** The name a download came under: `filename*` of its Content-Disposition (RFC 5987), decoded. */
export const downloadName = (r: Response) => decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(r.headers.get('content-disposition') ?? '')?.[1] ?? '');
