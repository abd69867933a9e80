import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeLapor {
  url: string;
  token: string;
  /** Reports received, by LAPOR! tracking id. */
  reports: Map<string, { body: Record<string, unknown>; status: string }>;
  /** What LAPOR!'s admin does next: set a report's status. */
  setStatus(trackingId: string, status: string): void;
  close(): Promise<void>;
}

/**
 * A stand-in for SP4N-LAPOR!'s integration API as the bridge assumes it: `POST /api/stream/addstream`
 * (header `token`) → `{ success, trackingid, transaksiid, status }`; `GET /api/stream/status?trackingid=`
 * → `{ success, trackingid, status }`. A wrong token is a 401, an unknown id a 404.
 */
export async function startFakeLapor(token = 'lapor-test-keytoken'): Promise<FakeLapor> {
  const reports = new Map<string, { body: Record<string, unknown>; status: string }>();
  let next = 4_100_000;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers.token !== token) return send(401, { success: false, message: 'invalid token' });
      const url = new URL(req.url ?? '/', 'http://lapor.test');
      if (req.method === 'POST' && url.pathname === '/api/stream/addstream') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        if (typeof body.content !== 'string' || !body.content) return send(422, { success: false, message: 'content required' });
        const trackingId = String(next++);
        reports.set(trackingId, { body, status: 'Belum Terverifikasi' });
        return send(200, { success: true, trackingid: trackingId, transaksiid: `TX${trackingId}`, status: 'Belum Terverifikasi' });
      }
      if (req.method === 'GET' && url.pathname === '/api/stream/status') {
        const id = url.searchParams.get('trackingid') ?? '';
        const r = reports.get(id);
        return r ? send(200, { success: true, trackingid: id, status: r.status }) : send(404, { success: false });
      }
      return send(404, { success: false });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    reports,
    setStatus: (id, status) => {
      const r = reports.get(id);
      if (!r) throw new Error(`no LAPOR! report ${id}`);
      r.status = status;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
