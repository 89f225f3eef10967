// Requests as a browser sends them, for the tests that use more than one server.
import { defaultUnits } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import { addUser, type Store } from '@tianbao/store';
import { writeWorkbook } from '@tianbao/xlsx';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildServer, type Checker } from '../src/index.ts';
import { builtChecker } from './checker.ts';

/** A multipart body with one file, as a browser's form sends it. */
export function multipart(fileName: string, bytes: Buffer, field = 'file') {
  const boundary = 'tianbao-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** The session cookie a response set, as a browser would send it back. */
export const cookieOf = (r: LightMyRequestResponse): Record<string, string> => {
  const c = r.cookies.find((k) => k.name === 'tianbao_session');
  return c ? { tianbao_session: c.value } : {};
};

/** Ask `request` again, every quarter second (the test need not wait out `Retry-After`), until it answers other than 202. */
export async function untilMade(request: () => Promise<LightMyRequestResponse>, tries = 120): Promise<LightMyRequestResponse> {
  for (let i = 0; i < tries; i++) {
    const r = await request();
    if (r.statusCode !== 202) return r;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`still 202 after ${tries} tries`);
}

/**
 * A server on `store` with the city's account `city` and 修武县's clerk `xiuwu` (password `password 1`), both
 * logged in: their session cookies by name. Its uploads are checked by `checker` (see `sharedChecker`).
 */
export async function serverWithCityAndClerk(store: Pick<Store, 'db'>, checker: Checker = builtChecker()): Promise<{ app: FastifyInstance; cookies: Record<'city' | 'xiuwu', Record<string, string>> }> {
  const { db } = store;
  await addUser(db, { name: 'city', role: 'city', password: 'password 1' }, defaultUnits);
  await addUser(db, { name: 'xiuwu', role: 'unit', unit: '修武县', password: 'password 1' }, defaultUnits);
  const app = await buildServer({ db, checker });
  const login = async (name: string) => cookieOf(await app.inject({ method: 'POST', url: '/api/login', payload: { name, password: 'password 1' } }));
  return { app, cookies: { city: await login('city'), xiuwu: await login('xiuwu') } };
}

/** A task for June 2023's ledger, due the 28th, opened by a city account (`city`: its cookies) on `app`: its id. */
export async function openJuneLedgerTask(app: FastifyInstance, city: Record<string, string>): Promise<string> {
  return (await app.inject({ method: 'POST', url: '/api/tasks', payload: { form: 'review-ledger', period: '2023-06', due: '2023-06-28' }, cookies: city })).json().id;
}

/** `serverWithCityAndClerk` with June 2023's ledger task opened, and 修武县's June ledger for its clerk to upload. */
export async function juneLedgerToUpload(store: Pick<Store, 'db'>, checker?: Checker) {
  const { app, cookies } = await serverWithCityAndClerk(store, checker);
  const ledger = formById('review-ledger');
  const file = await writeWorkbook(ledger, ledger.samples.find((s) => s.unit === '修武县')!);
  return { app, cookies, task: await openJuneLedgerTask(app, cookies.city), file };
}
