import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Admission control with a limit of one request in progress: a request held open (its body not
 * yet sent) fills the instance, so the next is refused at once with 503 and Retry-After while
 * health still answers; once the held request's connection closes, requests are admitted again.
 * The flood figures (2 × the max rate) are `overload` in `npm run bench`.
 */
describe('admission control (MAX_IN_FLIGHT)', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp({ env: { MAX_IN_FLIGHT: '1' } });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
  });

  /** A login whose body never arrives: in progress until its socket closes. */
  async function hold(): Promise<net.Socket> {
    const { port } = new URL(base);
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write('POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
    await new Promise((r) => setTimeout(r, 200));
    return socket;
  }

  it('refuses a request beyond the limit with 503 and Retry-After, and admits again when the slot frees', async () => {
    expect((await fetch(`${base}/api/public/services`)).status).toBe(200);
    const held = await hold();
    const refused = await fetch(`${base}/api/public/services`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('cache-control')).toContain('no-store');
    await expect(refused.json()).resolves.toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
    // The load balancer's health check is never shed.
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    held.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(`${base}/api/public/services`)).status).toBe(200);
  });

  it('answers a flood with 200 or 503 + Retry-After only, never another 5xx', async () => {
    const res = await Promise.all(Array.from({ length: 60 }, () => fetch(`${base}/api/public/services`)));
    const statuses = res.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses).toContain(200);
    expect(statuses).toContain(503);
    expect(res.filter((r) => r.status === 503).every((r) => r.headers.get('retry-after') === '1')).toBe(true);
    // Every slot was given back: a request after the flood is admitted.
    expect((await fetch(`${base}/api/public/services`)).status).toBe(200);
  });
});
