// The icon a browser asks for on every page.
import { freshDatabase } from '@tianbao/store/test-databases';
import { describe, expect, it } from 'vitest';
import { serverWithCityAndClerk } from './requests.ts';

describe('/favicon.ico', () => {
  const database = freshDatabase('sqlite');

  it('is an icon, to anyone, that a browser may keep', async () => {
    const { app } = await serverWithCityAndClerk(await database.open());
    try {
      const r = await app.inject({ method: 'GET', url: '/favicon.ico' });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('image/x-icon');
      expect(r.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
      // An ICO file: reserved 0, type 1 (icon), one image of 16 × 16.
      expect([...r.rawPayload.subarray(0, 8)]).toEqual([0, 0, 1, 0, 1, 0, 16, 16]);
    } finally {
      await app.close();
    }
  });
});
