// First-run rough edge: browsers ask every page's origin for /favicon.ico; it is there (not a 404).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it('serves /favicon.ico as an icon (16, 32 and 48 pixels)', async () => {
  const res = await fetch(server.url + '/favicon.ico');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/x-icon');
  const ico = Buffer.from(await res.arrayBuffer());
  expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 3]);
  expect([ico[6], ico[22], ico[38]]).toEqual([16, 32, 48]);
});
